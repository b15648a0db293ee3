"""The escalating sequence of image variants and engines that decode() works through."""

from typing import Callable, NamedTuple

import numpy as np
import zxingcpp

from . import geometry as geo
from . import preprocess as pp
from .engines import ZX_TILTED, read_zbar, read_zxing

_GH = zxingcpp.Binarizer.GlobalHistogram
FRAME_WIDTH = 640
_ENLARGE_MAX_SIDE = 1000


class Variant(NamedTuple):
    """An image derived from the base image and the transform from base to it."""

    image: np.ndarray
    to_variant: np.ndarray


class Step(NamedTuple):
    """One rung of the ladder: how to derive the image and which engine reads it."""

    name: str
    make: Callable
    read: Callable


def _plain(grey):
    return Variant(grey, geo.identity())


def _pure(fn):
    """Wrap a pure ndarray -> ndarray filter that keeps geometry unchanged."""
    return lambda grey: Variant(fn(grey), geo.identity())


def _scaled(factor, fn=None):
    def make(grey):
        img = pp.scale(grey, factor)
        return Variant(fn(img) if fn else img, geo.scaling(factor))
    return make


def _rotated(degrees):
    def make(grey):
        m, _ = pp.rotation_matrix(grey.shape, degrees)
        return Variant(pp.rotate(grey, degrees), geo.affine(m))
    return make


def _zxing_fast(img):
    """Upright, dark-on-light codes at the given scale: the common case, at a third of the cost."""
    return read_zxing(img, rotate=False, invert=False, downscale=False)


def _zxing_gh(img):
    return read_zxing(img, binarizer=_GH)


def _zxing_tilted(img):
    # Rotation straightens tilted linear and stacked codes; QR and DataMatrix need no help.
    return read_zxing(img, ZX_TILTED, invert=False)


def _zbar_linear(img):
    return read_zbar(img)


def frame_base(grey):
    """Downscale wide video frames to about 640 px: enough resolution, a quarter of the work."""
    if grey.shape[1] <= FRAME_WIDTH * 1.5:
        return grey, geo.identity()
    factor = FRAME_WIDTH / grey.shape[1]
    return pp.scale(grey, factor), geo.scaling(factor)


def steps(shape):
    """The ladder for a base image of this shape, cheapest and most productive first."""
    small = max(shape[:2]) <= _ENLARGE_MAX_SIDE
    ladder = [Step("fast", _plain, _zxing_fast), Step("plain", _plain, read_zxing),
              Step("zbar", _plain, _zbar_linear)]
    if small:
        ladder.append(Step("enlarged", _scaled(2), read_zxing))
    ladder += [Step("clahe", _pure(pp.equalise), read_zxing)]
    if small:
        ladder.append(Step("enlarged-sharp", _scaled(2, pp.sharpen), read_zxing))
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
        ladder.append(Step("zbar-enlarged", _scaled(2), _zbar_linear))
    return ladder
