"""Picking a confirmed sales order into staging, short picks, and shipping what was picked."""
from collections import defaultdict
from decimal import Decimal

from ..catalog.models import Product
from ..catalog.service import check_quantity
from ..db import writing
from ..db.sql import insert_row, run_sql, update_row
from ..db.statements import P, instances, sql_of
from ..errors import Conflict, Invalid, from_body
from ..stock.ledger import Move, post_moves, reserve
from ..stock.models import Location, StockBalance
from ..stock.service import check_lot, search_balances, special_location
from .models import Pick, SalesOrderLine, Shipment
from .service import by_place, get_order, money, order_detail, order_lines
from .states import SALES_ORDER

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
    order = get_order(order_id, actor)
    SALES_ORDER.check(order, "list_picks")
    lines = [line for line in order_lines(order.id) if remaining(line) > 0]
    rows = defaultdict(list)
    if lines:
        query = search_balances(actor, warehouse_id=order.warehouse_id).where(
            StockBalance.product.in_([line.product_id for line in lines]),
            Location.kind == "bin", StockBalance.on_hand > 0)
        for row in query:
            rows[row.product_id].append(row)
    items = [item for line in lines for item in _sources(line, rows[line.product_id])]
    items.sort(key=lambda i: (i["sort_key"], i["location"], i["expiry"] is None,
                              i["expiry"] or "", i["product_id"]))
    return {"order_id": order.id, "number": order.number, "status": order.status,
            "warehouse_id": order.warehouse_id, "items": items}


# A scan of one item is a pick, the benchmark's hot path: its reads run SQL text built once
# from the models (see db/statements.py), since building peewee queries costs more than running
# them. Writes stay ORM or insert_row/update_row (audited). A pick reads these fields of its
# line and product (whole rows cost more to convert than the rest of the read); a field not
# listed reads as None, so list it before using it.
LINE_FIELDS = (SalesOrderLine.id, SalesOrderLine.order, SalesOrderLine.product,
               SalesOrderLine.qty_ordered, SalesOrderLine.qty_picked, SalesOrderLine.qty_short)
PRODUCT_FIELDS = (Product.id, Product.sku, Product.unit, Product.unit_decimals)


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
    SalesOrderLine.qty_picked + SalesOrderLine.qty_short < SalesOrderLine.qty_ordered).limit(P))


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
    """Move one scan's units from a bin to staging; NotFound, Invalid, Conflict (state, stock)."""
    with writing():
        # The order row is locked first, so picks of one order are serialised; it is written
        # only when its status changes.
        order = SALES_ORDER.claim(order_id, "pick", actor, to="picking")
        line = _pick_line(order_id, data)
        qty = check_quantity(line.product, data["qty"])
        _check_remaining(line, qty)
        staging_id = _staging_for_bin(order.warehouse_id, data["location_id"])
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
        status = _finish_if_done(order, "pick") if qty == remaining(line) else "picking"
    return {"id": pick_id, "order_id": order_id, "order_line_id": line.id,
            "product_id": line.product_id, "location_id": data["location_id"], "lot_id": lot_id,
            "qty": qty, "line_picked": line.qty_picked + qty,
            "line_remaining": remaining(line) - qty, "order_status": status}


def short_pick(order_id, data, actor):
    """Record units that cannot be found and release them; NotFound, Invalid, Conflict."""
    with writing():
        order = SALES_ORDER.claim(order_id, "short_pick", actor, to="picking", touch=True)
        line = _pick_line(order_id, {"order_line_id": data["order_line_id"]})
        qty = check_quantity(line.product, data["qty"])
        _check_remaining(line, qty)
        SalesOrderLine.update(qty_short=SalesOrderLine.qty_short + qty,
                              qty_reserved=SalesOrderLine.qty_reserved - qty).where(
            SalesOrderLine.id == line.id).execute()
        reserve(line.product_id, order.warehouse_id, -qty)
        _finish_if_done(order, "short_pick")
    return order_detail(order_id, actor)


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
        order = SALES_ORDER.lock(order_id, actor)
        SALES_ORDER.check(order, "ship")
        lines = order_lines(order.id)
        if any(remaining(line) > 0 for line in lines):
            raise Conflict(f"Sales order {order.number} is {order.status}: it ships once every "
                           "line is picked or shorted.", field="status", code="bad_state",
                           extra={"status": order.status,
                                  "allowed": SALES_ORDER.allowed(order.status)})
        SALES_ORDER.move(order, "ship")
        _ship_moves(order, actor)
        totals = [_ship_line(line, order.warehouse_id) for line in lines]
        Shipment.create(order=order, cogs=sum(c for c, _ in totals),
                        revenue=sum(r for _, r in totals), user=actor.user_id,
                        device=actor.device)
    return order_detail(order_id, actor)
