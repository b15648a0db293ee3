"""Agreement on a linear read must be independent evidence, not the same artefact read twice."""

import functools
import importlib

import numpy as np

from scanner import decode
from scanner.engines import read_zxing
from scanner.ladder import Step, Variant

from .factories import SAMPLE_TEXTS, UNLIMITED, make_code, on_canvas

# The package exports the decode function under the module's name.
decode_module = importlib.import_module("scanner.decode")



def only_steps(monkeypatch, make, readers=(read_zxing,)):
    """Run decode() with a ladder reading make()'s image with each reader, and no zbar."""
    ladder = [Step(f"step-{i}", make, reader) for i, reader in enumerate(readers)]
    monkeypatch.setattr(decode_module, "steps", lambda shape, frame=False: ladder)
    monkeypatch.setattr(decode_module, "_zbar_dense", lambda crop: ([], 1.0))


def painter(image):
    """A filter that invents a code (as hard sharpening can invent digits): only it has it."""
    return lambda base: Variant(image, np.eye(3), "painted")


def test_zxing_rereading_a_filtered_image_does_not_confirm_its_own_read(monkeypatch):
    painted = on_canvas(make_code("EAN-13"))
    only_steps(monkeypatch, painter(painted))
    assert decode(np.full_like(painted, 230), mode="still", budget_ms=UNLIMITED) == []


def test_two_steps_reading_one_image_with_one_engine_are_one_vote(monkeypatch):
    painted = on_canvas(make_code("EAN-13"))
    upright_only = functools.partial(read_zxing, rotate=False, invert=False, downscale=False)
    only_steps(monkeypatch, painter(painted), readers=(upright_only, read_zxing))
    assert decode(np.full_like(painted, 230), mode="still", budget_ms=UNLIMITED) == []


def test_zxing_rereading_the_base_confirms_a_read_the_base_supports(monkeypatch):
    image = on_canvas(make_code("EAN-13"))
    only_steps(monkeypatch, lambda base: Variant(base.image, np.eye(3), "plain"))
    readings = decode(image, mode="still", budget_ms=UNLIMITED)
    assert [r.text for r in readings] == [SAMPLE_TEXTS["EAN-13"]]
