"""Moving-average unit cost, brought up to date by each receipt.

It belongs with the stock ledger in the long run (transfers and adjustments may want it too);
it lives here until stock takes it over.
"""
from decimal import ROUND_HALF_UP, Decimal

from ..catalog.models import Product
from ..db import is_sqlite, writing
from ..db.sql import ROW_LOCK, run_sql
from ..stock.models import StockBalance

COST_PLACES = Decimal("0.0001")


def moving_average(on_hand_before, old_cost, qty, unit_cost):
    """The new average after `qty` arrive at `unit_cost`; the receipt's cost if none was on hand."""
    if on_hand_before <= 0:
        return Decimal(unit_cost).quantize(COST_PLACES, ROUND_HALF_UP)
    total = on_hand_before * old_cost + qty * unit_cost
    return (total / (on_hand_before + qty)).quantize(COST_PLACES, ROUND_HALF_UP)


# Every unit owned counts, wherever it is: bins, staging, transit and quarantine alike.
COST_SQL = ("SELECT p.cost, (SELECT COALESCE(SUM(b.on_hand), 0) FROM stock_balance b "
            "WHERE b.product_id = ?) FROM product p WHERE p.id = ?")


def apply_receipt_cost(product_id, qty, unit_cost):
    """Fold a receipt into the product's moving-average cost; call BEFORE posting its moves."""
    sql = COST_SQL if is_sqlite() else f"{COST_SQL} {ROW_LOCK} OF p"
    with writing():
        # Two receipts of one product must not both read the old cost: on PostgreSQL the row
        # is locked, on SQLite writers are serialised already.
        old_cost, on_hand_scaled = run_sql(sql, (product_id, product_id)).fetchone()
        old_cost = Product.cost.python_value(old_cost)
        # The subquery returns the stored scaled integer, not a Decimal.
        before = Decimal(int(on_hand_scaled)) / StockBalance.on_hand.scale
        cost = moving_average(before, old_cost, Decimal(qty), Decimal(unit_cost))
        if cost != old_cost:
            Product.update(cost=cost).where(Product.id == product_id).execute()
    return cost
