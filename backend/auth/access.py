"""Warehouse limits: the one place that says whether an actor may touch a warehouse.

A user limited to some warehouses (rows in user_warehouse; none means all) is limited by what
a record *is*, never by what a request field is called. The pattern every service follows:

- A service that touches a document, location, line or approval takes the acting `Actor`
  (built per request in auth/actor.py, passed in by the route) and, once it has read the
  record, calls `require_warehouse(actor, record.warehouse_id)` for the warehouse the action
  happens in. Lines and locations are bound to their document's warehouse
  (`stock.service.get_location(location_id, warehouse_id)`), so checking the document checks
  them too. A transfer is read when either end is allowed (`require_any`), shipped and
  cancelled by its source, received by its destination.
- A list is filtered in its query: `visible(query, actor, Model.warehouse)` (several fields:
  a row is shown when any of them is allowed). Stock figures (balances, levels, moves) pass
  `stock=True`: a user granted `sees_all_stock` reads every warehouse's figures.
- What spans every warehouse and cannot be split by one (the audit trail) is refused to a
  limited user with `require_unlimited`. Warehouses themselves (codes and names) are not
  limited: a transfer names its destination.
- A new endpoint: resolve the warehouse of what it touches and call one of these; the
  generated test (tests/backend/test_warehouse_limits.py) walks every GET list endpoint as a
  limited user and fails when a row of another warehouse comes back.
"""
import functools
import operator

from ..db.sql import run_sql
from ..errors import Forbidden

LIMITS_SQL = ('SELECT u.sees_all_stock, w.warehouse_id FROM "user" u '
              "LEFT JOIN user_warehouse w ON w.user_id = u.id WHERE u.id = ?")


def limits_of(user_id):
    """(warehouse ids the user is limited to or None for all, whether they see all stock).

    A token without a user acts for the business as a whole: no limits."""
    if user_id is None:
        return None, False
    rows = run_sql(LIMITS_SQL, (user_id,)).fetchall()
    warehouses = frozenset(row[1] for row in rows if row[1] is not None)
    return warehouses or None, bool(rows and rows[0][0])


def allowed_warehouses(user_id):
    """The warehouse ids a user is limited to, or None when they may work in all."""
    return limits_of(user_id)[0]


def _allowed(actor, stock=False):
    """The actor's warehouse ids, or None for all (stock figures: all when granted)."""
    if stock and actor.sees_all_stock:
        return None
    return actor.warehouses


def may_use(actor, warehouse_id, stock=False):
    """True when the actor may work in (or, with `stock`, see the figures of) the warehouse."""
    allowed = _allowed(actor, stock)
    return allowed is None or warehouse_id in allowed


def require_warehouse(actor, warehouse_id, stock=False):
    """Refuse a warehouse outside the actor's. Raises Forbidden "warehouse"."""
    if not may_use(actor, warehouse_id, stock):
        raise Forbidden(f"You may not work in warehouse {warehouse_id}.", code="warehouse",
                        extra={"warehouse_id": warehouse_id})


def require_unlimited(actor, what):
    """Refuse a user limited to some warehouses something that spans them all. Forbidden."""
    if actor.warehouses is not None:
        raise Forbidden(f"{what} spans every warehouse; only users without a warehouse limit "
                        "may read it.", code="warehouse")


def require_any(actor, *warehouse_ids):
    """Refuse unless one of the warehouses (a transfer's two ends) is the actor's. Forbidden."""
    if not any(may_use(actor, w) for w in warehouse_ids):
        require_warehouse(actor, warehouse_ids[0])


def visible(query, actor, *fields, stock=False, named=None):
    """The query keeping rows whose warehouse (any of `fields`) the actor may see.

    `named` is the warehouse a filter of the request names: one outside the actor's is refused
    (Forbidden "warehouse") rather than answered with an empty list."""
    if named is not None:
        require_warehouse(actor, named, stock)
    allowed = _allowed(actor, stock)
    if allowed is None:
        return query
    ids = sorted(allowed)
    return query.where(functools.reduce(operator.or_, [field.in_(ids) for field in fields]))
