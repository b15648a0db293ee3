"""Products, categories and barcodes: the catalog's rules."""
from decimal import Decimal

import peewee

from ..db import writing
from ..db.fields import utcnow
from ..errors import Conflict, Invalid, NotFound, from_body
from .codes import GTIN_LENGTHS, is_valid_gtin, normalise_code
from .models import Barcode, Category, Product

PRODUCT_FIELDS = ("sku", "name", "description", "unit", "unit_decimals", "cost", "price", "active", "tracks_lots")


def get_product(product_id):
    """The product, or NotFound."""
    product = Product.get_or_none(Product.id == product_id)
    if product is None:
        raise NotFound(f"Product {product_id} does not exist.", field="product_id")
    return product


def check_quantity(product, qty, field="qty"):
    """Refuse a fractional quantity of a product counted in whole units."""
    places = -Decimal(qty).normalize().as_tuple().exponent
    if places > product.unit_decimals:
        unit = "whole" if product.unit_decimals == 0 else f"{product.unit_decimals}-decimal"
        raise Invalid(f"{product.sku} is counted in {unit} {product.unit}; {qty} is not allowed.",
                      field=field, code="fractional_quantity")
    return qty


def _category_id(name):
    if not name:
        return None
    category, _ = Category.get_or_create(name=name)
    return category.id


def _add_barcode(product, code, pack_qty):
    normal = normalise_code(code)
    if normal.isdigit() and len(code.strip()) in GTIN_LENGTHS and not is_valid_gtin(code.strip()):
        raise Invalid(f"{code} looks like a GTIN but its check digit is wrong.", field="code",
                      code="bad_check_digit")
    owner = Barcode.get_or_none(Barcode.code == normal)
    if owner is not None:
        raise Conflict(f"Barcode {code} already belongs to product {owner.product_id}.",
                       field="code", code="duplicate_barcode")
    check_quantity(product, pack_qty, "pack_qty")
    return Barcode.create(code=normal, product=product, pack_qty=pack_qty)


def _reordering(data):
    """The reordering fields given: the preferred supplier checked (422 naming the field)."""
    from ..partners.models import Supplier
    from ..partners.service import get_partner
    found = {}
    if data.get("preferred_supplier_id") is not None:
        found["preferred_supplier"] = from_body(
            "preferred_supplier_id", get_partner, Supplier, data["preferred_supplier_id"]).id
    elif "preferred_supplier_id" in data:
        found["preferred_supplier"] = None
    if "supplier_pack_qty" in data:
        found["supplier_pack_qty"] = data["supplier_pack_qty"]
    return found


def create_product(data):
    """Create a product with its barcodes; Conflict on a taken SKU or barcode."""
    with writing():
        if Product.select().where(Product.sku == data["sku"]).exists():
            raise Conflict(f"SKU {data['sku']} already exists.", field="sku", code="duplicate_sku")
        fields = {k: data[k] for k in PRODUCT_FIELDS if k in data}
        fields.update(_reordering(data))
        product = Product.create(category=_category_id(data.get("category")), **fields)
        for barcode in data.get("barcodes", []):
            _add_barcode(product, barcode["code"], barcode.get("pack_qty", Decimal(1)))
    return product


def update_product(product_id, data):
    """Change a product's fields (not its barcodes)."""
    with writing():
        product = get_product(product_id)
        if "sku" in data and data["sku"] != product.sku and \
                Product.select().where(Product.sku == data["sku"]).exists():
            raise Conflict(f"SKU {data['sku']} already exists.", field="sku", code="duplicate_sku")
        for key in PRODUCT_FIELDS:
            if key in data:
                setattr(product, key, data[key])
        if "category" in data:
            product.category = _category_id(data["category"])
        for key, value in _reordering(data).items():
            setattr(product, key, value)
        product.updated_at = utcnow()
        product.save()
    return product


def add_barcode(product_id, code, pack_qty):
    """Give a product one more barcode; Conflict when another product has it."""
    with writing():
        return _add_barcode(get_product(product_id), code, pack_qty)


def find_by_code(code):
    """(product, pack_qty) for a barcode or SKU, or NotFound."""
    barcode = (Barcode.select(Barcode, Product).join(Product)
               .where(Barcode.code == normalise_code(code)).first())
    if barcode is not None:
        return barcode.product, barcode.pack_qty
    product = Product.get_or_none(Product.sku == code.strip())
    if product is not None:
        return product, Decimal(1)
    raise NotFound(f"No product has the code {code}.", field="code", code="unknown_code")


def search_products(q=None, category=None, active=None):
    """A query of products matching a name/SKU fragment, a category and the active flag."""
    query = Product.select(Product, Category).join(Category, peewee.JOIN.LEFT_OUTER)
    if q:
        like = f"%{q}%"
        query = query.where(Product.name ** like | Product.sku ** like)
    if category:
        query = query.where(Category.name == category)
    if active is not None:
        query = query.where(Product.active == active)
    return query
