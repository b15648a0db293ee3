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
# Beyond this side, a full-resolution zxing pass takes longer than the whole still budget.
_HUGE_SIDE = 1600
# Bars more than this far from upright read better after a quarter turn.
_FLAT_BARS_DEGREES = 60


class Variant(NamedTuple):
    """An image derived from the base image and the transform from base to it."""

    image: np.ndarray
    to_variant: np.ndarray


class Step(NamedTuple):
    """One rung of the ladder: how to derive the image and which engine reads it."""

    name: str
    make: Callable
    read: Callable
    first_pass: bool = False  # runs even when the time budget is spent, unless a code was found


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


def _quarter_turn_matrix(shape):
    """The transform of quarter_turn on an image of this shape: (x, y) -> (h - 1 - y, x)."""
    height = shape[0]
    return np.array([[0.0, -1.0, height - 1.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])


def _bars_upright(grey, to_grey):
    """Turn a frame whose bars lie flat a quarter turn, so the upright-only first pass reads it.

    zxing's own try_rotate would cost about four times the whole first pass on every frame.
    """
    if abs(pp.bar_angle(grey)) <= _FLAT_BARS_DEGREES:
        return grey, to_grey
    return pp.quarter_turn(grey), _quarter_turn_matrix(grey.shape) @ to_grey


def frame_base(grey):
    """Downscale wide video frames to about 640 px (enough resolution, a quarter of the work),
    and stand lying bars upright."""
    side = max(grey.shape[:2])  # portrait frames too
    if side <= FRAME_WIDTH * 1.5:
        return _bars_upright(grey, geo.identity())
    factor = FRAME_WIDTH / side
    return _bars_upright(pp.scale(grey, factor), geo.scaling(factor))


def _shrunk(grey):
    """Huge scans: zxing's own downscaling runs only after a slow full-resolution pass."""
    factor = FRAME_WIDTH / max(grey.shape[:2])
    return Variant(pp.scale(grey, factor), geo.scaling(factor))


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


def steps(shape, frame=False):
    """The ladder for a base image of this shape, cheapest and most productive first."""
    small = max(shape[:2]) <= _ENLARGE_MAX_SIDE
    ladder = _first_steps(shape, frame)
    ladder += [Step("plain", _plain, read_zxing), Step("zbar", _plain, _zbar_linear)]
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
