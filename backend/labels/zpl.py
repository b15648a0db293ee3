"""Labels in ZPL II for Zebra printers: one ^XA ... ^XZ format per label.

Every field goes through ^FH (hex escapes, indicator "\\"): any character but a safe few is sent
as its UTF-8 bytes in hex (^CI28 says UTF-8), so a "^" or "~" in a product name or lot is printed,
never read as a command. Code 128 data gets ">" as "><" (ZPL's invocation codes start with ">").
GS1-128 is ^BC in no-auto mode with explicit subsets: >; start C, >8 FNC1, >6 to subset B.
GS1 DataMatrix is ^BX quality 200 with "`" as escape character, so "`1" is FNC1; "`" is not one
of the characters GS1 allows in a lot (content.CSET_82), so no data can contain it.
"""
import re

import segno

from .layout import HRI, place
from .symbols import datamatrix_modules

DOTS_PER_MM = {203: 8, 300: 12}
MAX_MODULE = 0.5  # mm
DM_ESCAPE = "`"
_SAFE = re.compile(r"[A-Za-z0-9 .,:/()+*-]")


def render_zpl(labels, size, dpi):
    """The ZPL text of labels on a LabelSize (each its own format) for a printer of dpi."""
    dpmm = DOTS_PER_MM[dpi]
    made = {}  # label -> its format: a PO's 1000 unit labels are made once
    return "".join(made.get(label) or made.setdefault(label, _label(label, size, dpmm))
                   for label in labels)


def _label(label, size, dpmm):
    """^XA ... ^XZ of one label."""
    def dots(mm):
        return max(0, round(mm * dpmm))

    placed = place(label, size)
    out = [f"^XA^CI28^PW{dots(size.width)}^LL{dots(size.height)}^LH0,0"]
    for box, text_size, text in placed.lines:
        out.append(_text(dots(box.x), dots(box.y), dots(text_size), dots(box.width), text))
    if placed.linear is not None:
        out.append(_linear(label.linear, placed.linear, dots, dpmm))
    if placed.square is not None:
        box = placed.square
        draw = _datamatrix if label.square.kind == "datamatrix" else _qr
        out.append(draw(label.square, dots(box.x), dots(box.y), dots(box.width)))
    out.append("^XZ")
    return "\n".join(out) + "\n"


def escape(text, code128=False):
    """text for a ^FH\\ field: safe characters as they are, others as \\XX per UTF-8 byte."""
    out = []
    for char in text:
        if _SAFE.fullmatch(char):
            out.append(char)
        elif char == ">" and code128:
            out.append("><")
        else:
            out.append("".join(f"\\{byte:02X}" for byte in char.encode()))
    return "".join(out)


def _text(x, y, height, width, text):
    """One line of text, cut to the width."""
    return f"^FO{x},{y}^A0N,{height},{height}^FB{width},1,0,L,0^FH\\^FD{escape(text)}^FS"


def _linear(symbol, box, dots, dpmm):
    """Code 128 (GS1-128 when it has elements) centred in box, its text under it."""
    if symbol.elements:
        data, codewords = _gs1_128(symbol.elements)
    else:
        data, codewords = ">:" + escape(symbol.text, code128=True), 2 + len(symbol.text)
    modules = 11 * codewords + 13  # start and data and check character, then the stop
    module = max(1, min(int(MAX_MODULE * dpmm), dots(box.width) // modules))
    x = dots(box.x) + max(0, (dots(box.width) - module * modules) // 2)
    bars = (f"^FO{x},{dots(box.y)}^BY{module}^BCN,{dots(box.height)},N,N,N,N"
            f"^FH\\^FD{data}^FS")
    text = _text(dots(box.x), dots(box.y + box.height + 0.2), dots(HRI * 0.9), dots(box.width),
                 symbol.hri()).replace(",1,0,L,0", ",1,0,C,0")
    return bars + "\n" + text


def _gs1_128(elements):
    """(^FD data, codeword count with start and check) of a GS1-128: the AIs and fixed-length
    values in subset C (always an even count of digits), a lot's value (always last) in B."""
    digits = "".join(ai + value for ai, value in elements if ai != "10")
    lot = dict(elements).get("10")
    data, codewords = ">;>8" + digits, 3 + len(digits) // 2  # start C, FNC1, pairs, check
    if lot is not None:
        data += "10>6" + escape(lot, code128=True)
        codewords += 2 + len(lot)  # "10" as one pair, CODE B, the lot
    return data, codewords


def _datamatrix(symbol, x, y, side):
    """A GS1 DataMatrix (ECC 200) of about side dots."""
    module = max(1, side // datamatrix_modules(symbol).shape[0])
    data = DM_ESCAPE + "1" + "".join(ai + escape(value) for ai, value in symbol.elements)
    return f"^FO{x},{y}^BXN,{module},200,,,,{DM_ESCAPE}^FH\\^FD{data}^FS"


def _qr(symbol, x, y, side):
    """A QR code (model 2, error correction M) of about side dots."""
    modules = segno.make(symbol.text, error="m", micro=False).symbol_size(border=0)[0]
    magnification = max(1, min(10, side // modules))
    return f"^FO{x},{y}^BQN,2,{magnification}^FH\\^FDMA,{escape(symbol.text)}^FS"
