"""Products and their barcodes."""
import peewee

from ..db.fields import MoneyField, QuantityField, UtcDateTimeField, utcnow
from ..db.models import BaseModel
from ..partners.models import Supplier


class Category(BaseModel):
    """A product group."""

    name = peewee.CharField(max_length=120, unique=True)


class Product(BaseModel):
    """Something we buy, hold and sell."""

    sku = peewee.CharField(max_length=64, unique=True)
    name = peewee.CharField(max_length=200, index=True)
    description = peewee.TextField(default="")  # since schema version 2
    unit = peewee.CharField(max_length=20, default="pcs")
    # 0 for units counted whole (pcs, box); 3 for kg or m.
    unit_decimals = peewee.SmallIntegerField(default=0)
    category = peewee.ForeignKeyField(Category, null=True, backref="products", on_delete="SET NULL")
    cost = MoneyField(default=0)  # moving-average unit cost
    price = MoneyField(default=0)
    active = peewee.BooleanField(default=True)
    tracks_lots = peewee.BooleanField(default=False)
    created_at = UtcDateTimeField(default=utcnow)
    updated_at = UtcDateTimeField(default=utcnow)
    # Reordering (since schema version 12): whom to buy from, and in packs of how many.
    preferred_supplier = peewee.ForeignKeyField(Supplier, null=True, on_delete="SET NULL")
    supplier_pack_qty = QuantityField(default=1)


class Barcode(BaseModel):
    """A code printed on a product or its pack; GTINs are stored as 14 digits."""

    code = peewee.CharField(max_length=100, unique=True)
    product = peewee.ForeignKeyField(Product, backref="barcodes", on_delete="CASCADE")
    pack_qty = QuantityField(default=1)  # units one scan of this code stands for
