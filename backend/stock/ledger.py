"""The one writer of stock moves: every area posts through here.

Each posting writes the immutable move and brings the balances (per product x location x
lot, and per product x warehouse) into step in the same transaction. Outbound quantities
are taken with conditional updates, so two writers can never both take the last unit.

A warehouse's level counts the stock it can sell: bins and staging. Units in its transit
area (a transfer on its way, counted as incoming) and in quarantine (returns awaiting a
decision) have balances at those locations but are neither on hand nor available there.

Inside a request, each (product, location) a request moves is announced once, after commit:
`stock.changed` to the location's warehouse room, with the figures as the request left them.
"""
from dataclasses import dataclass
from decimal import Decimal

import peewee

from ..alerts.watch import check_levels
from ..api import Quantity
from ..db import db, writing
from ..db.fields import QuantityField, utcnow
from ..db.sql import run_sql
from ..db.statements import SQL_ZERO, P, excluded, insert, sql_of
from ..errors import Conflict, Invalid
from ..events.queue import queue_once
from .models import Location, StockBalance, StockLevel, StockMove, Warehouse

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
    permissions: frozenset | None = None  # the caller's (auth/permissions.py); None: unknown


# The hot path runs SQL text built once from the models (see db/statements.py): building ORM
# queries inside the write lock cost more than executing them (bench/ledger.py).
MOVE_FIELDS = tuple(field for field in StockMove._meta.sorted_fields if not field.primary_key)
_qty = QuantityField().db_value


def _level_upsert(on_hand, incoming, add):
    """INSERT a level row, or add the new row's value of the column `add` to the stored one."""
    lv = StockLevel
    return insert(lv, product=P, warehouse=P, on_hand=on_hand, reserved=SQL_ZERO,
                  incoming=incoming).on_conflict(conflict_target=[lv.product, lv.warehouse],
                                                 update={add: add + excluded(add)})


def statements():
    """The ledger's statements by name: SQL text generated from the models."""
    b, lv = StockBalance, StockLevel
    level = (lv.product == P, lv.warehouse == P)
    queries = {
        "warehouse_of": Location.select(Location.warehouse, Warehouse.allow_negative,
                                        Location.kind, Location.active & Warehouse.active)
                                .join(Warehouse).where(Location.id == P),
        "put_balance": insert(b, product=P, location=P, lot_key=P, on_hand=P).on_conflict(
            conflict_target=[b.product, b.location, b.lot_key],
            update={b.on_hand: b.on_hand + excluded(b.on_hand)}),
        "put_level": _level_upsert(P, SQL_ZERO, lv.on_hand),
        "take_balance": b.update(on_hand=b.on_hand + P).where(
            b.product == P, b.location == P, b.lot_key == P, b.on_hand + P >= SQL_ZERO),
        "take_level": lv.update(on_hand=lv.on_hand + P).where(
            *level, lv.on_hand - lv.reserved + P >= SQL_ZERO),
        # Units reserved for the very order being picked or shipped may be taken.
        "take_reserved_level": lv.update(on_hand=lv.on_hand + P).where(
            *level, lv.on_hand + P >= SQL_ZERO),
        "ensure_level": insert(lv, product=P, warehouse=P, on_hand=SQL_ZERO, reserved=SQL_ZERO,
                               incoming=SQL_ZERO).on_conflict(
            conflict_target=[lv.product, lv.warehouse], action="NOTHING"),
        # Reserving is the no-oversell guard: the condition and the change are one statement.
        "reserve": lv.update(reserved=lv.reserved + P).where(
            *level, lv.on_hand - lv.reserved >= P),
        "reserve_any": lv.update(reserved=lv.reserved + P).where(*level),
        "release": lv.update(reserved=lv.reserved + P).where(*level, lv.reserved + P >= SQL_ZERO),
        "add_incoming": _level_upsert(SQL_ZERO, P, lv.incoming),
        "insert_move": insert(StockMove, **{field.name: P for field in MOVE_FIELDS}),
        # stock.changed's figures, read once per (product, location) at the request's end:
        # on hand at the location (every lot), the warehouse level's on hand and reserved
        "figures": peewee.Select(columns=[
            b.select(peewee.fn.SUM(b.on_hand)).where(b.product == P, b.location == P),
            lv.select(lv.on_hand).where(*level), lv.select(lv.reserved).where(*level)]),
    }
    return {name: sql_of(query) for name, query in queries.items()}


