"""Shipping what was picked: the whole order, or part of it with the rest left to a backorder
(a new confirmed order that takes over the remainder's reservation) or released."""
import re
from collections import defaultdict
from decimal import Decimal

from ..catalog.models import Product
from ..db import writing
from ..errors import Conflict, Invalid
from ..stock.ledger import Move, post_moves, reserve
from ..stock.service import special_location
from .models import Parcel, Pick, SalesOrder, SalesOrderLine, Shipment
from .picking import release_short, remaining
from .service import by_place, money, order_detail, order_lines
from .states import SALES_ORDER

NOT_SHIPPED = "not shipped"  # the short reason of a remainder released at shipment
BACKORDER_SUFFIX = re.compile(r"-B\d+$")


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


def check_parcels(codes):
    """The parcel codes, stripped; Invalid "empty_parcel_code", "duplicate_parcel"."""
    codes = [code.strip() for code in codes or []]
    for i, code in enumerate(codes):
        if not code:
            raise Invalid("A parcel code cannot be empty.", field=f"parcels.{i}",
                          code="empty_parcel_code")
        if code in codes[:i]:
            raise Invalid(f"Parcel {code} is listed twice.", field=f"parcels.{i}",
                          code="duplicate_parcel")
    return codes


def _backorder_number(order):
    """The original's number with -B1, -B2 ...: every backorder of a chain counts from the
    first order's number (SO-000012-B1, then SO-000012-B2 for the backorder's backorder)."""
    root = BACKORDER_SUFFIX.sub("", order.number)
    taken = SalesOrder.select().where(SalesOrder.number.startswith(f"{root}-B")).count()
    return f"{root}-B{taken + 1}"


def _leave_to_backorder(order, rest, actor):
    """A new confirmed order for each line's remainder, taking over its reservation (the
    warehouse's reserved figure does not move: the units stay reserved, for the new order)."""
    backorder = SalesOrder.create(number=_backorder_number(order), customer=order.customer_id,
                                  warehouse=order.warehouse_id, notes=order.notes, promised_date=order.promised_date,
                                  backorder_of=order.id, created_by=actor.user_id)
    SALES_ORDER.start(backorder, "confirmed")
    for line, qty in rest:
        SalesOrderLine.create(order=backorder, product=line.product_id, qty_ordered=qty,
                              qty_reserved=qty, unit_price=line.unit_price)
        SalesOrderLine.update(qty_backordered=SalesOrderLine.qty_backordered + qty,
                              qty_reserved=SalesOrderLine.qty_reserved - qty).where(
            SalesOrderLine.id == line.id).execute()
    return backorder


def ship_order(order_id, data, actor):
    """Ship every picked, unshipped unit, booking COGS and revenue; what is left to pick goes
    to a backorder (or, with backorder false, is released as short "not shipped"). Returns
    (order detail, backorder or None); NotFound, Invalid (parcels), Conflict "bad_state",
    "nothing_picked"."""
    parcels = check_parcels(data.get("parcels"))
    with writing():
        order = SALES_ORDER.claim(order_id, "ship", actor)
        lines = order_lines(order.id)
        if not any(line.qty_picked > line.qty_shipped for line in lines):
            raise Conflict(f"Sales order {order.number} has nothing picked to ship.",
                           field="status", code="nothing_picked")
        _ship_moves(order, actor)
        totals = [_ship_line(line, order.warehouse_id) for line in lines]
        shipment = Shipment.create(order=order, cogs=sum(c for c, _ in totals),
                                   revenue=sum(r for _, r in totals), user=actor.user_id,
                                   device=actor.device)
        for code in parcels:
            Parcel.create(shipment=shipment, code=code)
        rest = [(line, remaining(line)) for line in lines if remaining(line) > 0]
        backorder = None
        if rest and data.get("backorder", True):
            backorder = _leave_to_backorder(order, rest, actor)
        for line, qty in rest if backorder is None else ():
            release_short(line, order.warehouse_id, qty, NOT_SHIPPED)
    return order_detail(order_id, actor), backorder
