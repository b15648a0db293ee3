"""What each importable entity's file holds, how its rows are checked against the file and the
database, and how the checked rows are written.

Each entity: COLUMNS (name, required, parser), `check(records, report, actor)` adding the
problems only the whole file or the database can show, and `write(records, actor, settings)`.
Those that can update (mode=upsert, by SKU or code) also have `check_upsert`, which marks
each record `action` "create" or "update" (with the stored row's `id`), and `upsert`:
an update changes the filled cells only (an empty cell keeps the value), and only those that
differ; the rows are read in bulk and written with update_row (updates.py), so the audit trail
records each changed row with before and after like any edit.
"""
from decimal import Decimal

from ..catalog.models import Barcode, Category, Product
from ..db.fields import utcnow
from ..db.sql import insert_row
from ..partners.models import Customer, Supplier
from ..stock.ledger import Move, post_moves
from ..stock.models import Location, Lot, Warehouse
from ..stock.service import find_or_create_lot
from . import cells
from .orders import PurchaseOrders
from .rows import Column, warehouse_of
from .updates import changed_values, stored_rows, update_fields


def _duplicates(records, column, existing, report, code, what):
    """Report a value seen earlier in the file or already stored; the records left clean."""
    seen = {}
    for record in records:
        for value in _as_list(record.values.get(column)):
            if value in existing:
                report.add(record.row, column, code, f"{what} {value} already exists.")
            elif value in seen:
                report.add(record.row, column, code,
                           f"{what} {value} is also on row {seen[value]}.")
            else:
                seen[value] = record.row


def _mark(records, existing, key):
    """Mark each record "update" (with the stored row's id) when its key exists, else "create"."""
    for record in records:
        record.id = existing.get(record.values[key])
        record.action = "create" if record.id is None else "update"


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class Products:
    """Products with their barcodes (codes separated by spaces or |)."""

    name = "products"
    write_permission, read_permission = "catalog.write", "catalog.read"
    COLUMNS = (Column("sku", cells.text(64), True), Column("name", cells.text(200), True),
               Column("description", cells.text(10_000)), Column("unit", cells.text(20)),
               Column("unit_decimals", cells.whole(0, 3)), Column("category", cells.text(120)),
               Column("cost", cells.number(4)), Column("price", cells.number(4)),
               Column("active", cells.boolean), Column("tracks_lots", cells.boolean),
               Column("barcodes", cells.barcodes))

    @staticmethod
    def check(records, report, actor):
        skus = {sku for (sku,) in Product.select(Product.sku).tuples()}
        _duplicates(records, "sku", skus, report, "duplicate_sku", "SKU")
        codes = {code for (code,) in Barcode.select(Barcode.code).tuples()}
        _duplicates(records, "barcodes", codes, report, "duplicate_barcode", "Barcode")

    @staticmethod
    def check_upsert(records, report, actor):
        """An existing SKU is an update; a barcode may be new or already this product's, never
        another product's (it is not moved)."""
        skus = dict(Product.select(Product.sku, Product.id).tuples())
        _duplicates(records, "sku", set(), report, "duplicate_sku", "SKU")
        _mark(records, skus, "sku")
        owners = dict(Barcode.select(Barcode.code, Product.sku).join(Product).tuples())
        seen = {}
        for record in records:
            for code in record.values.get("barcodes", []):
                owner = owners.get(code)
                if owner is not None and owner != record.values["sku"]:
                    report.add(record.row, "barcodes", "duplicate_barcode",
                               f"Barcode {code} belongs to SKU {owner}; it is not moved.")
                elif code in seen:
                    report.add(record.row, "barcodes", "duplicate_barcode",
                               f"Barcode {code} is also on row {seen[code]}.")
                else:
                    seen[code] = record.row

    @staticmethod
    def upsert(records, actor, settings):
        """Create the new SKUs, update the existing ones' filled cells that differ (and then
        updated_at, as an edit does) and add their new barcodes; the number of rows in the file."""
        categories = _categories()
        Products._create([r for r in records if r.action == "create"], categories)
        updates = [r for r in records if r.action == "update"]
        stored = stored_rows(Product, [r.id for r in updates])
        # check_upsert refused every code held by another product: a stored code is this one's.
        held = {code for (code,) in Barcode.select(Barcode.code).tuples()}
        now = utcnow()
        for record in updates:
            values = dict(record.values)
            codes = values.pop("barcodes", [])
            del values["sku"]
            if "category" in values:
                values["category"] = _category_id(categories, values["category"])
            # A row that changes nothing is not written: re-importing an export after editing
            # a few rows leaves the others' updated_at, and the audit trail, alone.
            changed = changed_values(stored[record.id], values)
            if changed:
                update_fields(Product, stored[record.id], dict(changed, updated_at=now))
            for code in codes:
                if code not in held:
                    insert_row(Barcode, code=code, product=record.id, pack_qty=Decimal(1))
                    held.add(code)
        return len(records)

    @staticmethod
    def write(records, actor, settings):
        return Products._create(records, _categories())

    @staticmethod
    def _create(records, categories):
        for record in records:
            values = dict(record.values)
            codes = values.pop("barcodes", [])
            category = _category_id(categories, values.pop("category", None))
            product_id = insert_row(Product, category=category, **values)
            for code in codes:
                insert_row(Barcode, code=code, product=product_id, pack_qty=Decimal(1))
        return len(records)


