"""Picking a confirmed sales order into staging: pick lists, cluster walks, picks and short
picks (shipping what was picked is shipping.py)."""
from collections import defaultdict

from ..catalog.models import Product
from ..catalog.service import check_quantity
from ..db import writing
from ..db.sql import insert_row, run_sql, update_row
from ..db.statements import P, instances, sql_of
from ..errors import Conflict, Invalid, from_body
from ..stock.ledger import Move, post_moves, reserve
from ..stock.models import Location, StockBalance
from ..stock.service import search_balances
from .fefo import check_fefo, is_expired, pick_lot, today
from .models import Pick, SalesOrderLine
from .service import get_order, order_detail, order_lines, to_pick
from .states import SALES_ORDER

NO_EXPIRY = (1, None)
MAX_WALK = 20  # orders in one cluster walk


def remaining(line):
    """What is still to pick on a line: ordered minus picked, shorted and backordered."""
    return to_pick(line)


def _fefo_key(balance, on):
    """Unexpired lots first, then by expiry (none last), walking order, lot."""
    expiry = balance.lot.expiry if balance.lot_key else None
    return (is_expired(expiry, on), (0, expiry) if expiry else NO_EXPIRY,
            balance.location.sort_key, balance.location.code, balance.lot_key)


def _sources(line, rows, left_in, on):
    """The bins holding a line's product, first expiry first, with what to take from each.

    `left_in` is what earlier lines of the walk have not yet taken from each balance, so
    two orders of one walk are never sent to the same units; expired lots are never taken."""
    left = remaining(line)
    items = []
    for rank, row in enumerate(sorted(rows, key=lambda row: _fefo_key(row, on)), start=1):
        lot = row.lot if row.lot_key else None
        expired = is_expired(lot.expiry if lot else None, on)
        take = 0 if expired else min(left, left_in[row.id])
        left, left_in[row.id] = left - take, left_in[row.id] - take
        items.append({"order_line_id": line.id, "product_id": line.product_id,
                      "sku": line.product.sku, "name": line.product.name,
                      "remaining": remaining(line), "location_id": row.location_id,
                      "location": row.location.code, "sort_key": row.location.sort_key,
                      "lot_id": lot.id if lot else None, "lot": lot.code if lot else None,
                      "expiry": lot.expiry if lot else None, "on_hand": row.on_hand,
                      "pick_qty": take, "fefo_rank": rank, "expired": expired,
                      "suggested": take > 0})
    return items


def _walk_items(orders, actor):
    """The pick-list items of the orders' lines still to pick, in walking order."""
    lines = [(order, line) for order in orders for line in order_lines(order.id)
             if remaining(line) > 0]
    rows = defaultdict(list)
    if lines:
        query = search_balances(actor, warehouse_id=orders[0].warehouse_id).where(
            StockBalance.product.in_(sorted({line.product_id for _, line in lines})),
            Location.kind == "bin", StockBalance.on_hand > 0)
        for row in query:
            rows[row.product_id].append(row)
    left_in = {row.id: row.on_hand for found in rows.values() for row in found}
    on = today()
    items = []
    for order, line in lines:
        for item in _sources(line, rows[line.product_id], left_in, on):
            items.append(dict(item, order_id=order.id, order_number=order.number))
    items.sort(key=lambda i: (i["sort_key"], i["location"], i["expiry"] is None,
                              i["expiry"] or "", i["product_id"], i["order_id"]))
    return items


def pick_list(order_id, actor):
    """Where to take each line still to pick, in walking order; NotFound, Forbidden, Conflict."""
    order = get_order(order_id, actor)
    SALES_ORDER.check(order, "list_picks")
    return {"order_id": order.id, "number": order.number, "status": order.status,
            "warehouse_id": order.warehouse_id, "items": _walk_items([order], actor)}


