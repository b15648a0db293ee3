"""Low-stock alerts: one open alert per product x warehouse while its stock is low."""
import peewee

from ..catalog.models import Product
from ..db.fields import QuantityField, UtcDateTimeField, utcnow
from ..db.models import BaseModel
from ..purchasing.models import PurchaseOrder
from ..stock.models import Warehouse


class StockAlert(BaseModel):
    """A product's stock in a warehouse went below its reorder point (or minimum).

    `open_key` is "<product>:<warehouse>" while the alert is open and NULL once cleared: its
    unique index lets at most one alert per product and warehouse be open, on both databases.
    """

    product = peewee.ForeignKeyField(Product)
    warehouse = peewee.ForeignKeyField(Warehouse)
    open_key = peewee.CharField(max_length=40, null=True, unique=True)
    # The figures when it was raised: available + incoming, and the threshold it fell below.
    position = QuantityField()
    threshold = QuantityField()
    raised_at = UtcDateTimeField(default=utcnow, index=True)
    cleared_at = UtcDateTimeField(null=True)
    # The draft made from this alert: one alert, one draft.
    purchase_order = peewee.ForeignKeyField(PurchaseOrder, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("product", "warehouse"), False),)
        audited = False  # derived from the stock levels, like them
