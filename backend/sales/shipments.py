"""Shipped orders as a returns desk needs them: which orders lately shipped a product."""
from ..auth.access import check_warehouse
from .models import Customer, SalesOrder, SalesOrderLine, Shipment


def _shipped_line(line):
    return {"order_line_id": line.id, "product_id": line.product_id,
            "qty_shipped": line.qty_shipped, "qty_returned": line.qty_returned,
            "returnable": line.qty_shipped - line.qty_returned, "unit_price": line.unit_price}


def recent_shipments(product_id, allowed, warehouse_id=None, limit=10, user_id=None):
    """The newest `limit` shipped orders with a line of the product, in the allowed
    warehouses (None: all); Forbidden when warehouse_id is one the user may not work in."""
    if warehouse_id is not None:
        check_warehouse(user_id, warehouse_id)
    query = (SalesOrderLine.select(SalesOrderLine, SalesOrder, Customer, Shipment)
             .join(SalesOrder).join(Customer)
             .switch(SalesOrder).join(Shipment, on=(Shipment.order == SalesOrder.id))
             .where(SalesOrderLine.product == product_id, SalesOrderLine.qty_shipped > 0)
             .order_by(Shipment.created_at.desc(), Shipment.id.desc()).limit(limit))
    if allowed is not None:
        query = query.where(SalesOrder.warehouse.in_(sorted(allowed)))
    if warehouse_id is not None:
        query = query.where(SalesOrder.warehouse == warehouse_id)
    return [{"order_id": line.order.id, "number": line.order.number,
             "customer_id": line.order.customer.id, "customer": line.order.customer.name,
             "warehouse_id": line.order.warehouse_id,
             "shipped_at": line.order.shipment.created_at, "lines": [_shipped_line(line)]}
            for line in query]
