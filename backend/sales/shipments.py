"""Shipped orders as a returns desk needs them: which orders lately shipped a product, and
what of each line can still come back. The device copy reads the same list."""
from ..auth.access import visible
from ..partners.models import Customer
from .models import SalesOrder, SalesOrderLine, Shipment


def _shipped_line(line):
    return {"order_line_id": line.id, "product_id": line.product_id,
            "qty_shipped": line.qty_shipped, "qty_returned": line.qty_returned,
            "returnable": line.qty_shipped - line.qty_returned, "unit_price": line.unit_price}


def shipped_orders(actor, warehouse_ids=None, product_id=None, limit=10, named=None):
    """([newest shipped orders with their shipped lines], more?) in the actor's warehouses,
    narrowed to warehouse_ids if given; with product_id, only orders that shipped it, and only
    its lines. `named` is the warehouse the request asked for (refused when not the actor's)."""
    lines = SalesOrderLine.select().where(SalesOrderLine.qty_shipped > 0)
    if product_id is not None:
        lines = lines.where(SalesOrderLine.product == product_id)
    query = (SalesOrder.select(SalesOrder, Customer, Shipment).join(Customer)
             .switch(SalesOrder).join(Shipment, on=(Shipment.order == SalesOrder.id))
             .where(SalesOrder.status == "shipped",
                    SalesOrder.id.in_(lines.select(SalesOrderLine.order)))
             .order_by(Shipment.created_at.desc(), Shipment.id.desc()).limit(limit + 1))
    if warehouse_ids is not None:
        query = query.where(SalesOrder.warehouse.in_(sorted(warehouse_ids)))
    query = visible(query, actor, SalesOrder.warehouse, named=named)
    orders = list(query)
    more, orders = len(orders) > limit, orders[:limit]
    found = {o.id: {"order_id": o.id, "number": o.number, "customer_id": o.customer.id,
                    "customer": o.customer.name, "warehouse_id": o.warehouse_id,
                    "shipped_at": o.shipment.created_at, "lines": []} for o in orders}
    for line in lines.where(SalesOrderLine.order.in_(list(found))).order_by(SalesOrderLine.id):
        found[line.order_id]["lines"].append(_shipped_line(line))
    return list(found.values()), more


def recent_shipments(product_id, actor, warehouse_id=None, limit=10):
    """The newest `limit` shipped orders with a line of the product, in the actor's
    warehouses (or the one named); Forbidden "warehouse" for a warehouse not the actor's."""
    warehouse_ids = None if warehouse_id is None else [warehouse_id]
    return shipped_orders(actor, warehouse_ids, product_id, limit, named=warehouse_id)[0]
