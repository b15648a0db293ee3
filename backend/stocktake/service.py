"""Stocktakes: open a count, record blind scans, cancel, and post approved variances.

The expected figure of a place (product x location x lot) is what the ledger held when the
counter last looked at it: every scan of the place ("add" or "set") and its bin's done mark
(bins.py) take the ledger's on-hand again, in the same transaction. So:

- a move between a place's first and last scan is in the expected figure as it is in the
  count: the counter counts what is on the shelf at the end of their sweep of the bin (10 on
  the shelf, 3 counted, 2 taken out by a picker, 5 more counted: 8 counted, 8 expected);
- a move after the last look (last scan or done mark) is not variance: the approved delta is
  posted on top of the balance as it is then, so it survives;
- a place never scanned takes the ledger's figure when its bin is marked done (counted 0), or
  else at submit.

A scan queued offline takes the figure when the server applies it, not when it was read.
Reviewers decide per place (review.py); an approval posts the places not rejected.
"""
from ..auth.access import require_warehouse, visible
from ..catalog.service import check_quantity, get_product
from ..db import is_sqlite, writing
from ..db.fields import utcnow
from ..db.sql import ROW_LOCK
from ..errors import Conflict, Invalid, NotFound, from_body
from ..numbering import next_number
from ..stock.ledger import Move, post_moves
from ..stock.models import Location, StockBalance, Warehouse
from ..stock.service import check_lot, get_location, own_warehouse
from .models import Stocktake, StocktakeCount
from .states import STOCKTAKE

DOC_TYPE = "stocktake"
OPEN = ("counting", "submitted")


def get_stocktake(stocktake_id, actor):
    """The stocktake, in one of the actor's warehouses; NotFound, Forbidden "warehouse"."""
    stocktake = Stocktake.get_or_none(Stocktake.id == stocktake_id)
    if stocktake is None:
        raise NotFound(f"Stocktake {stocktake_id} does not exist.", field="stocktake_id")
    require_warehouse(actor, stocktake.warehouse_id)
    return stocktake


def search_stocktakes(actor, status=None, warehouse_id=None):
    """Query of the actor's warehouses' stocktakes by status and warehouse."""
    query = Stocktake.select()
    if status:
        query = query.where(Stocktake.status == status)
    if warehouse_id:
        query = query.where(Stocktake.warehouse == warehouse_id)
    return visible(query, actor, Stocktake.warehouse, named=warehouse_id)


def scope_locations(warehouse_id, zone):
    """Query of the locations a stocktake covers: every non-transit place (of the zone, if any).

    Goods in transit are on a truck, not on a shelf: counting them would write them off.
    """
    query = Location.select(Location.id).where(Location.warehouse == warehouse_id,
                                               Location.kind != "transit")
    return query.where(Location.zone == zone) if zone else query


def _check_no_open_overlap(warehouse_id, zone):
    if not is_sqlite():  # serialise openers of one warehouse (SQLite already has one writer)
        Warehouse.select().where(Warehouse.id == warehouse_id).for_update(ROW_LOCK).execute()
    clash = Stocktake.select().where(Stocktake.warehouse == warehouse_id,
                                     Stocktake.status.in_(OPEN))
    if zone:
        clash = clash.where(Stocktake.zone.in_((zone, "")))
    clash = clash.first()
    if clash is not None:
        raise Conflict(f"Stocktake {clash.number} is still {clash.status} over "
                       f"{'zone ' + clash.zone if clash.zone else 'the whole warehouse'}; "
                       "finish or cancel it first.", field="zone", code="stocktake_open")


def create_stocktake(data, actor):
    """Open a count of a warehouse or zone; Invalid for an unknown zone, Conflict if one is open."""
    with writing():
        warehouse = from_body("warehouse_id", own_warehouse, data["warehouse_id"], actor)
        zone = data.get("zone") or ""
        if zone and not scope_locations(warehouse.id, zone).exists():
            raise Invalid(f"Warehouse {warehouse.code} has no locations in zone {zone}.",
                          field="zone", code="unknown_zone")
        _check_no_open_overlap(warehouse.id, zone)
        return Stocktake.create(number=next_number("ST", Stocktake), warehouse=warehouse,
                                zone=zone, created_by=actor.user_id)


def on_hand(product_id, location_id, lot_key):
    """The ledger's on-hand quantity in one place (0 when it never held any)."""
    row = StockBalance.get_or_none(StockBalance.product == product_id,
                                   StockBalance.location == location_id,
                                   StockBalance.lot_key == lot_key)
    return row.on_hand if row else 0


