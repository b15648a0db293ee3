"""Label stocks: roll labels one per page, and A4 sheets of several labels."""
from dataclasses import dataclass

A4 = (210.0, 297.0)


@dataclass(frozen=True)
class LabelSize:
    """A label's width and height in mm; on a sheet, columns x rows from a top-left margin with
    gaps between labels."""

    name: str
    width: float
    height: float
    columns: int = 1
    rows: int = 1
    margin: tuple = (0.0, 0.0)  # left, top (mm)
    gap: tuple = (0.0, 0.0)  # between columns, between rows (mm)

    @property
    def sheet(self):
        """Whether several labels share an A4 page."""
        return self.columns * self.rows > 1

    @property
    def per_page(self):
        """Labels on one page."""
        return self.columns * self.rows

    def position(self, index):
        """(x, y) in mm from the page's top-left of the index-th label on its page."""
        column, row = index % self.columns, index // self.columns % self.rows
        return (self.margin[0] + column * (self.width + self.gap[0]),
                self.margin[1] + row * (self.height + self.gap[1]))


SIZES = {s.name: s for s in (
    LabelSize("50x30", 50, 30),
    LabelSize("100x150", 100, 150),
    LabelSize("a4-70x37", 70, 37.125, 3, 8),  # 3 x 8 edge to edge (e.g. Avery 3474)
    LabelSize("a4-63.5x38.1", 63.5, 38.1, 3, 7, (7.2, 15.15), (2.5, 0)),  # Avery L7160
    LabelSize("a4-105x148", 105, 148.5, 2, 2),  # 4 per sheet (A6)
)}
