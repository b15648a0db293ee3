"""The images the ladder starts from: as given, or turned so the bars stand upright."""

import numpy as np

from . import geometry as geo
from . import preprocess as pp

FRAME_WIDTH = 640
# Bars more than this far from upright read better after a quarter turn.
_FLAT_BARS_DEGREES = 60


class Base:
    """One starting image and its transform from the caller's image; shares derived images."""

    def __init__(self, image, to_image, name="as-given"):
        self.image = image
        self.to_image = to_image
        self.name = name
        self._derived = {}

    def derived(self, key, make):
        """The image make() returns, computed once per decode() call (steps share enlargements)."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]


def _quarter_turn_matrix(shape):
    """The transform of quarter_turn on an image of this shape: (x, y) -> (h - 1 - y, x)."""
    height = shape[0]
    return np.array([[0.0, -1.0, height - 1.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])


def _bars_upright(base):
    """The base turned a quarter if its bars lie flat, so upright-only passes read it.

    zxing's own try_rotate would cost about four times the whole first pass on every frame.
    """
    if abs(pp.bar_angle(base.image)) <= _FLAT_BARS_DEGREES:
        return base
    return Base(pp.quarter_turn(base.image),
                _quarter_turn_matrix(base.image.shape) @ base.to_image, "turned")


class Bases:
    """The image as given and, made on first use, the same with its bars upright."""

    def __init__(self, base, upright=False):
        self._as_given = base
        self._upright = base if upright else None
        self.shape = base.image.shape

    def get(self, upright):
        """The Base a step starts from."""
        if not upright:
            return self._as_given
        if self._upright is None:
            self._upright = _bars_upright(self._as_given)
        return self._upright


def frame_bases(grey):
    """Downscale wide video frames to about 640 px (enough resolution, a quarter of the work),
    and stand lying bars upright."""
    side = max(grey.shape[:2])  # portrait frames too
    if side <= FRAME_WIDTH * 1.5:
        return Bases(_bars_upright(Base(grey, geo.identity())), upright=True)
    factor = FRAME_WIDTH / side
    return Bases(_bars_upright(Base(pp.scale(grey, factor), geo.scaling(factor))), upright=True)


def still_bases(grey):
    """Stills start as given (zxing's try_rotate covers the early passes); turned on demand."""
    return Bases(Base(grey, geo.identity()))
