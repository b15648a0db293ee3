"""Draws Stocktap's app icons (a box of barcode bars on teal) as PNGs into pwa/icons/.

Run: .venv/bin/python pwa/tools/make_icons.py
"""
import os

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, os.pardir, "icons")
TEAL = (118, 118, 15)  # BGR of #0f7676
WHITE = (255, 255, 255)
BARS = (2, 1, 3, 1, 2, 2, 1, 3, 1, 2)  # bar widths in units, alternating bar / gap


def draw_mark(img, scale):
    """The box outline with barcode bars, inside `scale` of the canvas (the safe zone)."""
    size = img.shape[0]
    box = int(size * scale)
    x0 = y0 = (size - box) // 2
    stroke = max(2, size // 40)
    cv2.rectangle(img, (x0, y0), (x0 + box, y0 + box), WHITE, stroke, cv2.LINE_AA)
    unit = box * 0.7 / sum(BARS)
    x = x0 + box * 0.15
    for i, width in enumerate(BARS):
        if i % 2 == 0:
            cv2.rectangle(img, (int(x), int(y0 + box * 0.2)),
                          (int(x + width * unit) - 1, int(y0 + box * 0.8)), WHITE, -1)
        x += width * unit


def rounded_mask(size, radius):
    """An alpha mask of a rounded square."""
    mask = np.zeros((size, size), np.uint8)
    cv2.rectangle(mask, (radius, 0), (size - radius, size), 255, -1)
    cv2.rectangle(mask, (0, radius), (size, size - radius), 255, -1)
    for cx in (radius, size - radius - 1):
        for cy in (radius, size - radius - 1):
            cv2.circle(mask, (cx, cy), radius, 255, -1, cv2.LINE_AA)
    return mask


def icon(size, maskable):
    """A BGRA icon; maskable ones are full-bleed with the mark in the central safe zone."""
    img = np.zeros((size, size, 3), np.uint8)
    img[:] = TEAL
    draw_mark(img, 0.5 if maskable else 0.62)
    alpha = np.full((size, size), 255, np.uint8) if maskable else rounded_mask(size, size // 6)
    return np.dstack([img, alpha])


def main():
    """Write the four icons."""
    for size in (192, 512):
        cv2.imwrite(os.path.join(OUT, f"icon-{size}.png"), icon(size, False))
        cv2.imwrite(os.path.join(OUT, f"maskable-{size}.png"), icon(size, True))


if __name__ == "__main__":
    main()
