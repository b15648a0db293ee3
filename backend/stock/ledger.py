"""The one writer of stock moves: every area posts through here.

Each posting writes the immutable move and brings the balances (per product x location x
lot, and per product x warehouse) into step in the same transaction. Outbound quantities
are taken with conditional updates, so two writers can never both take the last unit.

A warehouse's level counts the stock it can sell: bins and staging. Units in its transit
area (a transfer on its way, counted as incoming) and in quarantine (returns awaiting a
decision) have balances at those locations but are neither on hand nor available there.
"""
from dataclasses import dataclass
from decimal import Decimal

from ..db import db, writing
from ..db.fields import MoneyField, QuantityField, UtcDateTimeField, utcnow
from ..db.sql import run_sql
from ..errors import Conflict, Invalid
from .models import StockBalance, StockLevel, Warehouse

ZERO = Decimal(0)
NOT_IN_LEVEL = ("transit", "quarantine")  # location kinds outside the warehouse's level


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
    """Who did it, through which API token (if any), on which device, and where they may
    work (see auth/access.py)."""

    user_id: int | None = None
    device: str | None = None
    token_id: int | None = None
    warehouses: frozenset | None = None  # None: every warehouse
    sees_all_stock: bool = False  # stock figures of every warehouse, a grant given to a user


# The hot path runs hand-written SQL: building ORM queries inside the write lock cost more
# than executing them (bench/ledger.py).
SQL = {
    "warehouse_of": "SELECT l.warehouse_id, w.allow_negative, l.kind FROM location l "
                    "JOIN warehouse w ON w.id = l.warehouse_id WHERE l.id = ?",
    "put_balance": "INSERT INTO stock_balance (product_id, location_id, lot_key, on_hand) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (product_id, location_id, lot_key) "
                   "DO UPDATE SET on_hand = stock_balance.on_hand + excluded.on_hand",
    "put_level": "INSERT INTO stock_level (product_id, warehouse_id, on_hand, reserved, incoming) "
                 "VALUES (?, ?, ?, 0, 0) ON CONFLICT (product_id, warehouse_id) "
                 "DO UPDATE SET on_hand = stock_level.on_hand + excluded.on_hand",
    "take_balance": "UPDATE stock_balance SET on_hand = on_hand + ? WHERE product_id = ? "
                    "AND location_id = ? AND lot_key = ? AND on_hand + ? >= 0",
    "take_level": "UPDATE stock_level SET on_hand = on_hand + ? WHERE product_id = ? "
                  "AND warehouse_id = ? AND on_hand - reserved + ? >= 0",
    # Units reserved for the very order being picked or shipped may be taken.
    "take_reserved_level": "UPDATE stock_level SET on_hand = on_hand + ? WHERE product_id = ? "
                           "AND warehouse_id = ? AND on_hand + ? >= 0",
    "ensure_level": "INSERT INTO stock_level (product_id, warehouse_id, on_hand, reserved, "
                    "incoming) VALUES (?, ?, 0, 0, 0) ON CONFLICT (product_id, warehouse_id) DO NOTHING",
    # Reserving is the no-oversell guard: the condition and the change are one statement.
    "reserve": "UPDATE stock_level SET reserved = reserved + ? WHERE product_id = ? "
               "AND warehouse_id = ? AND on_hand - reserved >= ?",
    "reserve_any": "UPDATE stock_level SET reserved = reserved + ? WHERE product_id = ? "
                   "AND warehouse_id = ?",
    "release": "UPDATE stock_level SET reserved = reserved + ? WHERE product_id = ? "
               "AND warehouse_id = ? AND reserved + ? >= 0",
    "add_incoming": "INSERT INTO stock_level (product_id, warehouse_id, on_hand, reserved, "
                    "incoming) VALUES (?, ?, 0, 0, ?) ON CONFLICT (product_id, warehouse_id) "
                    "DO UPDATE SET incoming = stock_level.incoming + excluded.incoming",
    "insert_move": "INSERT INTO stock_move (product_id, location_id, lot_id, qty, unit_cost, "
                   "reason, doc_type, doc_id, user_id, device, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
}
_qty = QuantityField().db_value
_money = MoneyField().db_value


def _run(name, *params):
    """Execute one of the ledger's statements; returns the cursor."""
    return run_sql(SQL[name], params)


def _warehouse_of(location_id):
    """(warehouse id or None when the location is outside the level, allow_negative)."""
    row = _run("warehouse_of", location_id).fetchone()
    if row is None:
        raise Invalid(f"Location {location_id} does not exist.", field="location_id")
    return (None if row[2] in NOT_IN_LEVEL else row[0]), bool(row[1])


def _ensure_level(product_id, warehouse_id):
    _run("ensure_level", product_id, warehouse_id)


