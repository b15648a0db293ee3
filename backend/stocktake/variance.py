"""Submitting a stocktake: places never scanned count as zero, variances are valued and sent
for approval (or, with none, the stocktake is approved at once)."""
from decimal import Decimal

from ..approvals.service import request_approval
from ..catalog.models import Product
from ..db import writing
from ..db.fields import utcnow
from ..stock.models import Location, StockBalance
from .models import StocktakeCount
from .service import get_stocktake, scope_locations, variance_rows
from .states import STOCKTAKE


def _add_uncounted(stocktake):
    """Rows (counted 0) for places in scope that hold stock and were never scanned."""
    seen = {(c.product_id, c.location_id, c.lot_key) for c in StocktakeCount.select().where(
        StocktakeCount.stocktake == stocktake)}
    held = (StockBalance.select()
            .where(StockBalance.location.in_(scope_locations(stocktake.warehouse_id, stocktake.zone)),
                   StockBalance.on_hand != 0)
            .order_by(StockBalance.location, StockBalance.product, StockBalance.lot_key))
    rows = [dict(stocktake=stocktake.id, product=b.product_id, location=b.location_id,
                 lot_key=b.lot_key, counted_qty=0, ledger_qty_at_count=b.on_hand, counted=False,
                 user=None)
            for b in held if (b.product_id, b.location_id, b.lot_key) not in seen]
    if rows:
        StocktakeCount.insert_many(rows).execute()


def _freeze_costs(stocktake):
    cost = Product.select(Product.cost).where(Product.id == StocktakeCount.product)
    StocktakeCount.update(unit_cost=cost).where(StocktakeCount.stocktake == stocktake).execute()


def variance_value(row):
    """What a place's variance is worth at the cost frozen at submit."""
    return (row.counted_qty - row.ledger_qty_at_count) * (row.unit_cost or Decimal(0))


def submit_stocktake(stocktake_id, actor):
    """Close the count and ask for approval of any variance; Conflict(bad_state) unless counting."""
    with writing():
        stocktake = STOCKTAKE.claim(stocktake_id, "submit", actor, submitted_at=utcnow())
        _add_uncounted(stocktake)
        _freeze_costs(stocktake)
        rows = list(variance_rows(stocktake))
        if not rows:
            return STOCKTAKE.move(stocktake, "approve", decided_at=utcnow())
        total = sum((abs(variance_value(r)) for r in rows), Decimal(0))
        scope = f"zone {stocktake.zone}" if stocktake.zone else "all zones"
        request_approval("stocktake_variance", "stocktake", stocktake.id, total,
                         f"Stocktake {stocktake.number} of {stocktake.warehouse.code} ({scope}): "
                         f"{len(rows)} places differ", actor)
    return stocktake


def search_variances(stocktake_id, actor, nonzero=False):
    """Query of every place of a submitted stocktake with its figures; Conflict while counting."""
    stocktake = get_stocktake(stocktake_id, actor)
    STOCKTAKE.check(stocktake, "show_variances")
    query = (StocktakeCount.select(StocktakeCount, Product, Location)
             .join(Product).switch(StocktakeCount).join(Location)
             .where(StocktakeCount.stocktake == stocktake))
    if nonzero:
        query = query.where(StocktakeCount.counted_qty != StocktakeCount.ledger_qty_at_count)
    return query
