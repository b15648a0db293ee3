"""First expiry, first out, enforced on each pick: a lot-tracked product is picked by lot, an
expired lot only with a manager's override, and a lot expiring later than the first one still
in the bins only with a reason."""
from datetime import UTC, datetime

from ..db.sql import fetch, run_sql
from ..db.statements import SQL_ZERO, P, sql_of
from ..errors import Conflict, Invalid, from_body
from ..stock.models import Location, Lot, StockBalance
from ..stock.service import check_lot

# The first-expiring lot with units in a bin of the warehouse (the same rule as the pick list).
FIRST_LOT_SQL = sql_of(
    StockBalance.select(Lot.id, Lot.code, Lot.expiry, Location.code)
    .join(Lot, on=(Lot.id == StockBalance.lot_key))
    .switch(StockBalance).join(Location, on=(Location.id == StockBalance.location))
    .where(StockBalance.product == P, Location.warehouse == P, Location.kind == P,
           StockBalance.on_hand > SQL_ZERO, Lot.expiry >= P)
    .order_by(Lot.expiry, Location.sort_key, Location.code).limit(P))


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


def first_lot(product_id, warehouse_id, on=None):
    """(lot id, code, expiry, bin code) of the unexpired lot to pick first, or None."""
    row = run_sql(FIRST_LOT_SQL, (product_id, warehouse_id, "bin",
                                  Lot.expiry.db_value(on or today()), 1)).fetchone()
    return None if row is None else (row[0], row[1], Lot.expiry.python_value(row[2]), row[3])


def check_fefo(lot, product_id, warehouse_id, data, actor):
    """What the Pick row records of the FEFO rule ({"reason", "overridden_by"}); Conflict
    "lot_expired" unless overridden (the route checks the override permission), Invalid
    "fefo_reason_required" for a later lot than the first without a reason."""
    reason = (data.get("reason") or "").strip() or None
    if lot is None:
        return {"reason": reason, "overridden_by": None}
    if is_expired(lot.expiry):
        if not data.get("override"):
            raise Conflict(f"Lot {lot.code} expired on {lot.expiry.isoformat()}: it may not be "
                           "picked unless a manager overrides.", field="lot_id",
                           code="lot_expired", extra={"expiry": lot.expiry.isoformat()})
        return {"reason": reason, "overridden_by": actor.user_id}
    first = first_lot(product_id, warehouse_id)
    later = first is not None and (lot.expiry is None or lot.expiry > first[2])
    if later and reason is None:
        raise Invalid(f"Lot {first[1]} (expiry {first[2].isoformat()}, in {first[3]}) expires "
                      f"before lot {lot.code}: say why you take the later one.", field="reason",
                      code="fefo_reason_required",
                      extra={"suggested_lot_id": first[0], "suggested_lot": first[1],
                             "suggested_expiry": first[2].isoformat(),
                             "suggested_location": first[3]})
    return {"reason": reason, "overridden_by": None}
