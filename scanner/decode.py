"""decode(): run the ladder within a time budget and report only agreed readings."""

import dataclasses
import time

import zxingcpp

from . import geometry as geo
from . import preprocess as pp
from .consensus import Ballot
from .engines import ZX_LINEAR, read_zbar, read_zxing
from .images import as_grey
from .bases import frame_bases, still_bases
from .ladder import steps
from .reading import LINEAR

MODES = ("frame", "still")
# Frame mode: one cheap pass unless the caller grants time; still mode: escalate for this long.
DEFAULT_BUDGET_MS = {"frame": 0.0, "still": 30.0}
_CROP_MIN_WIDTH = 400


def _enlarged(crop):
    """Upscale small crops so bars are several pixels wide for zxing's re-read."""
    return (pp.scale(crop, 2.0), 2.0) if crop.shape[1] < _CROP_MIN_WIDTH else (crop, 1.0)


def _zbar_dense(crop):
    # Every third line: enough for a second opinion, and zbar slows down badly on noisy crops.
    return read_zbar(crop, density=3), 1.0


def _zxing_enlarged(crop):
    big, factor = _enlarged(crop)
    return read_zxing(big, ZX_LINEAR, binarizer=zxingcpp.Binarizer.GlobalHistogram), factor


def _zxing_crop(crop):
    return read_zxing(crop, ZX_LINEAR), 1.0


def _second_readers(engine):
    """Readers for the area around a read: the other engine first, then zxing on a larger crop."""
    if engine == "zxing":
        return [("zbar-crop", _zbar_dense), ("zxing-crop-gh", _zxing_enlarged)]
    return [("zxing-crop", _zxing_crop), ("zxing-crop-gh", _zxing_enlarged)]


def _second_opinion(ballot, found, variant_image, to_original, step):
    """Re-read the area around a linear reading with other readers; every read found votes."""
    x0, y0, x1, y1 = geo.crop_box(variant_image.shape, found.polygon)
    crop = variant_image[y0:y1, x0:x1]
    for name, reader in _second_readers(found.engine):
        others, factor = reader(crop)
        to_crop = geo.scaling(factor) @ geo.translation(x0, y0)
        for other in others:
            polygon = geo.map_back(other.polygon, to_crop @ to_original)
            ballot.add(dataclasses.replace(other, polygon=polygon), f"{step}/{name}")
        if ballot.is_accepted(found.key):
            return


def _run_step(ballot, step, bases):
    """Decode one ladder variant and ask for second opinions on unconfirmed linear reads."""
    base = bases.get(step.upright)
    variant = step.make(base)
    to_variant = variant.to_variant @ base.to_image
    for found in step.read(variant.image):
        ballot.add(dataclasses.replace(found, polygon=geo.map_back(found.polygon, to_variant)),
                   step.name)
        if found.symbology in LINEAR and not ballot.is_accepted(found.key):
            _second_opinion(ballot, found, variant.image, to_variant, step.name)


def decode(image, mode="frame", budget_ms=None):
    """Decode barcodes in an ndarray (grey/BGR) or PNG/JPEG/WebP bytes; raises ImageError, ValueError."""
    started = time.perf_counter()
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    grey = as_grey(image)
    budget = DEFAULT_BUDGET_MS[mode] if budget_ms is None else float(budget_ms)
    deadline = started + budget / 1000.0
    bases = frame_bases(grey) if mode == "frame" else still_bases(grey)
    ballot = Ballot()
    for index, step in enumerate(steps(bases.shape, frame=mode == "frame")):
        if index and (ballot.accepted() or (
                not step.first_pass and time.perf_counter() >= deadline)):
            break
        _run_step(ballot, step, bases)
    return ballot.accepted()
