"""The Reading value that decode() returns."""

from dataclasses import dataclass

SYMBOLOGIES = ("EAN-13", "EAN-8", "UPC-A", "UPC-E", "Code128", "Code39", "ITF",
               "QRCode", "DataMatrix", "PDF417")
LINEAR = frozenset({"EAN-13", "EAN-8", "UPC-A", "UPC-E", "Code128", "Code39", "ITF"})


@dataclass(frozen=True)
class Reading:
    """One decoded symbol; polygon points are in the caller's image coordinates."""

    symbology: str
    text: str
    raw: bytes
    polygon: tuple
    gtin: str | None = None
    is_gs1: bool = False
    engine: str = "zxing"

    @property
    def key(self):
        """What identifies the symbol's content, for de-duplication and tracking."""
        return (self.symbology, self.text)
