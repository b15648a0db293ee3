"""Where things go on one label, in mm from its top-left corner; the PDF and ZPL writers draw it.

Text at the top left, the square symbol (QR, DataMatrix) at the top right, the linear symbol
across the bottom with its human-readable text under it.
"""
from dataclasses import dataclass

PAD = 2.0  # mm of blank edge (a quiet zone for the symbols)
HRI = 2.2  # mm: height of the text under a linear symbol
MIN_TEXT = 2.0  # mm: smaller text is not read on a shelf
GLYPH = 0.6  # an average glyph's width, in its height


@dataclass(frozen=True)
class Box:
    """A rectangle in mm from the label's top-left corner."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Placed:
    """Where a label's pieces go: text lines (box, size in mm, text), the symbols' boxes."""

    lines: tuple
    linear: Box | None
    square: Box | None


def place(label, size):
    """The Placed pieces of label on a LabelSize."""
    width, height = size.width - 2 * PAD, size.height - 2 * PAD
    linear = None
    if label.linear is not None:
        bars = min(height * 0.3, 18.0)
        linear = Box(PAD, PAD + height - bars - HRI, width, bars)
        height -= bars + HRI + 1.0
    square = None
    if label.square is not None:
        side = min(height, width * (0.45 if label.lines else 1.0))
        square = Box(PAD + width - side, PAD, side, side)
        width -= side + 1.5
    return Placed(_lines(label.lines, width, height), linear, square)


def _lines(texts, width, height):
    """(box, size, text) for each line that fits: the first large, the rest smaller; a long
    line is set smaller (down to MIN_TEXT) before it is cut short."""
    placed, y = [], PAD
    for index, text in enumerate(texts):
        size = min(height / 4, 6.0) * (1.0 if index == 0 else 0.7)
        if y + size > PAD + height or size < MIN_TEXT:
            break
        size = max(MIN_TEXT, min(size, width / (len(text) * GLYPH)))
        fits = max(1, int(width / (size * GLYPH) + 1e-6))
        text = text if len(text) <= fits else text[:fits - 1] + "…"
        placed.append((Box(PAD, y, width, size), size, text))
        y += size * 1.25
    return tuple(placed)
