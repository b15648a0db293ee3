"""HTTP layer of the catalog: /api/v1/products, /api/v1/lookup."""

from flask import url_for

from ..api import Blueprint, page_of, paginate
from ..auth.actor import current_actor
from ..stock import service as stock_service
from . import service
from .models import Product
from .schemas import (
    BarcodeSchema,
    LookupArgs,
    LookupSchema,
    ProductInSchema,
    ProductListArgs,
    ProductPatchSchema,
    ProductSchema,
)

blp = Blueprint("catalog", __name__, url_prefix="/api/v1", description="Products and barcodes")


@blp.get("/products")
@blp.arguments(ProductListArgs, location="query")
@blp.response(200, page_of(ProductSchema))
def list_products(args):
    """List products, filtered by name/SKU fragment, category, active flag and low stock."""
    low = stock_service.low_product_ids(current_actor()) if args.get("low_stock") else None
    query = service.search_products(args.get("q"), args.get("category"), args.get("active"), low)
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
