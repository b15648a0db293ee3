"""decode(): run the ladder within a time budget and report only agreed readings."""

import dataclasses
import time

import zxingcpp

from . import geometry as geo
from . import preprocess as pp
from .bases import frame_bases, still_bases
from .consensus import Ballot
from .engines import ZX_LINEAR, read_zbar, read_zxing
from .images import as_grey
from .ladder import steps
from .quiet import bars_continue
from .reading import LINEAR

MODES = ("frame", "still")
# Frame mode: one cheap pass unless the caller grants time; still mode: escalate for this long.
DEFAULT_BUDGET_MS = {"frame": 0.0, "still": 35.0}
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
    """Readers for the area around a read, and whether they read the unfiltered base image.

    The other engine reads the same variant; zxing confirming itself reads the base, or a
    filter's artefact (ringing after hard sharpening) read twice would count as agreement.
    """
    if engine == "zxing":
        return [("zbar-crop", _zbar_dense, False), ("zxing-crop-gh", _zxing_enlarged, True)]
    return [("zxing-crop", _zxing_crop, False), ("zxing-crop-gh", _zxing_enlarged, False)]


def _crop_around(image, to_image, polygon):
    """The area around a polygon (in image coordinates) and the transform from the caller's."""
    x0, y0, x1, y1 = geo.crop_box(image.shape, polygon)
    return image[y0:y1, x0:x1], geo.translation(x0, y0) @ to_image


def _vote(ballot, grey, reading, voter):
    """Add a read (polygon in the caller's coordinates) unless it is part of a longer symbol."""
    if bars_continue(grey, reading):
        return False
    ballot.add(reading, voter)
    return True


def _second_opinion(ballot, grey, found, variant, base, source):
    """Re-read the area around a linear reading with other readers; every read found votes."""
    to_variant = variant.to_variant @ base.to_image
    on_base = geo.map_back(found.polygon, variant.to_variant)
    for name, reader, from_base in _second_readers(found.engine):
        crop, to_crop = (_crop_around(base.image, base.to_image, on_base) if from_base
                         else _crop_around(variant.image, to_variant, found.polygon))
        others, factor = reader(crop)
        for other in others:
            polygon = geo.map_back(other.polygon, geo.scaling(factor) @ to_crop)
            image = (base.name, "crop") if from_base else (*source, "crop")
            _vote(ballot, grey, dataclasses.replace(other, polygon=polygon), (*image, name))
        if ballot.is_accepted(found.key):
            return


def _run_step(ballot, grey, step, bases):
    """Decode one ladder variant and ask for second opinions on unconfirmed linear reads."""
    base = bases.get(step.upright)
    variant = step.make(base)
    to_variant = variant.to_variant @ base.to_image
    # The voter is the image, not the step: one engine reading one image twice (other options,
    # another binarizer) repeats its misreads.
    source = (base.name, variant.key)
    for found in step.read(variant.image):
        reading = dataclasses.replace(found, polygon=geo.map_back(found.polygon, to_variant))
        if (_vote(ballot, grey, reading, source) and found.symbology in LINEAR
                and not ballot.is_accepted(found.key)):
            _second_opinion(ballot, grey, found, variant, base, source)


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
        _run_step(ballot, grey, step, bases)
    return ballot.accepted()
