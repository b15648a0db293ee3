"""Labels as a PDF: one label per page on rolls, a grid on A4 sheets."""
import io

from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from .content import element_string
from .layout import HRI, place
from .sizes import A4
from .symbols import datamatrix_modules

LATIN = "Helvetica"
CJK = "STSong-Light"  # one of reportlab's built-in CID fonts: Chinese names need no font file
FNC1 = "\xf1"  # how reportlab's Code128 is told FNC1
MAX_MODULE = 0.5  # mm: wider bars only make the symbol longer
QUIET = 10  # modules of blank space each side of a Code 128


def render_pdf(labels, size):
    """The PDF bytes of labels printed on a LabelSize."""
    if CJK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK))
    page = A4 if size.sheet else (size.width, size.height)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(page[0] * mm, page[1] * mm), invariant=True)
    forms = {}  # label -> name: each different label drawn once, then placed (a PO's 1000 units)
    for index, label in enumerate(labels):
        if index and index % size.per_page == 0:
            canvas.showPage()
        if label not in forms:
            forms[label] = f"label{len(forms)}"
            canvas.beginForm(forms[label], 0, 0, size.width * mm, size.height * mm)
            _draw(canvas, label, size, 0, size.height)
            canvas.endForm()
        left, top = size.position(index)
        canvas.saveState()
        canvas.translate(left * mm, (page[1] - top - size.height) * mm)
        canvas.doForm(forms[label])
        canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw(canvas, label, size, left, top):
    """One label whose top-left corner is at (left, top) mm from the page's bottom-left."""
    placed = place(label, size)
    for box, text_size, text in placed.lines:
        _text(canvas, text, (left + box.x) * mm, (top - box.y - text_size * 0.8) * mm, text_size)
    if placed.linear is not None:
        _linear(canvas, label.linear, placed.linear, left, top)
    if placed.square is not None:
        draw = _datamatrix if label.square.kind == "datamatrix" else _qr
        box = placed.square
        draw(canvas, label.square, (left + box.x) * mm, (top - box.y - box.height) * mm,
             box.width * mm)


def _text(canvas, text, x, y, size):
    """A line of text, in the CJK font when Latin-1 cannot hold it."""
    font = LATIN if all(ord(c) < 256 for c in text) else CJK
    canvas.setFont(font, size * mm)
    canvas.drawString(x, y, text)


def _linear(canvas, symbol, box, left, top):
    """A Code 128 (GS1-128 with FNC1 when the symbol has GS1 elements), centred in box."""
    value = element_string(symbol.elements, FNC1) if symbol.elements else symbol.text
    probe = Code128(value, barWidth=1, quiet=False, humanReadable=False)
    # Ten modules of quiet zone each side inside the box: readers want them, and without them
    # zxing-cpp was seen taking the middle of a GS1-128 for an EAN-13.
    bar = min(MAX_MODULE * mm, box.width * mm / (probe.width + 2 * QUIET))
    code = Code128(value, barWidth=bar, barHeight=box.height * mm, quiet=False,
                   humanReadable=False)
    x = (left + box.x) * mm + (box.width * mm - code.width) / 2
    code.drawOn(canvas, x, (top - box.y - box.height) * mm)
    hri = symbol.hri()
    canvas.setFont(LATIN, HRI * mm * 0.9)
    canvas.drawCentredString((left + box.x + box.width / 2) * mm,
                             (top - box.y - box.height - HRI * 0.85) * mm, hri)


def _qr(canvas, symbol, x, y, side):
    """A QR code filling a square of side points."""
    widget = QrCodeWidget(symbol.text, barLevel="M", barBorder=0)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    drawing.add(widget)
    drawing.drawOn(canvas, x, y)


def _datamatrix(canvas, symbol, x, y, side):
    """A DataMatrix filling a square of side points, one rectangle per dark module."""
    modules = datamatrix_modules(symbol)
    rows, columns = modules.shape
    cell = side / max(rows, columns)
    canvas.setFillColorRGB(0, 0, 0)
    for row in range(rows):
        for column in range(columns):
            if modules[row, column]:
                canvas.rect(x + column * cell, y + (rows - 1 - row) * cell, cell, cell,
                            stroke=0, fill=1)
