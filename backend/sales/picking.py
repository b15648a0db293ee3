"""Picking a confirmed sales order into staging, short picks, and shipping what was picked."""
from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace

from ..catalog.models import Product
from ..catalog.service import check_quantity
from ..db import QuantityField, insert_row, run_sql, update_row, utcnow, writing
from ..errors import Conflict, Invalid, from_body
from ..stock.ledger import Move, post_moves, reserve
from ..stock.models import Location, StockBalance
from ..stock.service import balances, check_lot, special_location
from .models import Pick, SalesOrder, SalesOrderLine, Shipment
from .service import bad_state, by_place, claim, get_order, money, order_lines, order_row

PICKABLE = ("confirmed", "picking")
NO_EXPIRY = (1, None)


def remaining(line):
    """What is still to pick on a line: ordered minus picked minus shorted."""
    return line.qty_ordered - line.qty_picked - line.qty_short


def _fefo_key(balance):
    expiry = balance.lot.expiry if balance.lot_key else None
    return ((0, expiry) if expiry else NO_EXPIRY, balance.location.sort_key,
            balance.location.code, balance.lot_key)


def _sources(line, rows):
    """The bins holding a line's product, first expiry first, with what to take from each."""
    left = remaining(line)
    items = []
    for rank, row in enumerate(sorted(rows, key=_fefo_key), start=1):
        take = min(left, row.on_hand)
        left -= take
        lot = row.lot if row.lot_key else None
        items.append({"order_line_id": line.id, "product_id": line.product_id,
                      "sku": line.product.sku, "name": line.product.name,
                      "remaining": remaining(line), "location_id": row.location_id,
                      "location": row.location.code, "sort_key": row.location.sort_key,
                      "lot_id": lot.id if lot else None, "lot": lot.code if lot else None,
                      "expiry": lot.expiry if lot else None, "on_hand": row.on_hand,
                      "pick_qty": take, "fefo_rank": rank})
    return items


def pick_list(order_id, actor):
    """Where to take each line still to pick, in walking order; NotFound, Forbidden, Conflict."""
    order = order_row(order_id, actor)
    if order.status in ("draft", "cancelled"):
        raise bad_state(order, "picked")
    lines = [line for line in order_lines(order.id) if remaining(line) > 0]
    rows = defaultdict(list)
    if lines:
        query = balances(actor, warehouse_id=order.warehouse_id).where(
            StockBalance.product.in_([line.product_id for line in lines]),
            Location.kind == "bin", StockBalance.on_hand > 0)
        for row in query:
            rows[row.product_id].append(row)
    items = [item for line in lines for item in _sources(line, rows[line.product_id])]
    items.sort(key=lambda i: (i["sort_key"], i["location"], i["expiry"] is None,
                              i["expiry"] or "", i["product_id"]))
    return {"order_id": order.id, "number": order.number, "status": order.status,
            "warehouse_id": order.warehouse_id, "items": items}


# A scan of one item is a pick, the benchmark's hot path: its reads are plain SQL, since
# building peewee queries costs more than running them. Writes stay ORM (audited).
LINE_SQL = ("SELECT l.id, l.product_id, l.qty_ordered, l.qty_picked, l.qty_short, "
            "o.warehouse_id, p.sku, p.unit, p.unit_decimals FROM sales_order_line l "
            "JOIN sales_order o ON o.id = l.order_id JOIN product p ON p.id = l.product_id "
            "WHERE l.order_id = ?")
PLACES_SQL = ("SELECT id, warehouse_id, kind FROM location "
              "WHERE id = ? OR (warehouse_id = ? AND kind = 'staging')")
_qty = QuantityField().python_value


def _read(sql, *params):
    """Rows of a plain SELECT."""
    return run_sql(sql, params).fetchall()


def _pick_line(order_id, data):
    """The order line named by order_line_id and/or product_id, with its product; Invalid."""
    sql, params = LINE_SQL, [order_id]
    for key, column in (("order_line_id", "l.id"), ("product_id", "l.product_id")):
        if data.get(key) is not None:
            sql, params = f"{sql} AND {column} = ?", params + [data[key]]
    rows = _read(sql, *params)
    if not rows:
        field = "order_line_id" if data.get("order_line_id") is not None else "product_id"
        raise Invalid(f"Sales order {order_id} has no such line or product.", field=field,
                      code="unknown_line")
    (line_id, product_id, ordered, picked, short, warehouse_id, sku, unit, decimals) = rows[0]
    return SimpleNamespace(id=line_id, product_id=product_id, qty_ordered=_qty(ordered),
                           qty_picked=_qty(picked), qty_short=_qty(short),
                           warehouse_id=warehouse_id,
                           product=SimpleNamespace(sku=sku, unit=unit, unit_decimals=decimals))


def _check_remaining(line, qty):
    left = remaining(line)
    if qty > left:
        raise Conflict(f"{line.product.sku}: {qty} is more than the {left} still to pick.",
                       field="qty", code="over_pick", extra={"remaining": str(left)})


def _staging_for_bin(warehouse_id, location_id):
    """The staging area's id, after checking the location is a bin of this warehouse."""
    rows = _read(PLACES_SQL, location_id, warehouse_id)
    place = next((row for row in rows if row[0] == location_id), None)
    if place is None:
        raise Invalid(f"Location {location_id} does not exist.", field="location_id",
                      code="unknown_location")
    if place[1] != warehouse_id or place[2] != "bin":
        raise Invalid(f"Location {location_id} is not a bin of warehouse {warehouse_id}.",
                      field="location_id", code="not_a_bin")
    return next(row[0] for row in rows if row[2] == "staging")


