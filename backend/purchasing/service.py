"""A purchase order's life: draft, submit, approve, cancel, close."""
from decimal import Decimal

import peewee

from ..auth.access import require_warehouse, visible
from ..catalog.models import Product
from ..catalog.service import check_quantity, get_product
from ..db import writing
from ..db.fields import utcnow
from ..db.sql import fetch
from ..errors import Conflict, Invalid, NotFound, from_body
from ..numbering import next_number
from ..partners.models import Supplier
from ..partners.service import get_partner
from ..stock.ledger import add_incoming
from ..stock.service import own_warehouse
from .models import PurchaseOrder, PurchaseOrderLine, PurchaseReturn, PurchaseReturnLine, Receipt, ReceiptLine
from .states import PURCHASE_ORDER

ORDER_FIELDS = ("expected_date", "notes")


def get_line(order_id, line_id, actor):
    """One line of the order, or NotFound, Forbidden "warehouse"."""
    get_order(order_id, actor)
    line = PurchaseOrderLine.get_or_none(PurchaseOrderLine.id == line_id,
                                         PurchaseOrderLine.order == order_id)
    if line is None:
        raise NotFound(f"Purchase order {order_id} has no line {line_id}.", field="line_id",
                       code="unknown_line")
    return line


def get_order(order_id, actor):
    """The purchase order, in one of the actor's warehouses; NotFound, Forbidden "warehouse"."""
    found = fetch(PurchaseOrder, "id = ?", (order_id,))
    if not found:
        raise NotFound(f"Purchase order {order_id} does not exist.", field="order_id")
    require_warehouse(actor, found[0].warehouse_id)
    return found[0]


def search_orders(actor, status=None, supplier_id=None, warehouse_id=None):
    """A query of the actor's warehouses' purchase orders by status, supplier and warehouse."""
    query = PurchaseOrder.select()
    for field, value in ((PurchaseOrder.status, status), (PurchaseOrder.supplier, supplier_id),
                         (PurchaseOrder.warehouse, warehouse_id)):
        if value is not None:
            query = query.where(field == value)
    return visible(query, actor, PurchaseOrder.warehouse, named=warehouse_id)


def _new_line(order, line, field=""):
    product = from_body(f"{field}product_id", get_product, line["product_id"])
    if not product.active:
        raise Invalid(f"{product.sku} is inactive.", field=f"{field}product_id",
                      code="inactive_product")
    check_quantity(product, line["qty_ordered"], f"{field}qty_ordered")
    if PurchaseOrderLine.select().where(PurchaseOrderLine.order == order.id,
                                        PurchaseOrderLine.product == product.id).exists():
        raise Conflict(f"{product.sku} is already on {order.number}; change that line instead.",
                       field=f"{field}product_id", code="duplicate_product")
    return PurchaseOrderLine.create(order=order.id, product=product.id,
                                    qty_ordered=line["qty_ordered"], unit_cost=line["unit_cost"])


def _set_header(order, data, actor):
    if "supplier_id" in data:
        supplier = from_body("supplier_id", lambda s: get_partner(Supplier, s), data["supplier_id"])
        if not supplier.active:
            raise Invalid(f"Supplier {supplier.code} is inactive.", field="supplier_id",
                          code="inactive_supplier")
        order.supplier = supplier.id
    if "warehouse_id" in data:
        order.warehouse = from_body("warehouse_id", own_warehouse, data["warehouse_id"], actor).id
    for key in ORDER_FIELDS:
        if key in data:
            setattr(order, key, data[key])
    order.updated_at = utcnow()


def create_order(data, actor):
    """Create a draft purchase order with its lines; Invalid for unknown or bad references."""
    with writing():
        order = PurchaseOrder(number=next_number("PO", PurchaseOrder), created_by=actor.user_id)
        _set_header(order, data, actor)
        order.save()
        for i, line in enumerate(data.get("lines", [])):
            _new_line(order, line, f"lines.{i}.")
    return order


def update_order(order_id, data, actor):
    """Change a draft's header (and replace its lines if given); Conflict unless draft, Invalid."""
    with writing():
        order = PURCHASE_ORDER.claim(order_id, "edit", actor)
        _set_header(order, data, actor)
        order.save()
        if "lines" in data:
            PurchaseOrderLine.delete().where(PurchaseOrderLine.order == order.id).execute()
            for i, line in enumerate(data["lines"]):
                _new_line(order, line, f"lines.{i}.")
    return order


def _draft_line(order_id, line_id, actor):
    order = PURCHASE_ORDER.claim(order_id, "edit", actor)
    return order, get_line(order.id, line_id, actor)


