"""What a label carries, whatever it is printed with: lines of text and up to two symbols.

GS1 element strings are built here and nowhere else. Fixed-length AIs come first (01 GTIN-14,
17 expiry YYMMDD) and the variable-length lot (10) last, so no FNC1 separator is needed after it.
"""
from dataclasses import dataclass

from ..catalog.codes import is_valid_gtin
from ..errors import Invalid

# GS1 General Specifications, figure 7.11-1 ("CSET 82"): what AI 10 may hold.
CSET_82 = frozenset("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
                    "abcdefghijklmnopqrstuvwxyz")
KINDS = ("code128", "gs1-128", "qr", "datamatrix")


@dataclass(frozen=True)
class Symbol:
    """One barcode: kind is one of KINDS; for GS1 kinds, elements is ((ai, value), ...)."""

    kind: str
    text: str = ""
    elements: tuple = ()

    def hri(self):
        """The human-readable text under the symbol: GS1 AIs in brackets."""
        return "".join(f"({ai}){value}" for ai, value in self.elements) or self.text


@dataclass(frozen=True)
class Label:
    """Lines of text (the first one large) beside a square symbol, a linear symbol below."""

    lines: tuple
    linear: Symbol | None = None
    square: Symbol | None = None


def gtin14(product):
    """The product's first barcode that is a valid GTIN, padded to 14 digits, or None."""
    for barcode in sorted(product.barcodes, key=lambda b: b.id):
        if barcode.code.isdigit() and is_valid_gtin(barcode.code):
            return barcode.code.zfill(14)
    return None


def gs1_elements(gtin, lot=None):
    """((ai, value), ...) for a GTIN-14 and maybe a lot with its expiry; Invalid "bad_lot_code"."""
    elements = [("01", gtin)]
    if lot is not None and lot.expiry is not None:
        elements.append(("17", lot.expiry.strftime("%y%m%d")))
    if lot is not None:
        bad = sorted(set(lot.code) - CSET_82)
        if bad or not 1 <= len(lot.code) <= 20:
            raise Invalid(f"Lot {lot.code!r} cannot go in a GS1 barcode: AI 10 holds 1 to 20 of "
                          f"GS1's characters (not {''.join(bad) or 'this length'}).",
                          field="lot_id", code="bad_lot_code")
        elements.append(("10", lot.code))
    return tuple(elements)


def element_string(elements, fnc1):
    """The data of a GS1 symbol: a leading FNC1, and FNC1 after each variable-length element but
    the last (only AI 10 is variable here and it comes last)."""
    body = ""
    for index, (ai, value) in enumerate(elements):
        body += ai + value
        if ai == "10" and index < len(elements) - 1:
            body += fnc1
    return fnc1 + body
