"""Sales orders, picks, shipments and sales returns."""
import peewee

from ..auth.models import User
from ..catalog.models import Product
from ..db.fields import MoneyField, QuantityField, UtcDateTimeField, utcnow
from ..db.models import BaseModel
from ..partners.models import Customer
from ..stock.models import Location, Lot, Warehouse

RETURN_REASONS = ("damaged", "wrong_item", "not_wanted", "defective", "other")


class SalesOrder(BaseModel):
    """An order from a customer: draft -> confirmed -> picking -> picked -> shipped."""

    number = peewee.CharField(max_length=30, unique=True)
    customer = peewee.ForeignKeyField(Customer, backref="orders")
    warehouse = peewee.ForeignKeyField(Warehouse)
    status = peewee.CharField(max_length=20, default="draft", index=True)
    notes = peewee.TextField(default="")
    promised_date = peewee.DateField(null=True)  # orders to pick come oldest promise first
    # a partial shipment's remainder becomes a new order pointing back at the one it left
    backorder_of = peewee.ForeignKeyField("self", null=True, backref="backorders")
    created_by = peewee.ForeignKeyField(User, null=True)
    created_at = UtcDateTimeField(default=utcnow)
    updated_at = UtcDateTimeField(default=utcnow)


class SalesOrderLine(BaseModel):
    """One product on a sales order; reserved on confirm, picked, then shipped."""

    order = peewee.ForeignKeyField(SalesOrder, backref="lines", on_delete="CASCADE")
    product = peewee.ForeignKeyField(Product)
    qty_ordered = QuantityField()
    qty_reserved = QuantityField(default=0)
    qty_picked = QuantityField(default=0)
    qty_short = QuantityField(default=0)
    qty_shipped = QuantityField(default=0)
    qty_backordered = QuantityField(default=0)  # left to a backorder at a partial shipment
    short_reason = peewee.CharField(max_length=200, null=True)
    qty_returned = QuantityField(default=0)  # kept here so a return's limit is one guarded update
    unit_price = MoneyField()
    cogs = MoneyField(default=0)  # cost of goods sold, fixed at shipment


class Pick(BaseModel):
    """Units of a line taken from a bin to the warehouse's staging area."""

    order_line = peewee.ForeignKeyField(SalesOrderLine, backref="picks")
    location = peewee.ForeignKeyField(Location)
    lot = peewee.ForeignKeyField(Lot, null=True)
    qty = QuantityField()
    shipped = peewee.BooleanField(default=False)
    reason = peewee.CharField(max_length=200, null=True)  # why a later lot than FEFO's first
    overridden_by = peewee.ForeignKeyField(User, null=True, backref="+")  # took an expired lot
    user = peewee.ForeignKeyField(User, null=True)
    device = peewee.CharField(max_length=80, null=True)
    created_at = UtcDateTimeField(default=utcnow)


class Shipment(BaseModel):
    """Picked goods leaving the warehouse."""

    order = peewee.ForeignKeyField(SalesOrder, backref="shipments")
    cogs = MoneyField(default=0)
    revenue = MoneyField(default=0)
    user = peewee.ForeignKeyField(User, null=True)
    device = peewee.CharField(max_length=80, null=True)
    created_at = UtcDateTimeField(default=utcnow)


class Parcel(BaseModel):
    """A package of a shipment, by the code scanned at hand-over."""

    shipment = peewee.ForeignKeyField(Shipment, backref="parcels", on_delete="CASCADE")
    code = peewee.CharField(max_length=60)

    class Meta:
        indexes = ((("shipment", "code"), True),)


class SalesReturn(BaseModel):
    """Goods a customer sent back: restocked or quarantined, with a reason."""

    order = peewee.ForeignKeyField(SalesOrder, null=True, backref="returns")
    warehouse = peewee.ForeignKeyField(Warehouse)
    reason = peewee.CharField(max_length=200)
    reason_code = peewee.CharField(max_length=20, default="other")  # one of RETURN_REASONS
    disposition = peewee.CharField(max_length=12)  # restock | quarantine
    # completed | pending_approval (above RETURN_APPROVAL_AMOUNT: no moves yet) | rejected
    status = peewee.CharField(max_length=20, default="completed")
    user = peewee.ForeignKeyField(User, null=True)
    device = peewee.CharField(max_length=80, null=True)
    created_at = UtcDateTimeField(default=utcnow)


class SalesReturnLine(BaseModel):
    """One product coming back."""

    sales_return = peewee.ForeignKeyField(SalesReturn, backref="lines", on_delete="CASCADE")
    product = peewee.ForeignKeyField(Product)
    order_line = peewee.ForeignKeyField(SalesOrderLine, null=True)
    location = peewee.ForeignKeyField(Location)
    lot = peewee.ForeignKeyField(Lot, null=True)
    qty = QuantityField()