def _finish_if_done(order_id):
    """Mark the order picked when no line has anything left to pick; returns the status."""
    if _read("SELECT 1 FROM sales_order_line WHERE order_id = ? "
             "AND qty_picked + qty_short < qty_ordered LIMIT 1", order_id):
        return "picking"
    SalesOrder.update(status="picked").where(SalesOrder.id == order_id).execute()
    return "picked"


def pick(order_id, data, actor):
    """Move one scan's units from a bin to staging; NotFound, Invalid, Conflict (state, stock)."""
    with writing():
        # The order row is locked first (ROW_LOCK on PostgreSQL), so picks of one order are
        # serialised; it is written only when its status changes.
        order = order_row(order_id, actor, lock=True)
        if order.status not in PICKABLE:
            raise bad_state(order, "picked")
        if order.status != "picking":
            update_row(SalesOrder, order_id, "status = ?, updated_at = ?",
                       ("picking", SalesOrder.updated_at.db_value(utcnow())), current=order)
        line = _pick_line(order_id, data)
        qty = check_quantity(line.product, data["qty"])
        _check_remaining(line, qty)
        staging_id = _staging_for_bin(line.warehouse_id, data["location_id"])
        lot_id = from_body("lot_id", check_lot, data.get("lot_id"), line.product_id)
        update_row(SalesOrderLine, line.id, "qty_picked = qty_picked + ?",
                   (SalesOrderLine.qty_picked.db_value(qty),))
        common = dict(product_id=line.product_id, lot_id=lot_id, reason="pick",
                      doc_type="sales_order", doc_id=order_id)
        post_moves([Move(location_id=data["location_id"], qty=-qty, respect_reserved=False,
                         **common), Move(location_id=staging_id, qty=qty, **common)], actor)
        pick_id = insert_row(Pick, order_line=line.id, location=data["location_id"], lot=lot_id,
                             qty=qty, user=actor.user_id, device=actor.device)
        # Only a line that has just been completed can complete the order.
        status = _finish_if_done(order_id) if qty == remaining(line) else "picking"
    return {"id": pick_id, "order_id": order_id, "order_line_id": line.id,
            "product_id": line.product_id, "location_id": data["location_id"], "lot_id": lot_id,
            "qty": qty, "line_picked": line.qty_picked + qty,
            "line_remaining": remaining(line) - qty, "order_status": status}


def short_pick(order_id, data, actor):
    """Record units that cannot be found and release them; NotFound, Invalid, Conflict."""
    with writing():
        claim(order_id, PICKABLE, "picking", "picked", actor)
        line = _pick_line(order_id, {"order_line_id": data["order_line_id"]})
        qty = check_quantity(line.product, data["qty"])
        _check_remaining(line, qty)
        SalesOrderLine.update(qty_short=SalesOrderLine.qty_short + qty,
                              qty_reserved=SalesOrderLine.qty_reserved - qty).where(
            SalesOrderLine.id == line.id).execute()
        reserve(line.product_id, line.warehouse_id, -qty)
        _finish_if_done(order_id)
    return get_order(order_id, actor)


def _ship_moves(order, actor):
    """Take every unshipped pick of the order out of staging."""
    staged = defaultdict(Decimal)
    picks = (Pick.select(Pick, SalesOrderLine, Product).join(SalesOrderLine).join(Product)
             .where(SalesOrderLine.order == order.id, Pick.shipped == False))  # noqa: E712
    costs = {}
    for row in picks:
        staged[(row.order_line.product_id, row.lot_id)] += row.qty
        costs[row.order_line.product_id] = row.order_line.product.cost
    staging = special_location(order.warehouse_id, "staging")
    post_moves([Move(product_id=product_id, location_id=staging.id, qty=-qty, lot_id=lot_id,
                     reason="shipment", doc_type="sales_order", doc_id=order.id,
                     unit_cost=costs[product_id], respect_reserved=False)
                for (product_id, lot_id), qty in sorted(staged.items(), key=by_place)], actor)
    (Pick.update(shipped=True).where(Pick.order_line.in_(
        SalesOrderLine.select(SalesOrderLine.id).where(SalesOrderLine.order == order.id)))
     .execute())


def _ship_line(line, warehouse_id):
    """Book a line's picked units as shipped; returns (cogs, revenue)."""
    qty = line.qty_picked - line.qty_shipped
    if qty <= 0:
        return Decimal(0), Decimal(0)
    cogs, revenue = money(qty * line.product.cost), money(qty * line.unit_price)
    SalesOrderLine.update(qty_shipped=SalesOrderLine.qty_shipped + qty,
                          qty_reserved=SalesOrderLine.qty_reserved - qty,
                          cogs=SalesOrderLine.cogs + cogs).where(
        SalesOrderLine.id == line.id).execute()
    reserve(line.product_id, warehouse_id, -qty)
    return cogs, revenue


def ship_order(order_id, actor):
    """Ship everything picked, booking COGS and revenue; NotFound, Conflict "bad_state"."""
    with writing():
        order = claim(order_id, ("picking", "picked"), "shipped", "shipped", actor)
        lines = order_lines(order.id)
        if any(remaining(line) > 0 for line in lines):
            order.status = "picking"
            raise bad_state(order, "shipped before every line is picked or shorted")
        _ship_moves(order, actor)
        totals = [_ship_line(line, order.warehouse_id) for line in lines]
        Shipment.create(order=order, cogs=sum(c for c, _ in totals),
                        revenue=sum(r for _, r in totals), user=actor.user_id,
                        device=actor.device)
    return get_order(order_id, actor)