def _take(move, warehouse_id, allow_negative):
    """Apply an outbound move to both balances, refusing what is not there.

    The warehouse level is written before the location's balance, here and in _put: on
    PostgreSQL every writer of a product's stock in a warehouse then queues on that one row
    first, where a take (balance, then level) and a put (level, then balance) deadlocked.
    """
    qty, lot_key = _qty(move.qty), move.lot_id or 0
    if allow_negative:
        _put(move, warehouse_id)
        return
    if warehouse_id is not None:
        statement = "take_level" if move.respect_reserved else "take_reserved_level"
        if _run(statement, qty, move.product_id, warehouse_id, qty).rowcount == 0:
            have = _on_hand_at(move)  # if the bin itself is short, that is what to say
            if have + move.qty < 0:
                raise _shortage(move, have)
            raise Conflict(f"Not enough unreserved stock of product {move.product_id}: "
                           f"{-move.qty} wanted, the rest is reserved for orders.",
                           code="insufficient_stock", extra={"product_id": move.product_id})
    if _run("take_balance", qty, move.product_id, move.location_id, lot_key, qty).rowcount == 0:
        raise _shortage(move, _on_hand_at(move))


def _on_hand_at(move):
    balance = StockBalance.get_or_none(product=move.product_id, location=move.location_id,
                                       lot_key=move.lot_id or 0)
    return balance.on_hand if balance else ZERO


def _shortage(move, have):
    return Conflict(f"Not enough stock of product {move.product_id} at location "
                    f"{move.location_id}: {-move.qty} wanted, {have} on hand.",
                    code="insufficient_stock",
                    extra={"product_id": move.product_id, "location_id": move.location_id,
                           "available": str(have)})


def _put(move, warehouse_id):
    """Apply an inbound move to both balances."""
    qty = _qty(move.qty)
    if warehouse_id is not None:
        _run("put_level", move.product_id, warehouse_id, qty)
    _run("put_balance", move.product_id, move.location_id, move.lot_id or 0, qty)


def post_moves(moves, actor=Actor()):
    """Write moves and update balances atomically; raises Conflict when stock is short."""
    with writing():
        now = UtcDateTimeField().db_value(utcnow())
        for move in moves:
            if move.qty == 0:
                raise Invalid("A stock move cannot have a zero quantity.", field="qty")
            warehouse_id, allow_negative = _warehouse_of(move.location_id)
            if move.qty < 0:
                _take(move, warehouse_id, allow_negative)
            else:
                _put(move, warehouse_id)
            _run("insert_move", move.product_id, move.location_id, move.lot_id, _qty(move.qty),
                 _money(move.unit_cost), move.reason, move.doc_type, move.doc_id,
                 actor.user_id, actor.device, now)
    return moves


def reserve(product_id, warehouse_id, qty):
    """Reserve available stock for an order (negative qty releases); Conflict if short."""
    with writing():
        _ensure_level(product_id, warehouse_id)
        allow_negative = bool(Warehouse.get_by_id(warehouse_id).allow_negative)
        scaled = _qty(qty)
        if qty > 0 and allow_negative:
            changed = _run("reserve_any", scaled, product_id, warehouse_id)
        else:
            changed = _run("reserve" if qty > 0 else "release", scaled, product_id, warehouse_id,
                           scaled)
        if changed.rowcount == 0:
            level = StockLevel.get(product=product_id, warehouse=warehouse_id)
            available = level.on_hand - level.reserved
            if qty < 0:
                raise Conflict(f"Cannot release {-qty} of product {product_id}: only "
                               f"{level.reserved} is reserved.", code="over_release")
            raise Conflict(f"Not enough available stock of product {product_id}: {qty} wanted, "
                           f"{available} available.", code="insufficient_stock",
                           extra={"product_id": product_id, "available": str(available)})


def add_incoming(product_id, warehouse_id, qty):
    """Change the quantity expected to arrive (POs approved, transfers in transit)."""
    with writing():
        _run("add_incoming", product_id, warehouse_id, _qty(qty))


def _rows(sql):
    return {tuple(r[:-1]): int(r[-1]) for r in db.execute_sql(sql).fetchall() if int(r[-1])}


def ledger_discrepancies():
    """Every place where stored balances differ from the sum of moves (empty = healthy)."""
    by_place = _rows("SELECT product_id, location_id, COALESCE(lot_id, 0), SUM(qty) "
                     "FROM stock_move GROUP BY product_id, location_id, COALESCE(lot_id, 0)")
    balances = _rows("SELECT product_id, location_id, lot_key, on_hand FROM stock_balance")
    by_warehouse = _rows("SELECT b.product_id, l.warehouse_id, SUM(b.on_hand) FROM stock_balance b "
                         "JOIN location l ON l.id = b.location_id "
                         f"WHERE l.kind NOT IN {NOT_IN_LEVEL!r} "
                         "GROUP BY b.product_id, l.warehouse_id")
    levels = _rows("SELECT product_id, warehouse_id, on_hand FROM stock_level")
    problems = [("balance", key, by_place.get(key), balances.get(key))
                for key in set(by_place) | set(balances) if by_place.get(key) != balances.get(key)]
    problems += [("level", key, by_warehouse.get(key), levels.get(key))
                 for key in set(by_warehouse) | set(levels)
                 if by_warehouse.get(key) != levels.get(key)]
    return problems
