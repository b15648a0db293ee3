"""Second opinions on a linear read must be independent evidence, not the same artefact twice."""

import importlib

import numpy as np

from scanner import decode
from scanner.engines import read_zxing
from scanner.ladder import Step, Variant

# The package exports the decode function under the module's name.
decode_module = importlib.import_module("scanner.decode")

from .factories import UNLIMITED, SAMPLE_TEXTS, make_code, on_canvas


def only_step(monkeypatch, make):
    """Run decode() with a one-step ladder reading make()'s image with zxing, and no zbar."""
    step = Step("filtered", make, read_zxing)
    monkeypatch.setattr(decode_module, "steps", lambda shape, frame=False: [step])
    monkeypatch.setattr(decode_module, "_zbar_dense", lambda crop: ([], 1.0))


def test_zxing_rereading_a_filtered_image_does_not_confirm_its_own_read(monkeypatch):
    # A filter that invents a code (as hard sharpening can invent digits): only the variant has it.
    painted = on_canvas(make_code("EAN-13"))
    only_step(monkeypatch, lambda base: Variant(painted, np.eye(3)))
    assert decode(np.full_like(painted, 230), mode="still", budget_ms=UNLIMITED) == []


def test_zxing_rereading_the_base_confirms_a_read_the_base_supports(monkeypatch):
    image = on_canvas(make_code("EAN-13"))
    only_step(monkeypatch, lambda base: Variant(base.image, np.eye(3)))
    readings = decode(image, mode="still", budget_ms=UNLIMITED)
    assert [r.text for r in readings] == [SAMPLE_TEXTS["EAN-13"]]
