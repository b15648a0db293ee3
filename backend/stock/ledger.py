"""The one writer of stock moves: every area posts through here.

Each posting writes the immutable move and brings the balances (per product x location x
lot, and per product x warehouse) into step in the same transaction. Outbound quantities
are taken with conditional updates, so two writers can never both take the last unit.
"""
from dataclasses import dataclass
from decimal import Decimal

from ..db import db, writing
from ..errors import Conflict, Invalid
from .models import Location, StockBalance, StockLevel, StockMove, Warehouse

ZERO = Decimal(0)


@dataclass(frozen=True)
class Move:
    """A stock move to post; `qty` is signed (+ in, - out)."""

    product_id: int
    location_id: int
    qty: Decimal
    reason: str
    lot_id: int | None = None
    doc_type: str | None = None
    doc_id: int | None = None
    unit_cost: Decimal = ZERO
    # Outbound moves leave units reserved for orders alone unless this is False.
    respect_reserved: bool = True


@dataclass(frozen=True)
class Actor:
    """Who did it, and on which device."""

    user_id: int | None = None
    device: str | None = None


def _warehouse_of(location_id):
    row = (Location.select(Location.warehouse, Warehouse.allow_negative)
           .join(Warehouse).where(Location.id == location_id).tuples().first())
    if row is None:
        raise Invalid(f"Location {location_id} does not exist.", field="location_id")
    return row


def _ensure_level(product_id, warehouse_id):
    StockLevel.insert(product=product_id, warehouse=warehouse_id).on_conflict_ignore().execute()


def _take(move, warehouse_id, allow_negative):
    """Apply an outbound move to both balances, refusing what is not there."""
    lot_key = move.lot_id or 0
    where = [StockBalance.product == move.product_id, StockBalance.location == move.location_id,
             StockBalance.lot_key == lot_key]
    if not allow_negative:
        where.append(StockBalance.on_hand + move.qty >= 0)
    taken = (StockBalance.update(on_hand=StockBalance.on_hand + move.qty).where(*where).execute())
    if taken == 0 and allow_negative:
        StockBalance.insert(product=move.product_id, location=move.location_id,
                            lot_key=lot_key, on_hand=move.qty).execute()
    elif taken == 0:
        raise _shortage(move)
    _ensure_level(move.product_id, warehouse_id)
    where = [StockLevel.product == move.product_id, StockLevel.warehouse == warehouse_id]
    if not allow_negative and move.respect_reserved:
        where.append(StockLevel.on_hand - StockLevel.reserved + move.qty >= 0)
    if StockLevel.update(on_hand=StockLevel.on_hand + move.qty).where(*where).execute() == 0:
        raise Conflict(f"Not enough unreserved stock of product {move.product_id}: "
                       f"{-move.qty} wanted, the rest is reserved for orders.",
                       code="insufficient_stock",
                       extra={"product_id": move.product_id})


def _shortage(move):
    balance = StockBalance.get_or_none(product=move.product_id, location=move.location_id,
                                       lot_key=move.lot_id or 0)
    have = balance.on_hand if balance else ZERO
    return Conflict(f"Not enough stock of product {move.product_id} at location "
                    f"{move.location_id}: {-move.qty} wanted, {have} on hand.",
                    code="insufficient_stock",
                    extra={"product_id": move.product_id, "location_id": move.location_id,
                           "available": str(have)})


def _put(move, warehouse_id):
    """Apply an inbound move to both balances."""
    StockBalance.insert(product=move.product_id, location=move.location_id,
                        lot_key=move.lot_id or 0, on_hand=move.qty).on_conflict(
        conflict_target=[StockBalance.product, StockBalance.location, StockBalance.lot_key],
        update={StockBalance.on_hand: StockBalance.on_hand + move.qty}).execute()
    StockLevel.insert(product=move.product_id, warehouse=warehouse_id, on_hand=move.qty).on_conflict(
        conflict_target=[StockLevel.product, StockLevel.warehouse],
        update={StockLevel.on_hand: StockLevel.on_hand + move.qty}).execute()


def post_moves(moves, actor=Actor()):
    """Write moves and update balances atomically; raises Conflict when stock is short."""
    with writing():
        rows = []
        for move in moves:
            if move.qty == 0:
                raise Invalid("A stock move cannot have a zero quantity.", field="qty")
            warehouse_id, allow_negative = _warehouse_of(move.location_id)
            if move.qty < 0:
                _take(move, warehouse_id, allow_negative)
            else:
                _put(move, warehouse_id)
            rows.append(dict(product=move.product_id, location=move.location_id, lot=move.lot_id,
                             qty=move.qty, unit_cost=move.unit_cost, reason=move.reason,
                             doc_type=move.doc_type, doc_id=move.doc_id, user=actor.user_id,
                             device=actor.device))
        if rows:
            StockMove.insert_many(rows).execute()
    return rows


def reserve(product_id, warehouse_id, qty):
    """Reserve available stock for an order (negative qty releases); Conflict if short."""
    with writing():
        _ensure_level(product_id, warehouse_id)
        allow_negative = Warehouse.get_by_id(warehouse_id).allow_negative
        where = [StockLevel.product == product_id, StockLevel.warehouse == warehouse_id]
        if qty > 0 and not allow_negative:
            where.append(StockLevel.on_hand - StockLevel.reserved >= qty)
        if qty < 0:
            where.append(StockLevel.reserved + qty >= 0)
        if StockLevel.update(reserved=StockLevel.reserved + qty).where(*where).execute() == 0:
            level = StockLevel.get(product=product_id, warehouse=warehouse_id)
            raise Conflict(f"Not enough available stock of product {product_id}: {qty} wanted, "
                           f"{level.on_hand - level.reserved} available.",
                           code="insufficient_stock",
                           extra={"product_id": product_id,
                                  "available": str(level.on_hand - level.reserved)})


def add_incoming(product_id, warehouse_id, qty):
    """Change the quantity expected to arrive (POs approved, transfers in transit)."""
    with writing():
        StockLevel.insert(product=product_id, warehouse=warehouse_id, incoming=qty).on_conflict(
            conflict_target=[StockLevel.product, StockLevel.warehouse],
            update={StockLevel.incoming: StockLevel.incoming + qty}).execute()


def _rows(sql):
    return {tuple(r[:-1]): int(r[-1]) for r in db.execute_sql(sql).fetchall() if int(r[-1])}


def ledger_discrepancies():
    """Every place where stored balances differ from the sum of moves (empty = healthy)."""
    by_place = _rows("SELECT product_id, location_id, COALESCE(lot_id, 0), SUM(qty) "
                     "FROM stock_move GROUP BY product_id, location_id, COALESCE(lot_id, 0)")
    balances = _rows("SELECT product_id, location_id, lot_key, on_hand FROM stock_balance")
    by_warehouse = _rows("SELECT b.product_id, l.warehouse_id, SUM(b.on_hand) FROM stock_balance b "
                         "JOIN location l ON l.id = b.location_id "
                         "GROUP BY b.product_id, l.warehouse_id")
    levels = _rows("SELECT product_id, warehouse_id, on_hand FROM stock_level")
    problems = [("balance", key, by_place.get(key), balances.get(key))
                for key in set(by_place) | set(balances) if by_place.get(key) != balances.get(key)]
    problems += [("level", key, by_warehouse.get(key), levels.get(key))
                 for key in set(by_warehouse) | set(levels)
                 if by_warehouse.get(key) != levels.get(key)]
    return problems
