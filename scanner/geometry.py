"""Coordinate bookkeeping between the caller's image and the variants the ladder decodes."""

import numpy as np


def identity():
    """The 3x3 transform of an unchanged image."""
    return np.eye(3)


def scaling(factor):
    """The 3x3 transform of a uniform resize."""
    return np.diag([factor, factor, 1.0])


def affine(m2x3):
    """Lift a 2x3 OpenCV affine matrix to 3x3."""
    return np.vstack([m2x3, [0.0, 0.0, 1.0]])


def translation(dx, dy):
    """The 3x3 transform of a crop whose top-left corner is (dx, dy)."""
    return np.array([[1.0, 0.0, -dx], [0.0, 1.0, -dy], [0.0, 0.0, 1.0]])


def map_back(polygon, to_variant):
    """Map polygon points from variant coordinates back to the original image."""
    inverse = np.linalg.inv(to_variant)
    pts = np.array([[x, y, 1.0] for x, y in polygon]).T
    back = inverse @ pts
    return tuple((round(float(x), 1), round(float(y), 1)) for x, y in back[:2].T)


def bbox(polygon):
    """Axis-aligned (x0, y0, x1, y1) around a polygon."""
    pts = np.asarray(polygon, dtype=float)
    return (*pts.min(axis=0), *pts.max(axis=0))


def overlaps(poly_a, poly_b, slack=4.0):
    """Whether two polygons' boxes touch (zbar's polygon for 1D codes is only the scanned span)."""
    ax0, ay0, ax1, ay1 = bbox(poly_a)
    bx0, by0, bx1, by1 = bbox(poly_b)
    return ax0 - slack <= bx1 and bx0 - slack <= ax1 and ay0 - slack <= by1 and by0 - slack <= ay1


def crop_box(shape, polygon, margin=0.25, minimum=12):
    """An integer box around a polygon, enlarged to include the quiet zones, clipped to the image."""
    x0, y0, x1, y1 = bbox(polygon)
    mx = (x1 - x0) * margin + minimum
    my = (y1 - y0) * margin + minimum
    h, w = shape[:2]
    return (int(max(0, x0 - mx)), int(max(0, y0 - my)),
            int(min(w, x1 + mx + 1)), int(min(h, y1 + my + 1)))
