"""The escalating sequence of image variants and engines that decode() works through."""

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import zxingcpp

from . import geometry as geo
from . import preprocess as pp
from .bases import FRAME_WIDTH
from .engines import ZX_LINEAR, ZX_TILTED, read_zbar, read_zxing

_GH = zxingcpp.Binarizer.GlobalHistogram
# Small images are enlarged to about this side (at most twice): bars then span several pixels,
# and a pass over the enlarged image still costs a few milliseconds.
_ENLARGED_SIDE = 960
_ENLARGE_MIN_FACTOR = 1.5
_MORE = 1.5  # tiny images: enlarged again, to three times their size
# Beyond this side, a full-resolution zxing pass takes longer than the whole still budget.
_HUGE_SIDE = 1600


class Variant(NamedTuple):
    """An image derived from the base image, the transform from base to it, and what names
    the derivation (reads of one image by one engine are one vote, whatever the options)."""

    image: np.ndarray
    to_variant: np.ndarray
    key: object


class Step(NamedTuple):
    """One rung of the ladder: how to derive the image and which engine reads it."""

    name: str
    make: Callable
    read: Callable
    first_pass: bool = False  # runs even when the time budget is spent, unless a code was found
    upright: bool = False  # derives from the base turned so its bars stand upright


def _plain(base):
    return Variant(base.image, geo.identity(), "plain")


def _filtered(base, fn):
    return base.derived(fn, lambda: fn(base.image))


def _pure(fn):
    """Wrap a pure ndarray -> ndarray filter that keeps geometry unchanged."""
    return lambda base: Variant(_filtered(base, fn), geo.identity(), fn)


def _enlargement(shape):
    return min(2.0, _ENLARGED_SIDE / max(shape[:2]))


def _enlarged(fn=None):
    """Enlarged, then the filter fn: small codes' bars span several pixels."""
    def make(base):
        factor = _enlargement(base.image.shape)
        img = base.derived("enlarged", lambda: pp.scale(base.image, factor))
        if fn:
            img = base.derived(("enlarged", fn), lambda: fn(img))
        return Variant(img, geo.scaling(factor), ("enlarged", fn))
    return make


def _enlarged_more(fn):
    """The enlarged, filtered image half as large again: tiny codes whose bars are under a
    pixel wide in the photo."""
    def make(base):
        enlarged = _enlarged(fn)(base)
        img = base.derived(("enlarged-more", fn), lambda: pp.scale(enlarged.image, _MORE))
        return Variant(img, geo.scaling(_MORE) @ enlarged.to_variant, ("enlarged-more", fn))
    return make


def _enlarged_clahe_flattened(base):
    """Glare flattened on the enlarged CLAHE copy: tiny, faint codes."""
    clahe = _enlarged(pp.equalise)(base)
    img = base.derived("enlarged-clahe-flattened", lambda: pp.flatten_glare(clahe.image))
    return Variant(img, clahe.to_variant, "enlarged-clahe-flattened")


def _after(fn):
    """The filter fn at the base size, then enlarged: the filter costs a fraction as much."""
    def make(base):
        factor = _enlargement(base.image.shape)
        img = base.derived(("after", fn), lambda: pp.scale(_filtered(base, fn), factor))
        return Variant(img, geo.scaling(factor), ("after", fn))
    return make


def _rotated(degrees):
    def make(base):
        m, _ = pp.rotation_matrix(base.image.shape, degrees)
        return Variant(pp.rotate(base.image, degrees), geo.affine(m), ("rotated", degrees))
    return make


def _zxing_fast(img):
    """Upright, dark-on-light codes at the given scale: the common case, at a third of the cost."""
    return read_zxing(img, rotate=False, invert=False, downscale=False)


def _zxing_bars(img):
    """Upright linear codes only: filters for bar troubles skip the costly 2D detectors."""
    return read_zxing(img, ZX_LINEAR, rotate=False, invert=False, downscale=False)


def _zxing_bars_gh(img):
    return read_zxing(img, ZX_LINEAR, rotate=False, invert=False, downscale=False, binarizer=_GH)


def _zxing_gh(img):
    return read_zxing(img, binarizer=_GH)


def _zxing_upright_gh(img):
    # Here the shrunk copies pay: an enlarged-then-shrunk QR code is a smoothed one.
    return read_zxing(img, rotate=False, invert=False, binarizer=_GH)


