"""Quiet-zone evidence for retail reads: is an EAN/UPC read a whole symbol, or part of one?

zxing-cpp reads the end of a Code 128 whose own quiet zone is cut (a tight crop of a GS1-128)
backwards as a UPC-A or EAN-13 with a valid check digit: a wrong product, the worst outcome of a
scan. A real EAN/UPC has blank space beyond its guards; a read taken from inside a longer symbol
has that symbol's next bar right beside its own end.
"""

import cv2
import numpy as np

from .checks import RETAIL

# Modules from guard to guard.
_MODULES = {"EAN-13": 95, "UPC-A": 95, "EAN-8": 67, "UPC-E": 51}
# Where to look beyond each end, in modules. A longer symbol goes on with a space then a bar,
# and Code 128 has no space wider than four modules; an EAN-2/5 add-on starts 7 modules away
# at the least, beyond this window.
_BEYOND = np.arange(0.5, 6.5, 0.25)
# Scan lines across the read, as fractions of its height. A bar of a longer symbol crosses
# every one; print beside a code (its human-readable digits, a logo) misses some.
_LINES = (0.15, 0.3, 0.5, 0.7, 0.85)
# A bar beyond the end: this much of the read's own contrast below the space before it. The
# shared photos' EAN/UPC reads score at most 0.17; tight crops of Code 128 read as EAN/UPC
# (found by bench/scanner_misreads.py-style runs with tuning seeds) score 0.65-1.0.
_BAR_CONTRAST = 0.5


def _samples(grey, origin, step, offsets, across):
    """Grey values at origin + offset * step on each scan line (rows); outside reads white."""
    lines = origin + (np.asarray(_LINES)[:, None] - 0.5) * across  # one start point per line
    points = (lines[:, None, :] + np.asarray(offsets)[None, :, None] * step).astype(np.float32)
    values = cv2.remap(grey, points[..., 0], points[..., 1], cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    return values.astype(np.float32)


def _bar_depth(profile, light):
    """How far profile falls below the lightest space before it (counted at most as light)."""
    return float((np.minimum(light, np.maximum.accumulate(profile)) - profile).max())


def bars_continue(grey, reading):
    """Whether a zxing EAN/UPC read has another bar just beyond one of its guards, that is, is
    part of a longer symbol. zbar's polygon spans only what it scanned, so its reads are not
    judged (False)."""
    if reading.symbology not in RETAIL or reading.engine != "zxing":
        return False
    tl, tr, br, bl = np.asarray(reading.polygon, dtype=np.float64)
    start, end, across = (tl + bl) / 2, (tr + br) / 2, (bl + br - tl - tr) / 2
    modules = _MODULES[reading.symbology]
    module = (end - start) / modules
    if np.hypot(*module) < 0.5:
        return False
    inside = np.median(_samples(grey, start, module, np.arange(0, modules, 0.25), across), axis=0)
    dark, light = np.percentile(inside, 10), np.percentile(inside, 90)
    if light - dark < 1:
        return False
    depths = [_bar_depth(_samples(grey, origin, step, _BEYOND, across).max(axis=0), light)
              for origin, step in ((end, module), (start, -module))]
    return bool(max(depths) > _BAR_CONTRAST * (light - dark))