def pick_walk(order_ids, actor):
    """One walk over several orders of one warehouse (cluster picking): their pick-list items
    in walking order, each naming its order; Invalid "unknown_order", "mixed_warehouses",
    "too_many_orders", Forbidden "warehouse", Conflict "bad_state" (field order_ids)."""
    order_ids = list(dict.fromkeys(order_ids))
    if not 1 <= len(order_ids) <= MAX_WALK:
        raise Invalid(f"A walk takes 1 to {MAX_WALK} orders.", field="order_ids",
                      code="too_many_orders")
    orders = [from_body("order_ids", get_order, order_id, actor) for order_id in order_ids]
    for order in orders:
        SALES_ORDER.check(order, "pick", field="order_ids")
    if len({order.warehouse_id for order in orders}) > 1:
        raise Invalid("The orders of one walk must be of one warehouse.", field="order_ids",
                      code="mixed_warehouses")
    return {"order_ids": [order.id for order in orders],
            "warehouse_id": orders[0].warehouse_id,
            "orders": [{"id": o.id, "number": o.number, "status": o.status} for o in orders],
            "items": _walk_items(orders, actor)}


# A scan of one item is a pick, the benchmark's hot path: its reads run SQL text built once
# from the models (see db/statements.py), since building peewee queries costs more than running
# them. Writes stay ORM or insert_row/update_row (audited). A pick reads these fields of its
# line and product (whole rows cost more to convert than the rest of the read); a field not
# listed reads as None, so list it before using it.
LINE_FIELDS = (SalesOrderLine.id, SalesOrderLine.order, SalesOrderLine.product,
               SalesOrderLine.qty_ordered, SalesOrderLine.qty_picked, SalesOrderLine.qty_short,
               SalesOrderLine.qty_backordered)
PRODUCT_FIELDS = (Product.id, Product.sku, Product.unit, Product.unit_decimals,
                  Product.tracks_lots)


def _line_query(by_line, by_product):
    """An order's lines with their products, narrowed to a line id and/or a product id."""
    conditions = [SalesOrderLine.order == P]
    if by_line:
        conditions.append(SalesOrderLine.id == P)
    if by_product:
        conditions.append(SalesOrderLine.product == P)
    return (SalesOrderLine.select(*LINE_FIELDS, *PRODUCT_FIELDS).join(Product)
            .where(*conditions))


LINE_SQL = {(by_line, by_product): sql_of(_line_query(by_line, by_product))
            for by_line in (False, True) for by_product in (False, True)}
# The location itself, and its warehouse's staging area.
PLACES_SQL = sql_of(Location.select(Location.id, Location.warehouse, Location.kind).where(
    (Location.id == P) | ((Location.warehouse == P) & (Location.kind == P))))
UNFINISHED_LINE_SQL = sql_of(SalesOrderLine.select(SalesOrderLine.id).where(
    SalesOrderLine.order == P,
    SalesOrderLine.qty_picked + SalesOrderLine.qty_short + SalesOrderLine.qty_backordered
    < SalesOrderLine.qty_ordered).limit(P))


def _read(sql, *params):
    """Rows of a plain SELECT."""
    return run_sql(sql, params).fetchall()


def _pick_line(order_id, data):
    """The order line named by order_line_id and/or product_id, with its product (LINE_FIELDS
    and PRODUCT_FIELDS); Invalid "unknown_line"."""
    keys = [data.get("order_line_id"), data.get("product_id")]
    rows = _read(LINE_SQL[keys[0] is not None, keys[1] is not None], order_id,
                 *(key for key in keys if key is not None))
    if not rows:
        field = "order_line_id" if keys[0] is not None else "product_id"
        raise Invalid(f"Sales order {order_id} has no such line or product.", field=field,
                      code="unknown_line")
    line, product = instances(rows[0], LINE_FIELDS, PRODUCT_FIELDS)
    line.product = product
    return line


def _check_remaining(line, qty):
    left = remaining(line)
    if qty > left:
        raise Conflict(f"{line.product.sku}: {qty} is more than the {left} still to pick.",
                       field="qty", code="over_pick", extra={"remaining": str(left)})


