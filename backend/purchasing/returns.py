"""Purchase returns: received goods sent back to the supplier."""
from collections import defaultdict

from ..catalog.service import check_quantity
from ..db import writing
from ..errors import Conflict, Invalid, NotFound, from_body
from ..stock.ledger import Move, post_moves
from ..stock.service import check_lot
from .models import PurchaseOrderLine, PurchaseReturn, PurchaseReturnLine
from .receiving import order_line, place
from .service import get_order
from .states import PURCHASE_ORDER


def _check_returnable(po_line, qty, already, field):
    if already + qty > po_line.returnable:
        raise Conflict(f"Cannot return {already + qty} of {po_line.product.sku}: "
                       f"{po_line.qty_received} received, {po_line.qty_returned} already returned, "
                       f"so at most {po_line.returnable} can go back.",
                       field=f"{field}.qty", code="exceeds_returnable",
                       extra={"returnable": str(po_line.returnable - already)})


def _return_line(order, purchase_return, line, field, asked, actor):
    po_line = order_line(order, line, field)
    product, qty = po_line.product, line["qty"]
    check_quantity(product, qty, f"{field}.qty")
    location = place(order, line, field)
    if product.tracks_lots and line.get("lot_id") is None:
        raise Invalid(f"{product.sku} is tracked by lot: say which lot goes back.",
                      field=f"{field}.lot_id", code="lot_required")
    from_body(f"{field}.lot_id", check_lot, line.get("lot_id"), product.id)
    _check_returnable(po_line, qty, asked[po_line.id], field)
    asked[po_line.id] += qty
    post_moves([Move(product_id=product.id, location_id=location.id, qty=-qty,
                     reason="purchase_return", lot_id=line.get("lot_id"),
                     doc_type="purchase_return", doc_id=purchase_return.id,
                     unit_cost=po_line.unit_cost)], actor)
    PurchaseReturnLine.create(purchase_return=purchase_return.id, order_line=po_line.id,
                              location=location.id, lot=line.get("lot_id"), qty=qty)
    PurchaseOrderLine.update(qty_returned=PurchaseOrderLine.qty_returned + qty).where(
        PurchaseOrderLine.id == po_line.id).execute()


def return_to_supplier(order_id, data, actor):
    """Send received goods back; Conflict (bad_state, exceeds_returnable, short stock), Invalid."""
    with writing():
        order = PURCHASE_ORDER.claim(order_id, "return_goods", actor)
        purchase_return = PurchaseReturn.create(order=order.id, reason=data["reason"],
                                                user=actor.user_id, device=actor.device)
        asked = defaultdict(int)  # per PO line, what earlier lines of this request return
        for i, line in enumerate(data["lines"]):
            _return_line(order, purchase_return, line, f"lines.{i}", asked, actor)
    return purchase_return


def get_return(order_id, return_id, actor):
    """A purchase return of the PO; NotFound, Forbidden "warehouse"."""
    get_order(order_id, actor)
    purchase_return = PurchaseReturn.get_or_none(PurchaseReturn.id == return_id,
                                                 PurchaseReturn.order == order_id)
    if purchase_return is None:
        raise NotFound(f"Purchase order {order_id} has no return {return_id}.",
                       field="return_id")
    return purchase_return
