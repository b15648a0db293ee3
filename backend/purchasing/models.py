"""Purchase orders, receipts and purchase returns."""
from decimal import Decimal

import peewee

from ..auth.models import User
from ..catalog.models import Product
from ..db.fields import MoneyField, QuantityField, UtcDateTimeField, utcnow
from ..db.models import BaseModel
from ..partners.models import Supplier
from ..stock.models import Location, Lot, Warehouse


class PurchaseOrder(BaseModel):
    """An order to a supplier: draft -> approved -> partly received -> received -> closed."""

    number = peewee.CharField(max_length=30, unique=True)
    supplier = peewee.ForeignKeyField(Supplier, backref="orders")
    warehouse = peewee.ForeignKeyField(Warehouse)
    status = peewee.CharField(max_length=20, default="draft", index=True)
    expected_date = peewee.DateField(null=True)
    notes = peewee.TextField(default="")
    created_by = peewee.ForeignKeyField(User, null=True)
    created_at = UtcDateTimeField(default=utcnow)
    updated_at = UtcDateTimeField(default=utcnow)


class PurchaseOrderLine(BaseModel):
    """One product on a purchase order."""

    order = peewee.ForeignKeyField(PurchaseOrder, backref="lines", on_delete="CASCADE")
    product = peewee.ForeignKeyField(Product)
    qty_ordered = QuantityField()
    qty_received = QuantityField(default=0)
    qty_returned = QuantityField(default=0)
    unit_cost = MoneyField()

    class Meta:
        # One line per product, so a scan of a product finds its line without doubt.
        indexes = ((("order", "product"), True),)

    @property
    def outstanding(self):
        """Still to come: ordered minus received, never below zero."""
        return max(self.qty_ordered - self.qty_received, Decimal(0))

    @property
    def over_received(self):
        """Received beyond what was ordered."""
        return max(self.qty_received - self.qty_ordered, Decimal(0))

    @property
    def returnable(self):
        """Received and not yet sent back."""
        return self.qty_received - self.qty_returned


class Receipt(BaseModel):
    """Goods received against a purchase order (one scan session or one posting)."""

    order = peewee.ForeignKeyField(PurchaseOrder, backref="receipts")
    user = peewee.ForeignKeyField(User, null=True)
    device = peewee.CharField(max_length=80, null=True)
    created_at = UtcDateTimeField(default=utcnow)


class ReceiptLine(BaseModel):
    """A quantity of one PO line put into one location."""

    receipt = peewee.ForeignKeyField(Receipt, backref="lines", on_delete="CASCADE")
    order_line = peewee.ForeignKeyField(PurchaseOrderLine, backref="receipt_lines")
    location = peewee.ForeignKeyField(Location)
    lot = peewee.ForeignKeyField(Lot, null=True)
    qty = QuantityField()


class PurchaseReturn(BaseModel):
    """Goods sent back to a supplier."""

    order = peewee.ForeignKeyField(PurchaseOrder, backref="returns")
    reason = peewee.CharField(max_length=200, default="")
    user = peewee.ForeignKeyField(User, null=True)
    device = peewee.CharField(max_length=80, null=True)
    created_at = UtcDateTimeField(default=utcnow)


class PurchaseReturnLine(BaseModel):
    """A quantity of one PO line taken out of one location and returned."""

    purchase_return = peewee.ForeignKeyField(PurchaseReturn, backref="lines", on_delete="CASCADE")
    order_line = peewee.ForeignKeyField(PurchaseOrderLine)
    location = peewee.ForeignKeyField(Location)
    lot = peewee.ForeignKeyField(Lot, null=True)
    qty = QuantityField()
