"""What the catalog API reads and writes: products, barcodes, look-ups."""
from decimal import Decimal

import marshmallow as ma
from marshmallow import fields, validate

from ..api import Id, Money, PageArgs, Quantity, Text


class BarcodeSchema(ma.Schema):
    """A barcode of a product, with the units one scan stands for."""

    code = Text(100, required=True)
    pack_qty = Quantity(load_default=Decimal(1))


class ProductInSchema(ma.Schema):
    """A new product."""

    sku = Text(64, required=True)
    name = Text(200, required=True)
    description = Text(2000)
    unit = Text(20)
    unit_decimals = fields.Integer(strict=True, validate=validate.Range(min=0, max=3))
    category = Text(120, allow_none=True)
    cost = Money()
    price = Money()
    active = fields.Boolean()
    tracks_lots = fields.Boolean()
    barcodes = fields.List(fields.Nested(BarcodeSchema), validate=validate.Length(max=50))
    # reordering: whom to buy from (null: the last supplier bought from), in packs of how many
    preferred_supplier_id = Id(allow_none=True)
    supplier_pack_qty = Quantity()


class ProductPatchSchema(ProductInSchema):
    """Changes to a product; every field optional."""

    class Meta:
        exclude = ("barcodes",)

    sku = Text(64)
    name = Text(200)


class ProductSchema(ma.Schema):
    """A product as the API shows it."""

    id = fields.Integer()
    sku = fields.String()
    name = fields.String()
    description = fields.String()
    unit = fields.String()
    unit_decimals = fields.Integer()
    category = fields.Function(lambda p: p.category.name if p.category_id else None)
    cost = Money()
    price = Money()
    active = fields.Boolean()
    tracks_lots = fields.Boolean()
    preferred_supplier_id = fields.Integer(allow_none=True)
    supplier_pack_qty = Quantity()
    barcodes = fields.Function(lambda p: [
        {"code": b.code, "pack_qty": Quantity()._serialize(b.pack_qty, None, None)}
        for b in p.barcodes])


class ProductListArgs(PageArgs):
    """Filters for the product list."""

    q = Text(100)
    category = Text(120)
    active = fields.Boolean()


class LookupArgs(ma.Schema):
    """?code= a barcode or SKU."""

    code = Text(100, required=True)


class LookupSchema(ma.Schema):
    """What a code means: the product and how many units one scan is."""

    product = fields.Nested(ProductSchema)
    pack_qty = Quantity()