def add_line(order_id, data, actor):
    """Add a line to a draft; Conflict unless draft, Invalid for a bad product or quantity."""
    with writing():
        return _new_line(PURCHASE_ORDER.claim(order_id, "edit", actor), data)


def update_line(order_id, line_id, data, actor):
    """Change a draft line's quantity or cost; Conflict unless draft, NotFound, Invalid."""
    with writing():
        _, line = _draft_line(order_id, line_id, actor)
        if "qty_ordered" in data:
            line.qty_ordered = check_quantity(get_product(line.product_id), data["qty_ordered"],
                                              "qty_ordered")
        if "unit_cost" in data:
            line.unit_cost = data["unit_cost"]
        line.save()
    return line


def delete_line(order_id, line_id, actor):
    """Remove a line from a draft and return the order; Conflict unless draft, NotFound."""
    with writing():
        order, line = _draft_line(order_id, line_id, actor)
        line.delete_instance()
    return order


def order_total(lines):
    """Sum of quantity x unit cost over the lines."""
    return sum((line.qty_ordered * line.unit_cost for line in lines), Decimal(0))


def _add_incoming(order, lines):
    for line in lines:
        add_incoming(line.product_id, order.warehouse_id, line.qty_ordered)


def submit_order(order_id, approval_amount, actor):
    """Send a draft on: above `approval_amount` to approval, else approved; Conflict, Invalid."""
    from ..approvals.service import request_approval
    with writing():
        order = PURCHASE_ORDER.claim(order_id, "submit", actor)
        lines = list(order.lines)
        if not lines:
            raise Invalid(f"{order.number} has no lines.", field="lines", code="no_lines")
        total = order_total(lines)
        if total > approval_amount:
            PURCHASE_ORDER.move(order, "submit", "pending_approval")
            request_approval("purchase_order", "purchase_order", order.id, total,
                             f"{order.number} to {order.supplier.name}: {total}", actor)
        else:
            PURCHASE_ORDER.move(order, "submit", "approved")
            _add_incoming(order, lines)
    return order


def decide_purchase_order(doc_id, approved, actor):
    """Approval callback: approve (stock becomes incoming) or back to draft; Conflict."""
    order = PURCHASE_ORDER.lock(doc_id, actor)
    if order.status == "cancelled":
        return  # cancelled while waiting: the decision no longer moves anything
    PURCHASE_ORDER.move(order, "approve" if approved else "reject")
    if approved:
        _add_incoming(order, list(order.lines))


def _release_outstanding(order):
    """What is still outstanding stops being incoming (an approved order counts it as such)."""
    if order.status not in ("approved", "partly_received"):
        return
    for line in order.lines:
        if line.outstanding > 0:
            add_incoming(line.product_id, order.warehouse_id, -line.outstanding)


def cancel_order(order_id, actor):
    """Cancel a draft, pending or approved order, releasing its incoming; Conflict otherwise."""
    with writing():
        order = PURCHASE_ORDER.lock(order_id, actor)
        PURCHASE_ORDER.check(order, "cancel")
        _release_outstanding(order)
        return PURCHASE_ORDER.move(order, "cancel")


def close_order(order_id, actor):
    """Close a (partly) received order; what is still outstanding stops being incoming."""
    with writing():
        order = PURCHASE_ORDER.lock(order_id, actor)
        PURCHASE_ORDER.check(order, "close")
        _release_outstanding(order)
        return PURCHASE_ORDER.move(order, "close")


def lines_of(order):
    """The order's lines with their products, in entry order."""
    return list(PurchaseOrderLine.select(PurchaseOrderLine, Product).join(Product)
                .where(PurchaseOrderLine.order == order.id).order_by(PurchaseOrderLine.id))


def receipts_of(order):
    """The order's receipts, each with its lines."""
    return list(peewee.prefetch(Receipt.select().where(Receipt.order == order.id)
                                .order_by(Receipt.id),
                                ReceiptLine.select().order_by(ReceiptLine.id)))


def returns_of(order):
    """The order's purchase returns, each with its lines."""
    return list(peewee.prefetch(PurchaseReturn.select().where(PurchaseReturn.order == order.id)
                                .order_by(PurchaseReturn.id),
                                PurchaseReturnLine.select().order_by(PurchaseReturnLine.id)))


def open_approval_id(order):
    """The id of the order's pending approval, if it waits for one."""
    from ..approvals.service import pending_for
    approval = pending_for("purchase_order", order.id) if order.status == "pending_approval" \
        else None
    return approval.id if approval else None
