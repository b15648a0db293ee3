"""First expiry, first out, enforced on each pick: a lot-tracked product is picked by lot, an
expired lot only with a manager's override, and a lot expiring later than the first one still
in the bins only with a reason.

"Later" follows the pick list's plan: the units of earlier-expiring lots in the bins go to the
line first, so a later lot may be taken without a reason for what they cannot cover (a picker
walking the bins in order may reach the later lot first)."""
from datetime import UTC, date, datetime

from ..db.sql import fetch, run_sql
from ..db.statements import SQL_ZERO, P, sql_of
from ..errors import Conflict, Invalid, from_body
from ..stock.models import Location, Lot, StockBalance
from ..stock.service import check_lot
from .service import to_pick

# The unexpired lots in the warehouse's bins expiring before a date, first expiry first, with
# what each bin holds (the same order as the pick list).
EARLIER_LOTS_SQL = sql_of(
    StockBalance.select(Lot.id, Lot.code, Lot.expiry, Location.code, StockBalance.on_hand)
    .join(Lot, on=(Lot.id == StockBalance.lot_key))
    .switch(StockBalance).join(Location, on=(Location.id == StockBalance.location))
    .where(StockBalance.product == P, Location.warehouse == P, Location.kind == P,
           StockBalance.on_hand > SQL_ZERO, Lot.expiry >= P, Lot.expiry < P)
    .order_by(Lot.expiry, Location.sort_key, Location.code))
NEVER = date(9999, 12, 31)  # a lot without expiry comes after every dated one


def today():
    """The date lots expire against: today in UTC."""
    return datetime.now(UTC).date()


def is_expired(expiry, on=None):
    """True when a lot with this expiry may no longer be sold (its expiry is before today)."""
    return expiry is not None and expiry < (on or today())


def pick_lot(product, lot_id):
    """The lot a pick names (None for a product without lots); Invalid "lot_required",
    "unknown_lot", "wrong_lot" (field lot_id)."""
    if lot_id is None:
        if product.tracks_lots:
            raise Invalid(f"{product.sku} is tracked by lot: scan or name the lot.",
                          field="lot_id", code="lot_required")
        return None
    from_body("lot_id", check_lot, lot_id, product.id)
    return fetch(Lot, "id = ?", (lot_id,))[0]


def earlier_lots(product_id, warehouse_id, before):
    """[(lot id, code, expiry, bin code, on hand)] of the unexpired lots in the warehouse's
    bins expiring before `before` (None: any dated lot), first expiry first."""
    rows = run_sql(EARLIER_LOTS_SQL, (product_id, warehouse_id, "bin",
                                      Lot.expiry.db_value(today()),
                                      Lot.expiry.db_value(before or NEVER))).fetchall()
    return [(r[0], r[1], Lot.expiry.python_value(r[2]), r[3],
             StockBalance.on_hand.python_value(r[4])) for r in rows]


def check_fefo(lot, line, qty, warehouse_id, data, actor):
    """What the Pick row records of the FEFO rule ({"reason", "overridden_by"}) for `qty` of
    `lot` on the order line; Conflict "lot_expired" unless overridden (the route checks the
    override permission), Invalid "fefo_reason_required" when earlier-expiring lots could
    cover those units and no reason is given."""
    reason = (data.get("reason") or "").strip() or None
    if lot is None:
        return {"reason": reason, "overridden_by": None}
    if is_expired(lot.expiry):
        if not data.get("override"):
            raise Conflict(f"Lot {lot.code} expired on {lot.expiry.isoformat()}: it may not be "
                           "picked unless a manager overrides.", field="lot_id",
                           code="lot_expired", extra={"expiry": lot.expiry.isoformat()})
        return {"reason": reason, "overridden_by": actor.user_id}
    earlier = earlier_lots(line.product_id, warehouse_id, lot.expiry)
    beyond_plan = qty > to_pick(line) - sum(row[4] for row in earlier)
    if earlier and beyond_plan and reason is None:
        first = earlier[0]
        raise Invalid(f"Lot {first[1]} (expiry {first[2].isoformat()}, in {first[3]}) expires "
                      f"before lot {lot.code}: say why you take the later one.", field="reason",
                      code="fefo_reason_required",
                      extra={"suggested_lot_id": first[0], "suggested_lot": first[1],
                             "suggested_expiry": first[2].isoformat(),
                             "suggested_location": first[3]})
    return {"reason": reason, "overridden_by": None}
