"""Which labels a product, bin, document or received purchase order gets, and printing them."""
from collections import defaultdict

from ..auth.access import require_warehouse
from ..catalog.service import get_product
from ..errors import Invalid, from_body
from ..purchasing import service as purchasing
from ..purchasing.models import PurchaseOrderLine, ReceiptLine
from ..sales import service as sales
from ..scan.documents import DOCUMENT_TYPES, document_qr
from ..stock.models import Lot
from ..stock.service import check_lot, get_location
from ..stocktake import service as stocktake
from ..transfers import service as transfers
from .content import Label, Symbol, gs1_elements, gtin14
from .pdf import render_pdf
from .sizes import SIZES
from .zpl import render_zpl

MAX_LABELS = 1000  # one request's worth: a roll, not a warehouse
DOCUMENT_GETTERS = {"PO": purchasing.get_order, "SO": sales.get_order,
                    "TR": transfers.get_transfer, "ST": stocktake.get_stocktake}


def render(labels, args):
    """(body, mimetype) of labels in the format, size and dpi the query asked for."""
    size = SIZES[args["size"]]
    if args["format"] == "zpl":
        return render_zpl(labels, size, args["dpi"]), "application/zpl"
    return render_pdf(labels, size), "application/pdf"


def product_label(product_id, lot_id=None, note=""):
    """A product's label: GS1-128 and GS1 DataMatrix (GTIN, expiry, lot) when it has a GTIN,
    else Code 128 of its SKU; NotFound, Invalid "unknown_lot", "wrong_lot", "bad_lot_code"."""
    product = get_product(product_id)
    # The lot is named in the query, as a body would name it: unknown is 422 unknown_lot.
    lot = Lot.get_by_id(from_body("lot_id", check_lot, lot_id, product.id)) if lot_id else None
    lines = [product.name, f"SKU {product.sku}" + (f"  {note}" if note else "")]
    if lot is not None:
        lines.append(f"Lot {lot.code}" + (f"  EXP {lot.expiry.isoformat()}" if lot.expiry else ""))
    gtin = gtin14(product)
    if gtin is None:
        return Label(tuple(lines), Symbol("code128", product.sku))
    elements = gs1_elements(gtin, lot)
    return Label(tuple(lines), Symbol("gs1-128", elements=elements),
                 Symbol("datamatrix", elements=elements))


def location_label(location_id, actor):
    """A bin's label: its code, Code 128 and QR of its barcode; NotFound, Forbidden "warehouse"."""
    location = get_location(location_id)
    require_warehouse(actor, location.warehouse_id)
    lines = (location.code, f"{location.warehouse.code}  {location.zone}".strip())
    return Label(lines, Symbol("code128", location.barcode), Symbol("qr", location.barcode))


def document_label(prefix, document_id, actor):
    """A document's label with its STP: QR code; NotFound, Forbidden "warehouse"."""
    row = DOCUMENT_GETTERS[prefix](document_id, actor)
    doc_type = DOCUMENT_TYPES[prefix]
    number = doc_type.number_of(row)
    return Label((number, doc_type.name.replace("_", " ").capitalize(), row.status),
                 None, Symbol("qr", document_qr(prefix, number)))


def received_labels(order_id, actor, per):
    """Labels for what a purchase order received: per "line", one per product and lot with the
    quantity on it; per "unit", one per unit received (whole units; a product counted in
    decimals gets one per lot). NotFound, Forbidden "warehouse", Invalid "too_many_labels"."""
    order = purchasing.get_order(order_id, actor)
    received = defaultdict(int)
    query = (ReceiptLine.select(ReceiptLine, PurchaseOrderLine)
             .join(PurchaseOrderLine).where(PurchaseOrderLine.order == order.id)
             .order_by(ReceiptLine.id))
    for line in query:
        received[(line.order_line.product_id, line.lot_id)] += line.qty
    counts = {key: _copies(key[0], qty, per) for key, qty in received.items() if qty > 0}
    if sum(counts.values()) > MAX_LABELS:
        raise Invalid(f"That is {sum(counts.values())} labels; at most {MAX_LABELS} at once "
                      f"(ask per=line).", field="per", code="too_many_labels")
    labels = []
    for (product_id, lot_id), qty in received.items():
        note = order.number if per == "unit" else f"{order.number}  x{qty.normalize():f}"
        labels += [product_label(product_id, lot_id, note)] * counts.get((product_id, lot_id), 0)
    return labels


def _copies(product_id, qty, per):
    """How many labels a received quantity gets."""
    if per == "line" or get_product(product_id).unit_decimals:
        return 1
    return int(qty)
