"""A stocktake's bins in walking order: still to count or done (by whom, when); mark a bin
done, or clear it to count it again."""
from ..auth.models import User
from ..db import writing
from ..db.fields import utcnow
from ..errors import Invalid, NotFound
from ..stock.models import Location, StockBalance
from .models import StocktakeBin, StocktakeCount
from .service import get_stocktake, on_hand, scope_locations
from .states import STOCKTAKE


def _bin_of(stocktake, location_id):
    """A location of the stocktake's scope named in the path; NotFound, Invalid out of scope."""
    location = Location.get_or_none(Location.id == location_id)
    if location is None or location.warehouse_id != stocktake.warehouse_id:
        raise NotFound(f"Location {location_id} does not exist in this stocktake's warehouse.",
                       field="location_id")
    if not scope_locations(stocktake.warehouse_id, stocktake.zone).where(
            Location.id == location.id).exists():
        raise Invalid(f"Location {location.code} is not in zone {stocktake.zone}.",
                      field="location_id", code="out_of_scope")
    return location


def list_bins(stocktake_id, actor):
    """{"to_count": [...], "done": [...]}: the stocktake's bins by sort key, each with its
    counted places and units so far and, once done, who finished it and when."""
    stocktake = get_stocktake(stocktake_id, actor)
    locations = (Location.select().where(Location.id.in_(
        scope_locations(stocktake.warehouse_id, stocktake.zone)))
        .order_by(Location.sort_key, Location.code, Location.id))
    done = {b.location_id: b for b in StocktakeBin.select().where(StocktakeBin.stocktake == stocktake)}
    tally = {}
    for row in StocktakeCount.select().where(StocktakeCount.stocktake == stocktake,
                                             StocktakeCount.counted == True):  # noqa: E712
        places, units, last = tally.get(row.location_id, (0, 0, None))
        tally[row.location_id] = (places + 1, units + row.counted_qty,
                                  max(last, row.counted_at) if last else row.counted_at)
    names = {u.id: u.display_name for u in User.select(User.id, User.display_name).where(
        User.id.in_([b.done_by_id for b in done.values() if b.done_by_id]))}
    answer = {"to_count": [], "done": []}
    for location in locations:
        places, units, last = tally.get(location.id, (0, 0, None))
        mark = done.get(location.id)
        answer["done" if mark else "to_count"].append(dict(
            location_id=location.id, code=location.code, barcode=location.barcode,
            zone=location.zone, sort_key=location.sort_key, places=places, counted_qty=units,
            last_counted_at=last, done_by_id=mark.done_by_id if mark else None,
            done_by=names.get(mark.done_by_id) if mark else None,
            done_at=mark.done_at if mark else None))
    return answer


def finish_bin(stocktake_id, location_id, actor):
    """Mark a bin counted: its places take the ledger's figure now, and the places holding
    stock nobody scanned count 0 (the counter found none). Conflict(bad_state) unless counting."""
    with writing():
        stocktake = STOCKTAKE.claim(stocktake_id, "count", actor, touch=True)
        location = _bin_of(stocktake, location_id)
        scanned = {}
        for row in StocktakeCount.select().where(StocktakeCount.stocktake == stocktake,
                                                 StocktakeCount.location == location):
            scanned[(row.product_id, row.lot_key)] = row
        for (product_id, lot_key), row in scanned.items():
            ledger = on_hand(product_id, location.id, lot_key)
            if ledger != row.ledger_qty_at_count:
                StocktakeCount.update(ledger_qty_at_count=ledger).where(
                    StocktakeCount.id == row.id).execute()
        held = StockBalance.select().where(StockBalance.location == location,
                                           StockBalance.on_hand != 0)
        rows = [dict(stocktake=stocktake.id, product=b.product_id, location=location.id,
                     lot_key=b.lot_key, counted_qty=0, ledger_qty_at_count=b.on_hand,
                     user=actor.user_id, device=actor.device)
                for b in held if (b.product_id, b.lot_key) not in scanned]
        if rows:
            StocktakeCount.insert_many(rows).execute()
        StocktakeBin.insert(stocktake=stocktake.id, location=location.id, done_by=actor.user_id,
                            done_at=utcnow()).on_conflict(
            conflict_target=[StocktakeBin.stocktake, StocktakeBin.location],
            update={StocktakeBin.done_by: actor.user_id, StocktakeBin.done_at: utcnow()}).execute()
    return list_bins(stocktake_id, actor)


def recount_bin(stocktake_id, location_id, actor):
    """Clear a bin's counts and its done mark, to count it again; Conflict(bad_state) unless
    counting."""
    with writing():
        stocktake = STOCKTAKE.claim(stocktake_id, "recount", actor, touch=True)
        location = _bin_of(stocktake, location_id)
        StocktakeCount.delete().where(StocktakeCount.stocktake == stocktake,
                                      StocktakeCount.location == location).execute()
        StocktakeBin.delete().where(StocktakeBin.stocktake == stocktake,
                                    StocktakeBin.location == location).execute()
    return list_bins(stocktake_id, actor)
