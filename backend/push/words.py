"""What a push message carries: ids, figures and the screen to open; the service worker
words it in the user's language (pwa/i18n)."""
from ..catalog.models import Product
from ..stock.models import Warehouse


def _number(value):
    return int(value) if value == value.to_integral_value() else float(value)


def low_stock_message(alert, figures):
    """The message of a new low-stock alert."""
    product = Product.get_by_id(alert.product_id)
    warehouse = Warehouse.get_by_id(alert.warehouse_id)
    return {"type": "stock.low", "alert_id": alert.id, "product_id": product.id,
            "sku": product.sku, "name": product.name[:80], "warehouse": warehouse.code,
            "position": _number(figures.position), "threshold": _number(figures.threshold),
            "url": f"/#/alerts/{alert.id}"}


def approval_message(approval):
    """The message of a new approval request."""
    return {"type": "approval", "approval_id": approval.id, "kind": approval.kind,
            "summary": (approval.summary or "")[:120],
            "url": "/#/approvals"}
