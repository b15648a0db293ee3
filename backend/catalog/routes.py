"""HTTP layer of the catalog: /api/v1/products, /api/v1/lookup."""
from decimal import Decimal

import marshmallow as ma
from flask import url_for
from marshmallow import fields, validate

from ..api import Blueprint, Money, PageArgs, Quantity, Text, page_of, paginate
from . import service
from .models import Product

blp = Blueprint("catalog", __name__, url_prefix="/api/v1", description="Products and barcodes")


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


@blp.get("/products")
@blp.arguments(ProductListArgs, location="query")
@blp.response(200, page_of(ProductSchema))
def list_products(args):
    """List products, filtered by name/SKU fragment, category and active flag."""
    query = service.search_products(args.get("q"), args.get("category"), args.get("active"))
    return paginate(query, Product, args)


@blp.post("/products")
@blp.arguments(ProductInSchema)
@blp.response(201, ProductSchema)
def create_product(data):
    """Create a product with its barcodes."""
    product = service.create_product(data)
    return product, 201, {"Location": url_for("catalog.get_product", product_id=product.id)}


@blp.get("/products/<int:product_id>")
@blp.response(200, ProductSchema)
def get_product(product_id):
    """One product."""
    return service.get_product(product_id)


@blp.patch("/products/<int:product_id>")
@blp.arguments(ProductPatchSchema)
@blp.response(200, ProductSchema)
def update_product(data, product_id):
    """Change a product's fields."""
    return service.update_product(product_id, data)


@blp.post("/products/<int:product_id>/barcodes")
@blp.arguments(BarcodeSchema)
@blp.response(201, ProductSchema)
def add_barcode(data, product_id):
    """Add a barcode (or a pack barcode with its quantity) to a product."""
    service.add_barcode(product_id, data["code"], data["pack_qty"])
    return service.get_product(product_id)


@blp.get("/lookup")
@blp.arguments(LookupArgs, location="query")
@blp.response(200, LookupSchema)
def look_up_code(args):
    """Find a product by any of its barcodes (GTINs in any length) or its SKU."""
    product, pack_qty = service.find_by_code(args["code"])
    return {"product": product, "pack_qty": pack_qty}