def _zxing_tilted(img):
    # Rotation straightens tilted linear and stacked codes; QR and DataMatrix need no help.
    return read_zxing(img, ZX_TILTED, invert=False)


def _zbar_linear(img):
    return read_zbar(img)


def _zbar_upright(img):
    # Rows only, every third of an enlarged image: each bar is still crossed many times.
    return read_zbar(img, density=3, upright=True)


def _zbar_upright_dense(img):
    # Every other row at the base size: flattened glare leaves bars whole on fewer rows.
    return read_zbar(img, density=2, upright=True)


def _shrunk(base):
    """Huge scans: zxing's own downscaling runs only after a slow full-resolution pass."""
    factor = FRAME_WIDTH / max(base.image.shape[:2])
    return Variant(pp.scale(base.image, factor), geo.scaling(factor), "shrunk")


def _first_steps(shape, frame):
    """The cheap first pass; frames also try the negative (light-on-dark codes) when it misses."""
    if frame:
        return [Step("fast", _plain, _zxing_fast),
                Step("fast-negative", _pure(pp.invert), _zxing_fast, first_pass=True)]
    ladder = [Step("fast", _plain, _zxing_fast)]
    if max(shape[:2]) > _HUGE_SIDE:
        # First, or the slow full-resolution pass would spend the budget before it.
        ladder.insert(0, Step("shrunk", _shrunk, _zxing_fast))
    return ladder


def _enlarged_steps(shape):
    """Small images enlarged, read upright only (half the cost of zxing's try_rotate)."""
    ladder = [
        Step("enlarged", _enlarged(), _zxing_fast, upright=True),
        Step("enlarged-clahe", _enlarged(pp.equalise), _zxing_bars, upright=True),
        Step("enlarged-gh", _enlarged(), _zxing_upright_gh, upright=True),
        Step("zbar-enlarged-clahe", _enlarged(pp.equalise), _zbar_upright, upright=True),
        Step("enlarged-sharp", _enlarged(pp.sharpen), _zxing_bars, upright=True),
        Step("enlarged-flattened", _after(pp.flatten_glare), _zxing_bars, upright=True),
        Step("zbar-flattened", _pure(pp.flatten_glare), _zbar_upright_dense, upright=True),
        Step("enlarged-stretched", _enlarged(pp.stretch_locally), _zxing_bars, upright=True),
        Step("enlarged-sharper", _enlarged(pp.sharpen_hard), _zxing_bars, upright=True),
        Step("zbar-enlarged-adaptive", _enlarged(pp.adaptive), _zbar_upright, upright=True),
    ]
    if _enlargement(shape) * _MORE * max(shape[:2]) <= _ENLARGED_SIDE:
        ladder += [Step("enlarged-more-clahe", _enlarged_more(pp.equalise), _zxing_bars,
                        upright=True),
                   Step("enlarged-clahe-flattened", _enlarged_clahe_flattened, _zxing_bars,
                        upright=True)]
    return ladder


def steps(shape, frame=False):
    """The ladder for a base image of this shape, cheapest and most productive first."""
    small = _enlargement(shape) >= _ENLARGE_MIN_FACTOR
    ladder = _first_steps(shape, frame)
    ladder += [Step("plain", _plain, read_zxing), Step("zbar", _plain, _zbar_linear)]
    # Small images: contrast, sharpening and glare fixes read better enlarged.
    ladder += _enlarged_steps(shape) if small else [Step("clahe", _pure(pp.equalise), read_zxing)]
    ladder += [
        Step("adaptive", _pure(pp.adaptive), read_zxing),
        Step("rotate+15", _rotated(15), _zxing_tilted),
        Step("rotate-15", _rotated(-15), _zxing_tilted),
        Step("global-histogram", _pure(pp.stretch), _zxing_gh),
        Step("zbar-clahe", _pure(pp.equalise), _zbar_linear),
        Step("rotate+30", _rotated(30), _zxing_tilted),
        Step("rotate-30", _rotated(-30), _zxing_tilted),
        Step("denoise", _pure(pp.denoise), read_zxing),
    ]
    if small:
        ladder.append(Step("zbar-enlarged", _enlarged(), _zbar_linear))
    return ladder
