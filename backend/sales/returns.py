"""Sales returns: goods back from a customer, restocked to a bin or put in quarantine;
above a set value, once a manager approves."""
from ..approvals.service import request_approval
from ..auth.access import require_warehouse, visible
from ..catalog.service import check_quantity, get_product
from ..db import writing
from ..errors import Conflict, Invalid, NotFound, from_body
from ..stock.ledger import Move, post_moves
from ..stock.service import check_lot, get_location, own_warehouse, special_location
from .models import SalesOrderLine, SalesReturn, SalesReturnLine
from .service import get_order, money
from .states import SALES_ORDER, SALES_RETURN


def get_return(return_id, actor):
    """The sales return, or NotFound, Forbidden "warehouse"."""
    sales_return = SalesReturn.get_or_none(SalesReturn.id == return_id)
    if sales_return is None:
        raise NotFound(f"Sales return {return_id} does not exist.", field="return_id")
    require_warehouse(actor, sales_return.warehouse_id)
    return sales_return


def search_returns(actor, order_id=None, warehouse_id=None):
    """A query of the actor's warehouses' returns filtered by order and warehouse."""
    query = SalesReturn.select()
    if order_id is not None:
        query = query.where(SalesReturn.order == order_id)
    if warehouse_id is not None:
        query = query.where(SalesReturn.warehouse == warehouse_id)
    return visible(query, actor, SalesReturn.warehouse, named=warehouse_id)


def _destination(warehouse_id, disposition, location_id, field):
    """Where returned units go: the named bin (restock) or the quarantine area."""
    if disposition == "quarantine":
        if location_id is not None:
            raise Invalid("Quarantined returns go to the warehouse's quarantine area; "
                          "leave location_id out.", field=f"{field}location_id")
        return special_location(warehouse_id, "quarantine").id
    if location_id is None:
        raise Invalid("A restocked return needs the bin it goes to.",
                      field=f"{field}location_id", code="location_required")
    location = from_body(f"{field}location_id", get_location, location_id, warehouse_id)
    if location.kind != "bin":
        raise Invalid(f"Location {location.code} is not a bin.", field=f"{field}location_id",
                      code="not_a_bin")
    return location.id


def _take_returnable(order, product, qty, field):
    """Count units against the order line that shipped them; Invalid or Conflict beyond it."""
    line = SalesOrderLine.get_or_none(SalesOrderLine.order == order.id,
                                      SalesOrderLine.product == product.id)
    if line is None:
        raise Invalid(f"{product.sku} is not on sales order {order.number}.",
                      field=f"{field}product_id", code="not_on_order")
    taken = (SalesOrderLine.update(qty_returned=SalesOrderLine.qty_returned + qty)
             .where(SalesOrderLine.id == line.id,
                    SalesOrderLine.qty_returned + qty <= SalesOrderLine.qty_shipped).execute())
    if not taken:
        left = line.qty_shipped - line.qty_returned
        raise Conflict(f"{product.sku}: {qty} cannot come back on {order.number}; {left} "
                       f"returnable ({line.qty_shipped} shipped, {line.qty_returned} returned).",
                       field=f"{field}qty", code="return_exceeds_shipped",
                       extra={"returnable": str(left)})
    return line


def _return_line(sales_return, order, data, field):
    """Store one line (counted against the order line); its value at the order's price."""
    product = from_body(f"{field}product_id", get_product, data["product_id"])
    qty = check_quantity(product, data["qty"], f"{field}qty")
    location_id = _destination(sales_return.warehouse_id, sales_return.disposition,
                               data.get("location_id"), field)
    lot_id = from_body(f"{field}lot_id", check_lot, data.get("lot_id"), product.id)
    line = _take_returnable(order, product, qty, field) if order else None
    SalesReturnLine.create(sales_return=sales_return, product=product, order_line=line,
                           location=location_id, lot=lot_id, qty=qty)
    return qty * (line.unit_price if line else product.price)


def _moves(sales_return):
    """The ledger moves that put a return's lines where they go, at their cost."""
    moves = []
    for line in sales_return.lines.order_by(SalesReturnLine.id):
        shipped = line.order_line
        unit_cost = money(shipped.cogs / shipped.qty_shipped) if shipped else line.product.cost
        moves.append(Move(product_id=line.product_id, location_id=line.location_id,
                          qty=line.qty, lot_id=line.lot_id, reason="sales_return",
                          doc_type="sales_return", doc_id=sales_return.id, unit_cost=unit_cost))
    return moves


def create_return(data, actor, approval_amount=None):
    """Book returned goods back into stock in one go; NotFound, Invalid, Conflict, Forbidden.

    A return worth more than `approval_amount` (at the order's prices) waits for a manager:
    its lines count against the order at once, its moves are posted when it is approved.
    """
    with writing():
        warehouse = from_body("warehouse_id", own_warehouse, data["warehouse_id"], actor)
        # the order's warehouse too: its lines' counters change
        order = (from_body("order_id", get_order, data["order_id"], actor)
                 if data.get("order_id") is not None else None)
        if order is not None:
            SALES_ORDER.check(order, "take_back", field="order_id")
        reason_code = data.get("reason_code", "other")
        sales_return = SalesReturn.create(
            order=order, warehouse=warehouse, reason=data.get("reason") or reason_code,
            reason_code=reason_code, disposition=data["disposition"], user=actor.user_id,
            device=actor.device)
        value = sum(_return_line(sales_return, order, line, f"lines.{i}.")
                    for i, line in enumerate(data["lines"]))
        if approval_amount is not None and value > approval_amount:
            SALES_RETURN.start(sales_return, "pending_approval")
            request_approval("sales_return", "sales_return", sales_return.id, money(value),
                             f"Return of {money(value)} ({reason_code}) into {warehouse.code}",
                             actor)
        else:
            post_moves(_moves(sales_return), actor)
    return sales_return


def decide_return(return_id, approved, actor):
    """Approval callback: post the return's moves, or give its units back to the order."""
    sales_return = SALES_RETURN.claim(return_id, "approve" if approved else "reject", actor)
    if approved:
        post_moves(_moves(sales_return), actor)
        return
    for line in sales_return.lines:
        if line.order_line_id is not None:
            SalesOrderLine.update(qty_returned=SalesOrderLine.qty_returned - line.qty).where(
                SalesOrderLine.id == line.order_line_id).execute()
