"""Receipts against a purchase order: the scanning hot path, so few and simple queries.

One scan is a receipt of one line. Per line: the PO line with its product, the location,
the cost update, the ledger posting, the receipt line, the PO line's counters and incoming.
The PO row is locked first, so receipts against one PO never interleave on PostgreSQL.
"""
from ..catalog.models import Product
from ..catalog.service import check_quantity
from ..db import writing
from ..db.sql import fetch, insert_row, run_sql, update_row
from ..errors import Conflict, Invalid, NotFound, from_body
from ..stock.ledger import Move, add_incoming, post_moves
from ..stock.service import find_or_create_lot, get_location
from .costing import apply_receipt_cost
from .models import PurchaseOrderLine, Receipt, ReceiptLine
from .service import close_order, get_order
from .states import PURCHASE_ORDER


def order_line(order, line, field):
    """The PO line a body line names by order_line_id or product_id (product set); Invalid."""
    if line.get("order_line_id") is not None:
        where, key = "order_id = ? AND id = ?", line["order_line_id"]
        named, field = f"line {line['order_line_id']}", f"{field}.order_line_id"
    else:
        where, key = "order_id = ? AND product_id = ?", line["product_id"]
        named, field = f"a line for product {line['product_id']}", f"{field}.product_id"
    found = fetch(PurchaseOrderLine, where, (order.id, key))
    if not found:
        raise Invalid(f"{order.number} has no {named}.", field=field, code="unknown_line")
    found[0].product = fetch(Product, "id = ?", (found[0].product_id,))[0]
    return found[0]


def place(order, line, field):
    """The body line's location, one of the PO's warehouse; Invalid (unknown, wrong_warehouse)."""
    return from_body(f"{field}.location_id", get_location, line["location_id"], order.warehouse_id)


def _lot_id(product, line, field):
    code = line.get("lot")
    if code is None:
        if product.tracks_lots:
            raise Invalid(f"{product.sku} is tracked by lot: say which lot arrived.",
                          field=f"{field}.lot", code="lot_required")
        if line.get("expiry") is not None:
            raise Invalid("An expiry needs a lot.", field=f"{field}.expiry", code="lot_required")
        return None
    if not product.tracks_lots:
        raise Invalid(f"{product.sku} is not tracked by lot; leave the lot out.",
                      field=f"{field}.lot", code="lot_not_tracked")
    try:
        return find_or_create_lot(product.id, code, line.get("expiry")).id
    except Invalid as clash:  # the lot is known with another expiry
        raise Invalid(clash.message, field=f"{field}.expiry", code=clash.code) from None


def _check_over(po_line, qty, field, allow_over):
    """Refuse more than is outstanding unless the request says the user confirmed it."""
    if allow_over or qty <= po_line.outstanding:
        return
    raise Conflict(f"Line {po_line.id} ({po_line.product.sku}): {qty} is more than the "
                   f"{po_line.outstanding} outstanding ({po_line.qty_received} of "
                   f"{po_line.qty_ordered} received); confirm with allow_over: true.",
                   field=f"{field}.qty", code="over_receipt",
                   extra={"order_line_id": po_line.id, "outstanding": str(po_line.outstanding)})


def _receive_line(order, receipt, line, field, actor, allow_over):
    po_line = order_line(order, line, field)
    product, qty = po_line.product, line["qty"]
    check_quantity(product, qty, f"{field}.qty")
    _check_over(po_line, qty, field, allow_over)
    location = place(order, line, field)
    lot_id = _lot_id(product, line, field)
    outstanding_before = po_line.outstanding
    apply_receipt_cost(product.id, qty, po_line.unit_cost)
    post_moves([Move(product_id=product.id, location_id=location.id, qty=qty, reason="receipt",
                     lot_id=lot_id, doc_type="receipt", doc_id=receipt.id,
                     unit_cost=po_line.unit_cost)], actor)
    line_id = insert_row(ReceiptLine, receipt=receipt.id, order_line=po_line.id,
                         location=location.id, lot=lot_id, qty=qty)
    update_row(PurchaseOrderLine, po_line.id, "qty_received = qty_received + ?",
               (PurchaseOrderLine.qty_received.db_value(qty),), current=po_line)
    if outstanding_before > 0:
        add_incoming(product.id, order.warehouse_id, -min(qty, outstanding_before))
    po_line.qty_received += qty
    completed = outstanding_before > 0 and po_line.outstanding == 0
    return {"id": line_id, "order_line": po_line, "location_id": location.id, "lot_id": lot_id,
            "qty": qty, "completed": completed}


def _status_after(order, completed_any):
    if order.status == "received":
        return "received"
    if completed_any and not run_sql(
            "SELECT 1 FROM purchase_order_line WHERE order_id = ? AND qty_received < qty_ordered "
            "LIMIT 1", (order.id,)).fetchone():
        return "received"
    return "partly_received"


def receive(order_id, lines, actor, allow_over=False):
    """Receive goods against an approved PO; Conflict (bad_state, over_receipt unless
    allow_over), Invalid for a bad line, Forbidden for another warehouse's PO."""
    with writing():
        order = PURCHASE_ORDER.claim(order_id, "receive", actor)
        made = dict(order=order.id, user=actor.user_id, device=actor.device)
        receipt = Receipt(id=insert_row(Receipt, **made), **made)
        results = [_receive_line(order, receipt, line, f"lines.{i}", actor, allow_over)
                   for i, line in enumerate(lines)]
        # the lines' counters changed; the order is written only if its status did
        PURCHASE_ORDER.move(order, "receive", _status_after(order, any(r["completed"]
                                                                       for r in results)))
    receipt.order = order
    receipt.results = results
    return receipt


def get_receipt(order_id, receipt_id, actor):
    """A receipt of the PO with its lines (and their PO lines); NotFound, Forbidden."""
    order = get_order(order_id, actor)
    receipt = Receipt.get_or_none(Receipt.id == receipt_id, Receipt.order == order_id)
    if receipt is None:
        raise NotFound(f"Purchase order {order_id} has no receipt {receipt_id}.",
                       field="receipt_id")
    receipt.order = order
    rows = (ReceiptLine.select(ReceiptLine, PurchaseOrderLine).join(PurchaseOrderLine)
            .where(ReceiptLine.receipt == receipt.id).order_by(ReceiptLine.id))
    receipt.results = [{"id": r.id, "order_line": r.order_line, "location_id": r.location_id,
                        "lot_id": r.lot_id, "qty": r.qty, "completed": False} for r in rows]
    return receipt


def finish(order_id, close, actor):
    """End a receiving session: close the PO short (what is outstanding stops being incoming)
    or leave it open as it is; Conflict (bad_state) when closing a PO with nothing received."""
    order = get_order(order_id, actor)
    if not close:
        return order
    return close_order(order_id, actor)