def _staging_for_bin(warehouse_id, location_id):
    """The staging area's id, after checking the location is a bin of this warehouse."""
    rows = _read(PLACES_SQL, location_id, warehouse_id, "staging")
    place = next((row for row in rows if row[0] == location_id), None)
    if place is None:
        raise Invalid(f"Location {location_id} does not exist.", field="location_id",
                      code="unknown_location")
    if place[1] != warehouse_id or place[2] != "bin":
        raise Invalid(f"Location {location_id} is not a bin of warehouse {warehouse_id}.",
                      field="location_id", code="not_a_bin")
    return next(row[0] for row in rows if row[2] == "staging")


def _finish_if_done(order, action):
    """Mark the order picked when no line has anything left to pick; returns the status."""
    if not _read(UNFINISHED_LINE_SQL, order.id, 1):
        SALES_ORDER.move(order, action, "picked")
    return order.status


def pick(order_id, data, actor):
    """Move one scan's units from a bin to staging, first expiry first (fefo.py); NotFound,
    Invalid, Conflict (state, stock, "lot_expired")."""
    with writing():
        # The order row is locked first, so picks of one order are serialised; it is written
        # only when its status changes.
        order = SALES_ORDER.claim(order_id, "pick", actor, to="picking")
        line = _pick_line(order_id, data)
        qty = check_quantity(line.product, data["qty"])
        _check_remaining(line, qty)
        staging_id = _staging_for_bin(order.warehouse_id, data["location_id"])
        lot = pick_lot(line.product, data.get("lot_id"))
        lot_id = lot.id if lot else None
        fefo = check_fefo(lot, line, qty, order.warehouse_id, data, actor)
        update_row(SalesOrderLine, line.id, "qty_picked = qty_picked + ?",
                   (SalesOrderLine.qty_picked.db_value(qty),))
        common = dict(product_id=line.product_id, lot_id=lot_id, reason="pick",
                      doc_type="sales_order", doc_id=order_id)
        post_moves([Move(location_id=data["location_id"], qty=-qty, respect_reserved=False,
                         **common), Move(location_id=staging_id, qty=qty, **common)], actor)
        pick_id = insert_row(Pick, order_line=line.id, location=data["location_id"], lot=lot_id,
                             qty=qty, user=actor.user_id, device=actor.device, **fefo)
        # Only a line that has just been completed can complete the order.
        status = _finish_if_done(order, "pick") if qty == remaining(line) else "picking"
    return {"id": pick_id, "order_id": order_id, "order_line_id": line.id,
            "product_id": line.product_id, "location_id": data["location_id"], "lot_id": lot_id,
            "qty": qty, "line_picked": line.qty_picked + qty,
            "line_remaining": remaining(line) - qty, "order_status": status, **fefo}


def release_short(line, warehouse_id, qty, reason=None):
    """Book units of a line as short (with why, when said) and release their reservation."""
    changes = {"qty_short": SalesOrderLine.qty_short + qty,
               "qty_reserved": SalesOrderLine.qty_reserved - qty}
    if reason:
        changes["short_reason"] = reason
    SalesOrderLine.update(**changes).where(SalesOrderLine.id == line.id).execute()
    reserve(line.product_id, warehouse_id, -qty)


def short_pick(order_id, data, actor):
    """Record units that cannot be found and release them; NotFound, Invalid, Conflict."""
    with writing():
        order = SALES_ORDER.claim(order_id, "short_pick", actor, to="picking", touch=True)
        line = _pick_line(order_id, {"order_line_id": data["order_line_id"]})
        qty = check_quantity(line.product, data["qty"])
        _check_remaining(line, qty)
        release_short(line, order.warehouse_id, qty, data.get("reason"))
        _finish_if_done(order, "short_pick")
    return order_detail(order_id, actor)