def _categories():
    """The stored categories' ids by name."""
    return {name: id_ for id_, name in Category.select(Category.id, Category.name).tuples()}


def _category_id(categories, name):
    """The id of the category of that name, created (and added to `categories`) when new;
    None for no name."""
    if not name:
        return None
    if name not in categories:
        categories[name] = insert_row(Category, name=name)
    return categories[name]


class Partners:
    """Suppliers or customers: the same columns for both roles."""

    COLUMNS = (Column("code", cells.text(30), True), Column("name", cells.text(200), True),
               Column("email", cells.text(200)), Column("phone", cells.text(50)),
               Column("active", cells.boolean))

    def __init__(self, name, model, write_permission, read_permission):
        self.name, self.model = name, model
        self.write_permission, self.read_permission = write_permission, read_permission

    def check(self, records, report, actor):
        codes = {code for (code,) in self.model.select(self.model.code).tuples()}
        _duplicates(records, "code", codes, report, "duplicate_code", "Code")

    def write(self, records, actor, settings):
        for record in records:
            insert_row(self.model, **record.values)
        return len(records)

    def check_upsert(self, records, report, actor):
        """An existing code is an update; a code twice in the file is a problem."""
        _duplicates(records, "code", set(), report, "duplicate_code", "Code")
        _mark(records, dict(self.model.select(self.model.code, self.model.id).tuples()), "code")

    def upsert(self, records, actor, settings):
        """Create the new codes and update the existing ones' filled cells; the rows written."""
        self.write([r for r in records if r.action == "create"], actor, settings)
        updates = [r for r in records if r.action == "update"]
        stored = stored_rows(self.model, [r.id for r in updates])
        for record in updates:
            current = stored[record.id]
            changed = changed_values(current, {k: v for k, v in record.values.items() if k != "code"})
            if changed:
                update_fields(self.model, current, changed)
        return len(records)


class OpeningStock:
    """Stock counted before Stocktap: per warehouse, bin and lot, posted through the ledger."""

    name = "opening_stock"
    write_permission, read_permission = "stock.adjust", "stock.read"
    COLUMNS = (Column("warehouse", cells.text(20), True), Column("bin", cells.text(40), True),
               Column("sku", cells.text(64), True), Column("lot", cells.text(40)),
               Column("expiry", cells.date), Column("qty", cells.number(3, positive=True), True),
               Column("unit_cost", cells.number(4)))

    @staticmethod
    def check(records, report, actor):
        warehouses = {code: id_ for id_, code in Warehouse.select(Warehouse.id, Warehouse.code).tuples()}
        bins = {(w, code): id_ for id_, w, code in Location.select(
            Location.id, Location.warehouse, Location.code).tuples()}
        products = {p.sku: p for p in Product.select(
            Product.id, Product.sku, Product.unit_decimals, Product.tracks_lots, Product.unit)}
        lots = {(p, code): expiry for p, code, expiry in Lot.select(
            Lot.product, Lot.code, Lot.expiry).tuples()}
        for record in records:
            OpeningStock._check_one(record, report, actor, warehouses, bins, products, lots)

    @staticmethod
    def _check_one(record, report, actor, warehouses, bins, products, lots):
        values, row = record.values, record.row
        warehouse_id = warehouse_of(record, report, actor, warehouses)
        if warehouse_id is not None and (warehouse_id, values["bin"]) not in bins:
            report.add(row, "bin", "unknown_bin",
                       f"Warehouse {values['warehouse']} has no bin {values['bin']}.")
        elif warehouse_id is not None:
            values["location_id"] = bins[(warehouse_id, values["bin"])]
        product = products.get(values["sku"])
        if product is None:
            report.add(row, "sku", "unknown_product", f"No product has the SKU {values['sku']}.")
            return
        values["product_id"] = product.id
        if -values["qty"].normalize().as_tuple().exponent > product.unit_decimals:
            report.add(row, "qty", "fractional_quantity",
                       f"{product.sku} is counted in whole {product.unit}.")
        if product.tracks_lots and not values.get("lot"):
            report.add(row, "lot", "lot_required", f"{product.sku} is tracked by lot.")
        stored = lots.get((product.id, values.get("lot")), None)
        if stored is not None and values.get("expiry") and stored != values["expiry"]:
            report.add(row, "expiry", "lot_expiry_mismatch",
                       f"Lot {values['lot']} has expiry {stored}.")

    @staticmethod
    def write(records, actor, settings):
        moves = []
        for record in records:
            values = record.values
            lot_id = None
            if values.get("lot"):
                lot_id = find_or_create_lot(values["product_id"], values["lot"],
                                            values.get("expiry")).id
            moves.append(Move(values["product_id"], values["location_id"], values["qty"],
                              "opening_stock", lot_id=lot_id, doc_type="import",
                              unit_cost=values.get("unit_cost", Decimal(0))))
        post_moves(moves, actor)
        return len(moves)


ENTITIES = {entity.name: entity for entity in (
    Products, Partners("suppliers", Supplier, "purchasing.write", "purchasing.read"),
    Partners("customers", Customer, "sales.write", "sales.read"), OpeningStock, PurchaseOrders)}
