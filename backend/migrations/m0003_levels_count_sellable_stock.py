"""Version 3: a warehouse's level counts only stock it can sell (bins and staging).

Units in a transit area (already counted as incoming) or in quarantine used to be counted as
on hand too, so they could be reserved for orders. Levels are recomputed from the balances.
"""

VERSION = 3


def up(db):
    """Recompute stock_level.on_hand from the balances of bins and staging areas."""
    db.execute_sql(
        "UPDATE stock_level SET on_hand = COALESCE((SELECT SUM(b.on_hand) FROM stock_balance b "
        "JOIN location l ON l.id = b.location_id WHERE b.product_id = stock_level.product_id "
        "AND l.warehouse_id = stock_level.warehouse_id "
        "AND l.kind NOT IN ('transit', 'quarantine')), 0)")
