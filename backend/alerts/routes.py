"""HTTP layer of low-stock alerts: the open alerts, and draft purchase orders made from them."""
from flask import url_for

from ..api import Blueprint
from ..auth.actor import current_actor
from ..purchasing.schemas import PurchaseOrderSchema
from . import service
from .schemas import AlertArgs, AlertPageSchema, AlertSchema, SupplierOrderSchema

blp = Blueprint("alerts", __name__, url_prefix="/api/v1", description="Low-stock alerts")


def _created(order):
    return order, 201, {"Location": url_for("purchasing.get_purchase_order", order_id=order.id)}


@blp.get("/alerts")
@blp.arguments(AlertArgs, location="query")
@blp.response(200, AlertPageSchema)
def list_alerts(args):
    """The open low-stock alerts of the caller's warehouses, newest first, with the figures
    behind each, a suggested order quantity and the supplier."""
    return {"items": service.search_alerts(current_actor(), args.get("warehouse_id")),
            "next": None}


@blp.get("/alerts/<int:alert_id>")
@blp.response(200, AlertSchema)
def get_alert(alert_id):
    """One alert (open or cleared)."""
    return service.get_alert(alert_id, current_actor())


@blp.post("/alerts/<int:alert_id>/purchase-order")
@blp.response(201, PurchaseOrderSchema)
def create_alert_purchase_order(alert_id):
    """A draft purchase order for one alert, from its supplier, for the suggested quantity."""
    return _created(service.order_for_alert(alert_id, current_actor()))


@blp.post("/alerts/purchase-orders")
@blp.arguments(SupplierOrderSchema)
@blp.response(201, PurchaseOrderSchema)
def create_supplier_purchase_order(data):
    """One draft purchase order for all of a supplier's open alerts in a warehouse."""
    return _created(service.order_for_supplier(data, current_actor()))