def _place(stocktake, data):
    """(product, location, lot_key) of a scan, checked against the stocktake's scope."""
    product = from_body("product_id", get_product, data["product_id"])
    check_quantity(product, data["qty"])
    location = from_body("location_id", get_location, data["location_id"], stocktake.warehouse_id)
    if not scope_locations(stocktake.warehouse_id, stocktake.zone).where(
            Location.id == location.id).exists():
        scope = f"zone {stocktake.zone}" if stocktake.zone else "this stocktake"
        raise Invalid(f"Location {location.code} is not in {scope}.", field="location_id",
                      code="out_of_scope")
    lot_id = from_body("lot_id", check_lot, data.get("lot_id"), product.id)
    return product, location, lot_id or 0


def record_count(stocktake_id, data, actor):
    """One scan: add to (or, mode "set", replace) the count of a place; Invalid out of scope."""
    with writing():
        stocktake = STOCKTAKE.claim(stocktake_id, "count", actor, touch=True)
        product, location, lot_key = _place(stocktake, data)
        key = dict(stocktake=stocktake.id, product=product.id, location=location.id,
                   lot_key=lot_key)
        # Every scan takes the ledger's figure again (module docstring: moves during a count).
        ledger = on_hand(product.id, location.id, lot_key)
        StocktakeCount.insert(ledger_qty_at_count=ledger, counted_qty=0,
                              **key).on_conflict_ignore().execute()
        where = [getattr(StocktakeCount, name) == value for name, value in key.items()]
        counted = data["qty"] if data["mode"] == "set" else StocktakeCount.counted_qty + data["qty"]
        StocktakeCount.update(counted_qty=counted, ledger_qty_at_count=ledger, counted=True,
                              user=actor.user_id, device=actor.device,
                              counted_at=utcnow()).where(*where).execute()
        return StocktakeCount.get(*where)


def cancel_stocktake(stocktake_id, actor):
    """Drop a count in progress; Conflict(bad_state) once submitted."""
    with writing():
        return STOCKTAKE.claim(stocktake_id, "cancel", actor)


def _refuse_if_short(stocktake, row, variance):
    """A write-off larger than what is on hand now cannot be posted: say why."""
    now = on_hand(row.product_id, row.location_id, row.lot_key)
    if now + variance >= 0 or stocktake.warehouse.allow_negative:
        return
    raise Conflict(
        f"Stocktake {stocktake.number}: {row.product.sku} at {row.location.code} was counted "
        f"{row.counted_qty} against {row.ledger_qty_at_count} in the ledger, but only {now} is on "
        f"hand now (stock left this place after it was counted), so {-variance} cannot be written "
        "off. Reject this stocktake and count the place again.",
        code="variance_exceeds_stock",
        extra={"product_id": row.product_id, "location_id": row.location_id,
               "lot_id": row.lot_key or None, "on_hand": str(now), "variance": str(variance)})


def _settle_lines(stocktake, approved, actor):
    """Give the places nobody decided the stocktake's verdict; a rejection rejects them all."""
    undecided = (StocktakeCount.stocktake == stocktake) & (
        (StocktakeCount.decision == "") if approved else (StocktakeCount.decision != "rejected"))
    StocktakeCount.update(decision="approved" if approved else "rejected",
                          decided_by=actor.user_id).where(undecided).execute()


def decide_stocktake(doc_id, approved, actor):
    """Approval callback: post each variance not rejected on top of the current balance, or
    reject the lot; Conflict(variance_exceeds_stock) for a write-off larger than what is left."""
    stocktake = STOCKTAKE.claim(doc_id, "approve" if approved else "reject", actor,
                                decided_at=utcnow())
    _settle_lines(stocktake, approved, actor)
    if not approved:
        return
    moves = []
    for row in variance_rows(stocktake).where(StocktakeCount.decision == "approved"):
        variance = row.counted_qty - row.ledger_qty_at_count
        if variance < 0:
            _refuse_if_short(stocktake, row, variance)
        # Reality wins over reservations: missing units are gone even if an order wanted them.
        moves.append(Move(product_id=row.product_id, location_id=row.location_id,
                          lot_id=row.lot_key or None, qty=variance, reason="stocktake",
                          doc_type=DOC_TYPE, doc_id=stocktake.id,
                          unit_cost=row.unit_cost or 0, respect_reserved=False))
    post_moves(moves, actor)


def variance_rows(stocktake):
    """The stocktake's places whose count differs from the ledger's figure."""
    return (StocktakeCount.select()
            .where(StocktakeCount.stocktake == stocktake,
                   StocktakeCount.counted_qty != StocktakeCount.ledger_qty_at_count)
            .order_by(StocktakeCount.id))
