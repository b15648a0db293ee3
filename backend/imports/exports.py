"""Exports: each entity's rows in its import columns (so an export imports again), plus the
ledger's moves; written as CSV (UTF-8 without a BOM, streamed) or XLSX (openpyxl's write-only
mode). A text cell starting with = + - @, a tab or a carriage return (OWASP's list) is prefixed
with ' so a spreadsheet shows it as text instead of running it (imports strip that prefix again)."""
import csv
import io
import tempfile

import peewee

from ..auth.access import visible
from ..catalog.models import Barcode, Category, Product
from ..errors import NotFound
from ..stock.models import Location, Lot, StockBalance, StockMove, Warehouse
from .entities import ENTITIES
from .files import INJECTION_START

BATCH = 2000  # rows read per query: a big table is never in memory whole


def _safe(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if text.startswith(INJECTION_START) else text


def _batches(query, key):
    """Lists of a query's rows in key order, BATCH at a time (keyset paging)."""
    last = 0
    while True:
        rows = list(query.where(key > last).order_by(key).limit(BATCH))
        if not rows:
            return
        yield rows
        last = rows[-1].id


def _batched(query, key):
    for rows in _batches(query, key):
        yield from rows


def product_rows(actor):
    """Products in the import's columns, barcodes joined with spaces."""
    query = Product.select(Product, Category).join(Category, peewee.JOIN.LEFT_OUTER)
    for products in _batches(query, Product.id):
        codes = {}
        for code, product_id in (Barcode.select(Barcode.code, Barcode.product)
                                 .where(Barcode.product.in_([p.id for p in products]))
                                 .order_by(Barcode.id).tuples()):
            codes.setdefault(product_id, []).append(code)
        yield from (_product_row(product, codes.get(product.id, [])) for product in products)


def _product_row(product, codes):
    return [product.sku, product.name, product.description, product.unit,
            product.unit_decimals, product.category.name if product.category_id else "",
            product.cost, product.price, product.active, product.tracks_lots, " ".join(codes)]


def partner_rows(model):
    """A partner role's rows in the import's columns."""
    def rows(actor):
        for partner in _batched(model.select(), model.id):
            yield [partner.code, partner.name, partner.email, partner.phone, partner.active]
    return rows


def stock_rows(actor):
    """On-hand per bin and lot in the opening-stock columns, in the warehouses the actor sees."""
    query = (StockBalance.select(StockBalance, Location, Warehouse, Product, Lot)
             .join(Location).join(Warehouse).switch(StockBalance).join(Product)
             .switch(StockBalance).join(Lot, peewee.JOIN.LEFT_OUTER,
                                        on=(StockBalance.lot_key == Lot.id))
             .where(StockBalance.on_hand != 0))
    query = visible(query, actor, Location.warehouse, stock=True)
    for balance in _batched(query, StockBalance.id):
        lot = balance.lot if balance.lot_key else None
        yield [balance.location.warehouse.code, balance.location.code, balance.product.sku,
               lot.code if lot else "", lot.expiry if lot and lot.expiry else "",
               balance.on_hand, balance.product.cost]


OPEN_STATUSES = ("draft", "pending_approval", "approved", "partly_received")


def purchase_order_rows(actor):
    """Open orders' lines still to come, in the import's columns, in the actor's warehouses."""
    from ..partners.models import Supplier
    from ..purchasing.models import PurchaseOrder, PurchaseOrderLine
    query = (PurchaseOrderLine.select(PurchaseOrderLine, PurchaseOrder, Supplier, Warehouse, Product)
             .join(PurchaseOrder).join(Supplier).switch(PurchaseOrder).join(Warehouse)
             .switch(PurchaseOrderLine).join(Product)
             .where(PurchaseOrder.status.in_(OPEN_STATUSES)))
    query = visible(query, actor, PurchaseOrder.warehouse)
    for line in _batched(query, PurchaseOrderLine.id):
        order = line.order
        yield [order.number, order.supplier.code, order.warehouse.code, order.expected_date or "",
               line.product.sku, line.qty_ordered - line.qty_received, line.unit_cost, order.notes]


MOVE_COLUMNS = ("id", "created_at", "warehouse", "bin", "sku", "lot", "qty", "unit_cost",
                "reason", "doc_type", "doc_id", "user_id", "device")


def move_rows(actor):
    """The ledger, oldest first, in the warehouses whose figures the actor sees."""
    query = (StockMove.select(StockMove, Location, Warehouse, Product, Lot)
             .join(Location).join(Warehouse).switch(StockMove).join(Product)
             .switch(StockMove).join(Lot, peewee.JOIN.LEFT_OUTER))
    query = visible(query, actor, Location.warehouse, stock=True)
    for move in _batched(query, StockMove.id):
        yield [move.id, move.created_at.isoformat(), move.location.warehouse.code,
               move.location.code, move.product.sku, move.lot.code if move.lot_id else "",
               move.qty, move.unit_cost, move.reason, move.doc_type, move.doc_id, move.user_id,
               move.device]


def _columns(name):
    return [column.name for column in ENTITIES[name].COLUMNS]


EXPORTS = {
    "products": (lambda: _columns("products"), product_rows, "catalog.read"),
    "suppliers": (lambda: _columns("suppliers"), partner_rows(ENTITIES["suppliers"].model),
                  "purchasing.read"),
    "customers": (lambda: _columns("customers"), partner_rows(ENTITIES["customers"].model),
                  "sales.read"),
    "stock": (lambda: _columns("opening_stock"), stock_rows, "stock.read"),
    "opening_stock": (lambda: _columns("opening_stock"), stock_rows, "stock.read"),
    "purchase_orders": (lambda: _columns("purchase_orders"), purchase_order_rows,
                        "purchasing.read"),
    "moves": (lambda: list(MOVE_COLUMNS), move_rows, "stock.read"),
}


def get_export(name):
    """(columns, rows(actor), read permission) of an exportable entity, or NotFound."""
    if name not in EXPORTS:
        raise NotFound(f"Nothing named {name} can be exported; try one of "
                       f"{', '.join(EXPORTS)}.", field="entity")
    columns, rows, permission = EXPORTS[name]
    return columns(), rows, permission


def csv_chunks(columns, rows):
    """The CSV text, a few hundred rows per chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for number, row in enumerate(rows, start=1):
        writer.writerow([_safe(value) for value in row])
        if number % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_file(columns, rows):
    """An XLSX workbook of the rows, in a temporary file (rewound) the response streams."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(columns)
    for row in rows:
        sheet.append([_safe(value) for value in row])
    handle = tempfile.TemporaryFile()
    book.save(handle)
    handle.seek(0)
    return handle
