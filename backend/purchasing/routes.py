"""HTTP layer of purchasing: suppliers, purchase orders, receipts and purchase returns."""
from decimal import Decimal

from flask import current_app, url_for

from ..api import Blueprint, page_of, paginate
from ..auth.actor import current_actor
from ..partners.models import Supplier
from ..partners.routes import add_partner_routes
from . import receiving, returns, service
from .models import PurchaseOrder
from .schemas import (
    FinishReceivingSchema,
    PurchaseOrderInSchema,
    PurchaseOrderLineInSchema,
    PurchaseOrderLinePatchSchema,
    PurchaseOrderLineSchema,
    PurchaseOrderListArgs,
    PurchaseOrderPatchSchema,
    PurchaseOrderSchema,
    PurchaseOrderSummarySchema,
    PurchaseReceiptInSchema,
    PurchaseReceiptSchema,
    PurchaseReturnInSchema,
    PurchaseReturnSchema,
)

blp = Blueprint("purchasing", __name__, url_prefix="/api/v1", description="Purchasing")
add_partner_routes(blp, Supplier)

ORDER = "/purchase-orders/<int:order_id>"




@blp.get("/purchase-orders")
@blp.arguments(PurchaseOrderListArgs, location="query")
@blp.response(200, page_of(PurchaseOrderSummarySchema))
def list_purchase_orders(args):
    """Purchase orders, filtered by status, supplier and warehouse."""
    query = service.search_orders(current_actor(), args.get("status"), args.get("supplier_id"),
                                  args.get("warehouse_id"))
    return paginate(query, PurchaseOrder, args)


@blp.post("/purchase-orders")
@blp.arguments(PurchaseOrderInSchema)
@blp.response(201, PurchaseOrderSchema)
def create_purchase_order(data):
    """Create a draft purchase order with its lines."""
    order = service.create_order(data, current_actor())
    return order, 201, {"Location": url_for("purchasing.get_purchase_order", order_id=order.id)}


@blp.get(ORDER)
@blp.response(200, PurchaseOrderSchema)
def get_purchase_order(order_id):
    """A purchase order: lines with ordered/received/returned/outstanding, receipts, amounts."""
    return service.get_order(order_id, current_actor())


@blp.patch(ORDER)
@blp.arguments(PurchaseOrderPatchSchema)
@blp.response(200, PurchaseOrderSchema)
def update_purchase_order(data, order_id):
    """Change a draft (header fields; `lines` replaces all lines)."""
    return service.update_order(order_id, data, current_actor())


@blp.post(ORDER + "/lines")
@blp.arguments(PurchaseOrderLineInSchema)
@blp.response(201, PurchaseOrderLineSchema)
def add_purchase_order_line(data, order_id):
    """Add a line to a draft."""
    line = service.add_line(order_id, data, current_actor())
    return line, 201, {"Location": url_for("purchasing.get_purchase_order_line",
                                           order_id=order_id, line_id=line.id)}


@blp.get(ORDER + "/lines/<int:line_id>")
@blp.response(200, PurchaseOrderLineSchema)
def get_purchase_order_line(order_id, line_id):
    """One line of an order."""
    return service.get_line(order_id, line_id, current_actor())


@blp.patch(ORDER + "/lines/<int:line_id>")
@blp.arguments(PurchaseOrderLinePatchSchema)
@blp.response(200, PurchaseOrderLineSchema)
def update_purchase_order_line(data, order_id, line_id):
    """Change a draft line's quantity or unit cost."""
    return service.update_line(order_id, line_id, data, current_actor())


@blp.delete(ORDER + "/lines/<int:line_id>")
@blp.response(200, PurchaseOrderSchema)
def delete_purchase_order_line(order_id, line_id):
    """Remove a line from a draft; answers with the order."""
    return service.delete_line(order_id, line_id, current_actor())


@blp.post(ORDER + "/submit")
@blp.response(200, PurchaseOrderSchema)
def submit_purchase_order(order_id):
    """Submit a draft: above the approval amount it waits for a manager, else it is approved."""
    threshold = Decimal(current_app.extensions["settings"].po_approval_amount)
    return service.submit_order(order_id, threshold, current_actor())


@blp.post(ORDER + "/cancel")
@blp.response(200, PurchaseOrderSchema)
def cancel_purchase_order(order_id):
    """Cancel a draft, pending or approved order (its incoming goes)."""
    return service.cancel_order(order_id, current_actor())


@blp.post(ORDER + "/close")
@blp.response(200, PurchaseOrderSchema)
def close_purchase_order(order_id):
    """Close a (partly) received order; a short-closed order's outstanding stops being incoming."""
    return service.close_order(order_id, current_actor())


@blp.post(ORDER + "/receipts")
@blp.arguments(PurchaseReceiptInSchema)
@blp.response(201, PurchaseReceiptSchema)
def receive_purchase_order(data, order_id):
    """Receive goods against the order (one scan = one line), straight into the bin named.

    409 over_receipt: a line would take more than its outstanding and allow_over is not true
    (the error names order_line_id and outstanding). 409 bad_state: the PO is not receivable.
    """
    receipt = receiving.receive(order_id, data["lines"], current_actor(), data["allow_over"])
    return receipt, 201, {"Location": url_for("purchasing.get_purchase_receipt",
                                              order_id=order_id, receipt_id=receipt.id)}


@blp.post(ORDER + "/finish")
@blp.arguments(FinishReceivingSchema)
@blp.response(200, PurchaseOrderSchema)
def finish_receiving_purchase_order(data, order_id):
    """Finish receiving: close the PO short (close: true; the outstanding quantity stops being
    incoming, status "closed") or leave it open (close: false: nothing changes). The answer is
    the order, whose lines show what is short (outstanding) and what is over (over_received).
    Open to the receiving staff (purchasing.receive), unlike /close (purchasing.write)."""
    return receiving.finish(order_id, data["close"], current_actor())


@blp.get(ORDER + "/receipts/<int:receipt_id>")
@blp.response(200, PurchaseReceiptSchema)
def get_purchase_receipt(order_id, receipt_id):
    """One receipt of the order."""
    return receiving.get_receipt(order_id, receipt_id, current_actor())


@blp.post(ORDER + "/returns")
@blp.arguments(PurchaseReturnInSchema)
@blp.response(201, PurchaseReturnSchema)
def return_to_supplier(data, order_id):
    """Send received goods back to the supplier."""
    purchase_return = returns.return_to_supplier(order_id, data, current_actor())
    return purchase_return, 201, {
        "Location": url_for("purchasing.get_purchase_return", order_id=order_id,
                            return_id=purchase_return.id)}


@blp.get(ORDER + "/returns/<int:return_id>")
@blp.response(200, PurchaseReturnSchema)
def get_purchase_return(order_id, return_id):
    """One purchase return of the order."""
    return returns.get_return(order_id, return_id, current_actor())
