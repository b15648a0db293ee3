"""Sales returns: goods back from a customer, restocked to a bin or put in quarantine."""
from ..auth.access import require_warehouse, visible
from ..catalog.service import check_quantity, get_product
from ..db import writing
from ..errors import Conflict, Invalid, NotFound
from ..stock.ledger import Move, post_moves
from ..stock.service import get_location, own_warehouse, special_location
from .models import SalesOrderLine, SalesReturn, SalesReturnLine
from .picking import check_lot
from .service import money, order_row


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
    location = get_location(location_id, warehouse_id)
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
    product = get_product(data["product_id"])
    qty = check_quantity(product, data["qty"], f"{field}qty")
    location_id = _destination(sales_return.warehouse_id, sales_return.disposition,
                               data.get("location_id"), field)
    lot_id = check_lot(data.get("lot_id"), product.id, f"{field}lot_id")
    line = _take_returnable(order, product, qty, field) if order else None
    unit_cost = money(line.cogs / line.qty_shipped) if line else product.cost
    SalesReturnLine.create(sales_return=sales_return, product=product, order_line=line,
                           location=location_id, lot=lot_id, qty=qty)
    return Move(product_id=product.id, location_id=location_id, qty=qty, lot_id=lot_id,
                reason="sales_return", doc_type="sales_return", doc_id=sales_return.id,
                unit_cost=unit_cost)


def create_return(data, actor):
    """Book returned goods back into stock in one go; NotFound, Forbidden, Invalid, Conflict.

    Both the warehouse the goods come back to and the order's are the actor's."""
    with writing():
        warehouse = own_warehouse(data["warehouse_id"], actor)
        order = (order_row(data["order_id"], actor) if data.get("order_id") is not None
                 else None)
        if order is not None and order.status != "shipped":
            raise Conflict(f"Sales order {order.number} is {order.status}; only shipped goods "
                           "can come back.", field="order_id", code="bad_state",
                           extra={"status": order.status})
        sales_return = SalesReturn.create(order=order, warehouse=warehouse, reason=data["reason"],
                                          disposition=data["disposition"], user=actor.user_id,
                                          device=actor.device)
        moves = [_return_line(sales_return, order, line, f"lines.{i}.")
                 for i, line in enumerate(data["lines"])]
        post_moves(moves, actor)
    return sales_return

