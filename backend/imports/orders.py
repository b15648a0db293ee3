"""Open purchase orders from a spreadsheet: one row per line, rows sharing an `order`
reference make one order. Each order is created and submitted as through the API, so one above
the approval amount waits for a manager and an approved one counts as incoming stock."""
from collections import OrderedDict
from decimal import Decimal

from ..catalog.models import Product
from ..partners.models import Supplier
from ..purchasing.service import create_order, submit_order
from ..stock.models import Warehouse
from . import cells
from .rows import Column, warehouse_of


class PurchaseOrders:
    """Open purchase orders, a line per row."""

    name = "purchase_orders"
    write_permission, read_permission = "purchasing.write", "purchasing.read"
    COLUMNS = (Column("order", cells.text(30), True), Column("supplier", cells.text(30), True),
               Column("warehouse", cells.text(20), True), Column("expected_date", cells.date),
               Column("sku", cells.text(64), True),
               Column("qty", cells.number(3, positive=True), True),
               Column("unit_cost", cells.number(4), True), Column("notes", cells.text(2000)))

    @staticmethod
    def check(records, report, actor):
        suppliers = dict(Supplier.select(Supplier.code, Supplier.id).tuples())
        warehouses = dict(Warehouse.select(Warehouse.code, Warehouse.id).tuples())
        products = {p.sku: p for p in Product.select(
            Product.id, Product.sku, Product.unit_decimals, Product.active, Product.unit)}
        headers, lines = {}, set()
        for record in records:
            values, row = record.values, record.row
            first = headers.setdefault(values["order"], (values["supplier"], values["warehouse"]))
            if first != (values["supplier"], values["warehouse"]):
                report.add(row, "supplier", "mixed_order_header", f"Order {values['order']} "
                           f"has supplier {first[0]} and warehouse {first[1]} on an earlier row.")
            if values["supplier"] not in suppliers:
                report.add(row, "supplier", "unknown_supplier",
                           f"No supplier has the code {values['supplier']}.")
            values["supplier_id"] = suppliers.get(values["supplier"])
            values["warehouse_id"] = warehouse_of(record, report, actor, warehouses)
            PurchaseOrders._check_product(record, report, products, lines)

    @staticmethod
    def _check_product(record, report, products, lines):
        values, row = record.values, record.row
        product = products.get(values["sku"])
        if product is None or not product.active:
            report.add(row, "sku", "unknown_product" if product is None else "inactive_product",
                       f"No active product has the SKU {values['sku']}.")
            return
        values["product_id"] = product.id
        if -values["qty"].normalize().as_tuple().exponent > product.unit_decimals:
            report.add(row, "qty", "fractional_quantity",
                       f"{product.sku} is counted in whole {product.unit}.")
        if (values["order"], product.id) in lines:
            report.add(row, "sku", "duplicate_product",
                       f"{product.sku} is already on order {values['order']}.")
        lines.add((values["order"], product.id))

    @staticmethod
    def write(records, actor, settings):
        orders = OrderedDict()
        for record in records:
            orders.setdefault(record.values["order"], []).append(record.values)
        for reference, rows in orders.items():
            notes = rows[0].get("notes") or ""
            order = create_order({
                "supplier_id": rows[0]["supplier_id"], "warehouse_id": rows[0]["warehouse_id"],
                "expected_date": rows[0].get("expected_date"),
                "notes": f"{reference} {notes}".strip(),
                "lines": [{"product_id": r["product_id"], "qty_ordered": r["qty"],
                           "unit_cost": r["unit_cost"]} for r in rows]}, actor)
            submit_order(order.id, Decimal(settings.po_approval_amount), actor)
        return len(records)
