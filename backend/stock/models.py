"""Warehouses, locations, lots, the stock-move ledger and the balances it keeps."""
import peewee

from ..auth.models import User
from ..catalog.models import Product
from ..db.fields import MoneyField, QuantityField, UtcDateTimeField, utcnow
from ..db.models import BaseModel

LOCATION_KINDS = ("bin", "staging", "transit", "quarantine")


class Warehouse(BaseModel):
    """A building that holds stock."""

    code = peewee.CharField(max_length=20, unique=True)
    name = peewee.CharField(max_length=120)
    allow_negative = peewee.BooleanField(default=False)
    active = peewee.BooleanField(default=True)


class Location(BaseModel):
    """A bin (or a staging, transit or quarantine area) inside a warehouse."""

    warehouse = peewee.ForeignKeyField(Warehouse, backref="locations")
    code = peewee.CharField(max_length=40)
    barcode = peewee.CharField(max_length=100, unique=True)
    kind = peewee.CharField(max_length=12, default="bin")
    zone = peewee.CharField(max_length=20, default="")
    sort_key = peewee.CharField(max_length=60, default="")  # walking order for pick lists
    active = peewee.BooleanField(default=True)  # m0015: a deactivated bin takes no stock

    class Meta:
        indexes = ((("warehouse", "code"), True),)


class Lot(BaseModel):
    """A batch of one product, maybe with an expiry date."""

    product = peewee.ForeignKeyField(Product, backref="lots")
    code = peewee.CharField(max_length=40)
    expiry = peewee.DateField(null=True)

    class Meta:
        indexes = ((("product", "code"), True),)


class StockMove(BaseModel):
    """One immutable change of stock: never edited, corrected by another move."""

    product = peewee.ForeignKeyField(Product)
    location = peewee.ForeignKeyField(Location)
    lot = peewee.ForeignKeyField(Lot, null=True)
    qty = QuantityField()  # signed: + in, - out
    unit_cost = MoneyField(default=0)
    reason = peewee.CharField(max_length=30)
    doc_type = peewee.CharField(max_length=30, null=True)
    doc_id = peewee.IntegerField(null=True)
    user = peewee.ForeignKeyField(User, null=True)
    device = peewee.CharField(max_length=80, null=True)
    created_at = UtcDateTimeField(default=utcnow)

    class Meta:
        indexes = ((("product", "location", "lot"), False), (("doc_type", "doc_id"), False))
        audited = False  # the immutable log is its own record


class StockBalance(BaseModel):
    """On-hand quantity per product x location x lot (lot_key 0 = no lot)."""

    product = peewee.ForeignKeyField(Product)
    location = peewee.ForeignKeyField(Location)
    lot_key = peewee.IntegerField(default=0)
    on_hand = QuantityField(default=0)

    class Meta:
        indexes = ((("product", "location", "lot_key"), True),)
        audited = False  # derived from the moves


class StockLevel(BaseModel):
    """Per product x warehouse: the totals and the alert thresholds."""

    product = peewee.ForeignKeyField(Product)
    warehouse = peewee.ForeignKeyField(Warehouse)
    on_hand = QuantityField(default=0)
    reserved = QuantityField(default=0)
    incoming = QuantityField(default=0)
    min_qty = QuantityField(null=True)
    max_qty = QuantityField(null=True)
    reorder_point = QuantityField(null=True)

    class Meta:
        indexes = ((("product", "warehouse"), True),)
        audited = False  # derived from the moves


class Adjustment(BaseModel):
    """A manual stock correction; its moves are written only once it is approved."""

    warehouse = peewee.ForeignKeyField(Warehouse)
    reason = peewee.CharField(max_length=200)
    status = peewee.CharField(max_length=20, default="pending")  # pending|approved|rejected
    created_by = peewee.ForeignKeyField(User, null=True)
    device = peewee.CharField(max_length=80, null=True)
    created_at = UtcDateTimeField(default=utcnow)


class AdjustmentLine(BaseModel):
    """One signed correction in one place."""

    adjustment = peewee.ForeignKeyField(Adjustment, backref="lines", on_delete="CASCADE")
    product = peewee.ForeignKeyField(Product)
    location = peewee.ForeignKeyField(Location)
    lot = peewee.ForeignKeyField(Lot, null=True)
    qty = QuantityField()
