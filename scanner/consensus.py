"""Votes across engines and ladder steps: a linear code is only reported once reads agree."""

from .geometry import overlaps
from .reading import LINEAR

# Part of a UPC-A/EAN-13 scans as a whole short code: its left half and centre guard look like
# a UPC-E with its end guard. Such a partial read is no rival to the full code it came from.
_PART_OF = {"UPC-E": ("UPC-A", "EAN-13"), "EAN-8": ("UPC-A", "EAN-13")}


def _independent(symbology, voters):
    """Whether the voters are enough for this symbology when nothing contradicts it."""
    if symbology not in LINEAR:
        # QR, DataMatrix and PDF417 carry Reed-Solomon error correction: one read is proof.
        return len(voters) >= 1
    if symbology in ("UPC-E", "EAN-8"):
        # Short retail codes: partial reads of a longer EAN/UPC (even one whose own check digit
        # failed) pass their checks, and each engine repeats its own misreads, so only
        # cross-engine agreement counts.
        return len({engine for engine, _ in voters}) >= 2
    return len(voters) >= 2


def _comparable(a, b):
    """Whether two different linear reads over one spot contradict each other."""
    if a.symbology not in LINEAR or b.symbology not in LINEAR or a.key == b.key:
        return False
    if a.symbology in _PART_OF.get(b.symbology, ()):
        return False  # b may be a partial read of a; a still counts against b
    if "Code128" == a.symbology == b.symbology and not (a.text.isascii() and b.text.isascii()):
        return False  # zbar drops Code128's FNC4 (extended Latin-1): its text is not a rival
    return overlaps(a.polygon, b.polygon)


class Ballot:
    """Collects every read of one decode() call and decides which to report."""

    def __init__(self):
        self._voters = {}
        self._readings = {}

    def add(self, reading, voter):
        """Record one read (polygon in original coordinates) by a voter (the image read)."""
        self._readings.setdefault(reading.key, reading)
        self._voters.setdefault(reading.key, set()).add((reading.engine, voter))

    def is_accepted(self, key):
        """Enough independent reads, and a clear majority over any contradicting read."""
        reading, voters = self._readings.get(key), self._voters.get(key, ())
        if reading is None or not _independent(key[0], voters):
            return False
        rivals = [len(self._voters[k]) for k, other in self._readings.items()
                  if _comparable(reading, other)]
        # Engines disagreeing is a warning: demand a two-to-one majority of at least three reads.
        return not rivals or len(voters) >= max(3, 2 * max(rivals))

    def accepted(self):
        """The readings to report, in the order first seen."""
        return [r for k, r in self._readings.items() if self.is_accepted(k)]
