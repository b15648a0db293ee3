"""Open low-stock alerts, what to order for each, and the draft purchase orders made from them."""
import math
from decimal import Decimal

from ..auth.access import require_warehouse, visible
from ..catalog.models import Product
from ..db import writing
from ..errors import Conflict, NotFound, from_body
from ..partners.models import Supplier
from ..partners.service import get_partner
from ..purchasing.models import PurchaseOrder, PurchaseOrderLine
from ..purchasing.service import create_order
from ..stock.models import StockLevel
from ..stock.service import own_warehouse
from .models import StockAlert

ZERO = Decimal(0)


class Suggestion:
    """An open alert with its live figures, what to order and from whom."""

    def __init__(self, alert, level, product, supplier_id):
        self.alert, self.level, self.product = alert, level, product
        self.supplier_id = supplier_id
        self.available = level.on_hand - level.reserved
        self.position = self.available + level.incoming
        self.threshold = level.reorder_point if level.reorder_point is not None else level.min_qty
        self.order_qty = suggested_quantity(level, self.threshold, self.position,
                                            product.supplier_pack_qty)

    def __getattr__(self, name):  # id, raised_at, ... of the alert
        return getattr(self.alert, name)


def suggested_quantity(level, threshold, position, pack_qty):
    """Up to the maximum (the threshold where none is set), net of what is available and
    incoming, rounded up to whole packs of the supplier."""
    target = level.max_qty if level.max_qty is not None else threshold or ZERO
    need = max(target - position, ZERO)
    pack = pack_qty if pack_qty and pack_qty > 0 else Decimal(1)
    return Decimal(math.ceil(need / pack)) * pack


def supplier_of(product):
    """The product's preferred supplier, or the one it was last bought from (None: neither)."""
    if product.preferred_supplier_id is not None:
        return product.preferred_supplier_id
    last = (PurchaseOrder.select(PurchaseOrder.supplier).join(PurchaseOrderLine)
            .where(PurchaseOrderLine.product == product.id,
                   PurchaseOrder.status.not_in(("draft", "cancelled")))
            .order_by(PurchaseOrder.created_at.desc(), PurchaseOrder.id.desc()).first())
    return last.supplier_id if last else None


def _suggestions(query):
    rows = (query.select(StockAlert, StockLevel, Product)
            .join(StockLevel, on=((StockLevel.product == StockAlert.product)
                                  & (StockLevel.warehouse == StockAlert.warehouse)))
            .switch(StockAlert).join(Product)
            .order_by(StockAlert.raised_at.desc(), StockAlert.id.desc()))
    return [Suggestion(row, row.stocklevel, row.product, supplier_of(row.product))
            for row in rows]


def search_alerts(actor, warehouse_id=None):
    """The open alerts of the actor's warehouses, newest first, with what to order."""
    query = StockAlert.select().where(StockAlert.open_key.is_null(False))
    if warehouse_id is not None:
        query = query.where(StockAlert.warehouse == warehouse_id)
    return _suggestions(visible(query, actor, StockAlert.warehouse, named=warehouse_id))


def get_alert(alert_id, actor):
    """One alert (open or cleared) with what to order; NotFound, Forbidden "warehouse"."""
    alert = StockAlert.get_or_none(StockAlert.id == alert_id)
    if alert is None:
        raise NotFound(f"Alert {alert_id} does not exist.", field="alert_id")
    require_warehouse(actor, alert.warehouse_id)
    return _suggestions(StockAlert.select().where(StockAlert.id == alert_id))[0]


def _orderable(suggestion):
    if suggestion.cleared_at is not None:
        raise Conflict(f"Alert {suggestion.id} has cleared: the stock is back up.",
                       code="alert_cleared")
    if suggestion.purchase_order_id is not None:
        raise Conflict(f"Alert {suggestion.id} already has purchase order "
                       f"{suggestion.purchase_order_id}.", code="alert_ordered",
                       extra={"purchase_order_id": suggestion.purchase_order_id})


def _draft(suggestions, supplier_id, warehouse_id, actor):
    order = create_order({"supplier_id": supplier_id, "warehouse_id": warehouse_id,
                          "notes": "From low-stock alerts",
                          "lines": [{"product_id": s.product.id, "qty_ordered": s.order_qty,
                                     "unit_cost": s.product.cost} for s in suggestions]}, actor)
    # Conditional: of two requests for one alert at once, the second finds it taken.
    ids = [s.id for s in suggestions]
    taken = StockAlert.update(purchase_order=order.id).where(
        StockAlert.id.in_(ids), StockAlert.purchase_order.is_null()).execute()
    if taken != len(ids):
        raise Conflict("Another purchase order was made from these alerts just now.",
                       code="alert_ordered")
    return order


def order_for_alert(alert_id, actor):
    """A draft purchase order for one alert, from its supplier; Conflict when the alert has
    cleared, has its order already, or no supplier is known."""
    with writing():
        suggestion = get_alert(alert_id, actor)
        _orderable(suggestion)
        if suggestion.supplier_id is None:
            raise Conflict(f"{suggestion.product.sku} has no preferred supplier and was never "
                           "bought: set one on the product.", code="no_supplier")
        return _draft([suggestion], suggestion.supplier_id, suggestion.warehouse_id, actor)


def order_for_supplier(data, actor):
    """One draft purchase order for every open alert of a supplier in a warehouse that has no
    order yet; Conflict "no_alerts" when there are none."""
    with writing():
        supplier = from_body("supplier_id", lambda s: get_partner(Supplier, s),
                             data["supplier_id"])
        warehouse = from_body("warehouse_id", own_warehouse, data["warehouse_id"], actor)
        wanted = [s for s in search_alerts(actor, warehouse.id)
                  if s.supplier_id == supplier.id and s.purchase_order_id is None
                  and s.order_qty > 0]
        if not wanted:
            raise Conflict(f"No open alert in {warehouse.code} waits for supplier "
                           f"{supplier.code}.", code="no_alerts")
        return _draft(wanted, supplier.id, warehouse.id, actor)

