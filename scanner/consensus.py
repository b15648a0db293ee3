"""Votes across engines and ladder steps: a linear code is only reported once two reads agree."""

from .geometry import overlaps
from .reading import LINEAR


def _independent(symbology, voters):
    """Whether the voters are enough for this symbology."""
    if symbology not in LINEAR:
        # QR, DataMatrix and PDF417 carry Reed-Solomon error correction: one read is proof.
        return len(voters) >= 1
    if symbology == "UPC-E":
        # Six digits and a parity-coded check: partial reads of other EAN/UPC codes pass its
        # checks, and both engines repeat their own misreads, so only cross-engine agreement counts.
        return len({engine for engine, _ in voters}) >= 2
    return len(voters) >= 2


class Ballot:
    """Collects the readings of one decode() call and decides which to report."""

    def __init__(self):
        self._voters = {}
        self._readings = {}
        self._disputed = set()

    def add(self, reading, step):
        """Record one read of a symbol (polygon already in original coordinates)."""
        self._readings.setdefault(reading.key, reading)
        self._voters.setdefault(reading.key, set()).add((reading.engine, step))

    def dispute(self, key):
        """Mark a symbol whose reads conflict: it will not be reported by this call."""
        self._disputed.add(key)

    def is_settled(self, key):
        """Whether the symbol is already accepted or disputed (no more reads needed)."""
        return key in self._disputed or self._is_accepted(key)

    def _is_accepted(self, key):
        voters = self._voters.get(key, ())
        return key not in self._disputed and _independent(key[0], voters)

    def accepted(self):
        """The accepted readings, minus any two different linear texts over the same spot."""
        found = [r for k, r in self._readings.items() if self._is_accepted(k)]
        return [r for r in found if not _has_rival(r, found)]


def _has_rival(reading, found):
    """Whether another accepted linear reading with a different text overlaps this one."""
    if reading.symbology not in LINEAR:
        return False
    return any(o.key != reading.key and o.symbology in LINEAR
               and overlaps(o.polygon, reading.polygon, slack=0.0) for o in found)


def conflicts(reading, others):
    """Whether a second engine read different linear content over the same spot."""
    for other in others:
        if other.symbology not in LINEAR or other.key == reading.key:
            continue
        if not overlaps(other.polygon, reading.polygon):
            continue
        if "Code128" == reading.symbology == other.symbology and not reading.text.isascii():
            continue  # zbar drops Code128's FNC4 (extended Latin-1), so it cannot judge these
        return True
    return False