SQL = statements()


def _run(name, *params):
    """Execute one of the ledger's statements; returns the cursor."""
    return run_sql(SQL[name], params)


def _warehouse_of(location_id):
    """(warehouse id or None when the location is outside the level, allow_negative, the
    location's warehouse id, active: False for a deactivated bin or warehouse)."""
    row = _run("warehouse_of", location_id).fetchone()
    if row is None:
        raise Invalid(f"Location {location_id} does not exist.", field="location_id")
    return (None if row[2] in NOT_IN_LEVEL else row[0]), bool(row[1]), row[0], bool(row[3])


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


def _insert_move(move, actor, now):
    """Write the move's row, each value through its model field."""
    values = {"product": move.product_id, "location": move.location_id, "lot": move.lot_id,
              "qty": move.qty, "unit_cost": move.unit_cost, "reason": move.reason,
              "doc_type": move.doc_type, "doc_id": move.doc_id, "user": actor.user_id,
              "device": actor.device, "created_at": now}
    _run("insert_move", *(field.db_value(values[field.name]) for field in MOVE_FIELDS))


def post_moves(moves, actor=Actor()):
    """Write moves and update balances atomically; raises Conflict when stock is short.
    Low-stock alerts of the levels it changed are raised or cleared in the same transaction."""
    with writing():
        now = utcnow()
        levels = set()
        for move in moves:
            if move.qty == 0:
                raise Invalid("A stock move cannot have a zero quantity.", field="qty")
            warehouse_id, allow_negative, located_in, active = _warehouse_of(move.location_id)
            if move.qty > 0 and not active:
                raise Conflict(f"Location {move.location_id} is deactivated: it takes no stock.",
                               code="location_inactive",
                               extra={"location_id": move.location_id})
            if move.qty < 0:
                _take(move, warehouse_id, allow_negative)
            else:
                _put(move, warehouse_id)
            _insert_move(move, actor, now)
            _announce(move.product_id, move.location_id, located_in)
            if warehouse_id is not None:
                levels.add((move.product_id, warehouse_id))
        check_levels(levels)
    return moves


def _announce(product_id, location_id, warehouse_id):
    """Queue the request's one stock.changed of this product at this location."""
    queue_once(("stock.changed", product_id, location_id), "stock.changed",
               lambda: stock_figures(product_id, location_id, warehouse_id),
               f"warehouse:{warehouse_id}")


def stock_figures(product_id, location_id, warehouse_id):
    """stock.changed's payload: on hand at the location (every lot), and the warehouse's on
    hand and available (zero at a location outside its level, e.g. transit)."""
    at, on_hand, reserved = (_quantity(n or 0) for n in _run(
        "figures", product_id, location_id, product_id, warehouse_id, product_id,
        warehouse_id).fetchone())
    return {"product_id": product_id, "location_id": location_id, "warehouse_id": warehouse_id,
            "on_hand": _shown(at, None, None), "warehouse_on_hand": _shown(on_hand, None, None),
            "available": _shown(on_hand - reserved, None, None)}


_quantity = StockBalance.on_hand.python_value  # a stored quantity as a Decimal
_shown = Quantity()._serialize  # a quantity as the API shows it


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
        check_levels([(product_id, warehouse_id)])


def add_incoming(product_id, warehouse_id, qty):
    """Change the quantity expected to arrive (POs approved, transfers in transit)."""
    with writing():
        _run("add_incoming", product_id, warehouse_id, _qty(qty))
        check_levels([(product_id, warehouse_id)])


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
