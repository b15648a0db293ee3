"""Sales orders: drafting, confirming (reserving stock) and cancelling."""
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from ..auth.access import require_warehouse, visible
from ..catalog.models import Product
from ..catalog.service import check_quantity, get_product
from ..db import is_sqlite, writing
from ..db.sql import ROW_LOCK, fetch
from ..errors import Conflict, Invalid, NotFound, from_body
from ..numbering import next_number
from ..partners.models import Customer
from ..partners.service import get_partner
from ..stock.ledger import Move, post_moves, reserve
from ..stock.models import StockLevel, Warehouse
from ..stock.service import get_warehouse, own_warehouse, special_location
from .models import Parcel, Pick, SalesOrder, SalesOrderLine, Shipment
from .states import SALES_ORDER

MONEY_PLACES = Decimal("0.0001")


def money(value):
    """An amount rounded to the 4 places MoneyField keeps."""
    return Decimal(value).quantize(MONEY_PLACES, rounding=ROUND_HALF_UP)


def get_order(order_id, actor):
    """The sales order itself (no lines), in one of the actor's warehouses; NotFound,
    Forbidden "warehouse"."""
    found = fetch(SalesOrder, "id = ?", (order_id,))
    if not found:
        raise NotFound(f"Sales order {order_id} does not exist.", field="order_id")
    require_warehouse(actor, found[0].warehouse_id)
    return found[0]


def by_place(item):
    """Sort key of ((product_id, ..., lot_id), qty) items: rows are locked in product order."""
    return tuple(part or 0 for part in item[0])


def order_lines(order_id):
    """The order's lines with their products, by product id: the order stock rows are locked in."""
    return list(SalesOrderLine.select(SalesOrderLine, Product).join(Product)
                .where(SalesOrderLine.order == order_id).order_by(SalesOrderLine.product))


def _line_fields(product, data, field):
    fields = {}
    if "qty_ordered" in data:
        fields["qty_ordered"] = check_quantity(product, data["qty_ordered"], f"{field}qty_ordered")
    if data.get("unit_price") is not None:
        fields["unit_price"] = data["unit_price"]
    return fields


def _add_line(order, data, field=""):
    product = from_body(f"{field}product_id", get_product, data["product_id"])
    if not product.active:
        raise Invalid(f"{product.sku} is not active.", field=f"{field}product_id",
                      code="inactive_product")
    if SalesOrderLine.select().where(SalesOrderLine.order == order.id,
                                     SalesOrderLine.product == product.id).exists():
        raise Conflict(f"{product.sku} is already on sales order {order.number}.",
                       field=f"{field}product_id", code="duplicate_product")
    fields = dict({"unit_price": product.price}, **_line_fields(product, data, field))
    return SalesOrderLine.create(order=order, product=product, **fields)


def _order_refs(data, actor):
    refs = {}
    if "customer_id" in data:
        customer = from_body("customer_id", lambda c: get_partner(Customer, c), data["customer_id"])
        if not customer.active:
            raise Invalid(f"Customer {customer.code} is not active.", field="customer_id",
                          code="inactive_customer")
        refs["customer"] = customer
    if "warehouse_id" in data:
        refs["warehouse"] = from_body("warehouse_id", own_warehouse, data["warehouse_id"], actor)
    return refs


def create_order(data, actor):
    """Create a draft sales order with its lines; NotFound, Invalid, Conflict (duplicate)."""
    with writing():
        order = SalesOrder.create(number=next_number("SO", SalesOrder), notes=data.get("notes", ""),
                                  promised_date=data.get("promised_date"),
                                  created_by=actor.user_id, **_order_refs(data, actor))
        for i, line in enumerate(data.get("lines", [])):
            _add_line(order, line, f"lines.{i}.")
    return order_detail(order.id, actor)


def update_order(order_id, data, actor):
    """Change a draft's customer, warehouse or notes; NotFound, Invalid, Conflict "bad_state"."""
    with writing():
        order = SALES_ORDER.claim(order_id, "edit", actor, touch=True)
        changes = _order_refs(data, actor)
        for key in ("notes", "promised_date"):
            if key in data:
                changes[key] = data[key]
        for key, value in changes.items():
            setattr(order, key, value)
        order.save()
    return order_detail(order_id, actor)


def add_line(order_id, data, actor):
    """Add a product to a draft; NotFound, Invalid, Conflict ("bad_state", "duplicate_product")."""
    with writing():
        _add_line(SALES_ORDER.claim(order_id, "edit", actor, touch=True), data)
    return order_detail(order_id, actor)


def _draft_line(order_id, line_id, actor):
    SALES_ORDER.claim(order_id, "edit", actor, touch=True)
    line = (SalesOrderLine.select(SalesOrderLine, Product).join(Product)
            .where(SalesOrderLine.id == line_id, SalesOrderLine.order == order_id).first())
    if line is None:
        raise NotFound(f"Sales order {order_id} has no line {line_id}.", field="line_id")
    return line


def update_line(order_id, line_id, data, actor):
    """Change a draft line's quantity or price; NotFound, Invalid, Conflict "bad_state"."""
    with writing():
        line = _draft_line(order_id, line_id, actor)
        for key, value in _line_fields(line.product, data, "").items():
            setattr(line, key, value)
        line.save()
    return order_detail(order_id, actor)


def remove_line(order_id, line_id, actor):
    """Take a line off a draft; NotFound, Conflict "bad_state"."""
    with writing():
        _draft_line(order_id, line_id, actor).delete_instance()
    return order_detail(order_id, actor)


def _available(product_id, warehouse_id):
    """On hand minus reserved, with the level row locked on PostgreSQL until commit."""
    query = (StockLevel.select(StockLevel.on_hand, StockLevel.reserved)
             .where(StockLevel.product == product_id, StockLevel.warehouse == warehouse_id))
    level = query.first() if is_sqlite() else query.for_update(ROW_LOCK).first()
    return level.on_hand - level.reserved if level else Decimal(0)


def _reserve_line(line, warehouse):
    """Reserve a line's quantity; Conflict "insufficient_stock" naming what is available.

    The ledger's conditional update is the no-oversell guard; the check here only words the
    409 for this order (SKU and what is available).
    """
    available = _available(line.product_id, warehouse.id)
    if line.qty_ordered > available and not warehouse.allow_negative:
        raise Conflict(f"Not enough available stock of {line.product.sku}: {line.qty_ordered} "
                       f"ordered, {available} available.", field="lines", code="insufficient_stock",
                       extra={"product_id": line.product_id, "sku": line.product.sku,
                              "available": str(available)})
    reserve(line.product_id, warehouse.id, line.qty_ordered)


def confirm_order(order_id, actor):
    """Reserve every line's quantity, all or none; NotFound, Invalid, Conflict (stock, state)."""
    with writing():
        order = SALES_ORDER.claim(order_id, "confirm", actor)
        lines = order_lines(order.id)
        if not lines:
            raise Invalid(f"Sales order {order.number} has no lines.", field="lines",
                          code="empty_order")
        warehouse = get_warehouse(order.warehouse_id)
        # Levels are locked in product order: two orders holding the same products in
        # different orders would otherwise deadlock on PostgreSQL.
        for line in sorted(lines, key=lambda line: line.product_id):
            _reserve_line(line, warehouse)
        (SalesOrderLine.update(qty_reserved=SalesOrderLine.qty_ordered)
         .where(SalesOrderLine.order == order.id).execute())
    return order_detail(order_id, actor)


def _unpick(order, actor):
    """Put picked-but-unshipped units back from staging into the bins they came from."""
    picked = defaultdict(Decimal)
    for pick in (Pick.select(Pick, SalesOrderLine).join(SalesOrderLine)
                 .where(SalesOrderLine.order == order.id, Pick.shipped == False)):  # noqa: E712
        picked[(pick.order_line.product_id, pick.location_id, pick.lot_id)] += pick.qty
    staging = special_location(order.warehouse_id, "staging")
    moves = []
    for (product_id, location_id, lot_id), qty in sorted(picked.items(), key=by_place):
        common = dict(product_id=product_id, lot_id=lot_id, reason="unpick",
                      doc_type="sales_order", doc_id=order.id)
        moves += [Move(location_id=staging.id, qty=-qty, respect_reserved=False, **common),
                  Move(location_id=location_id, qty=qty, **common)]
    post_moves(moves, actor)


def cancel_order(order_id, actor):
    """Cancel an unshipped order (draft to picked), putting picked units back into the bins
    they came from and releasing every reservation; NotFound, Conflict "bad_state"."""
    with writing():
        order = SALES_ORDER.claim(order_id, "cancel", actor)
        _unpick(order, actor)
        for line in order_lines(order.id):
            if line.qty_reserved:
                reserve(line.product_id, order.warehouse_id, -line.qty_reserved)
        SalesOrderLine.update(qty_reserved=0).where(SalesOrderLine.order == order.id).execute()
    return order_detail(order_id, actor)


def order_detail(order_id, actor):
    """The order with its lines, shipments and backorders (as `line_rows`, `shipment_rows`,
    `backorder_rows`, `backorder_of_row`); NotFound, Forbidden "warehouse"."""
    order = (SalesOrder.select(SalesOrder, Customer).join(Customer)
             .where(SalesOrder.id == order_id).first())
    if order is None:
        raise NotFound(f"Sales order {order_id} does not exist.", field="order_id")
    require_warehouse(actor, order.warehouse_id)
    order.line_rows = sorted(order_lines(order.id), key=lambda line: line.id)
    order.shipment_rows = list(Shipment.select().where(Shipment.order == order.id)
                               .order_by(Shipment.id))
    parcels = defaultdict(list)
    for parcel in (Parcel.select().where(Parcel.shipment.in_([s.id for s in order.shipment_rows]))
                   .order_by(Parcel.id)):
        parcels[parcel.shipment_id].append(parcel.code)
    for shipment in order.shipment_rows:
        shipment.parcel_codes = parcels[shipment.id]
    linked = SalesOrder.select(SalesOrder.id, SalesOrder.number, SalesOrder.status)
    order.backorder_rows = list(linked.where(SalesOrder.backorder_of == order.id)
                                .order_by(SalesOrder.id))
    order.backorder_of_row = (linked.where(SalesOrder.id == order.backorder_of_id).first()
                              if order.backorder_of_id else None)
    return order


def search_orders(actor, status=None, customer_id=None, warehouse_id=None):
    """A query of the actor's warehouses' orders filtered by status, customer and warehouse."""
    query = (SalesOrder.select(SalesOrder, Customer, Warehouse).join(Customer)
             .switch(SalesOrder).join(Warehouse))
    for field, value in ((SalesOrder.status, status), (SalesOrder.customer, customer_id),
                         (SalesOrder.warehouse, warehouse_id)):
        if value is not None:
            query = query.where(field == value)
    return visible(query, actor, SalesOrder.warehouse, named=warehouse_id)


TO_PICK = ("confirmed", "picking")


def orders_to_pick(actor, args):
    """A page of the actor's confirmed and picking orders, oldest promised date first (none
    last), then oldest id: {"items", "next"}, `next` the id to pass as `after`."""
    rows = list(_to_pick_query(actor, args.get("customer_id"), args.get("warehouse_id"),
                               args["after"]).limit(args["limit"] + 1))
    more, rows = len(rows) > args["limit"], rows[:args["limit"]]
    return {"items": rows, "next": rows[-1].id if more else None}


def _to_pick_query(actor, customer_id, warehouse_id, after):
    query = search_orders(actor, customer_id=customer_id, warehouse_id=warehouse_id).where(
        SalesOrder.status.in_(TO_PICK))
    last = SalesOrder.get_or_none(SalesOrder.id == after) if after else None
    if last is not None and last.promised_date is None:
        query = query.where(SalesOrder.promised_date.is_null(), SalesOrder.id > after)
    elif last is not None:
        query = query.where((SalesOrder.promised_date > last.promised_date)
                            | ((SalesOrder.promised_date == last.promised_date)
                               & (SalesOrder.id > after))
                            | SalesOrder.promised_date.is_null())
    # NULLs sort first on SQLite and last on PostgreSQL: say where they go
    return query.order_by(SalesOrder.promised_date.is_null(), SalesOrder.promised_date,
                          SalesOrder.id)


def with_line_counts(orders):
    """Set `lines_count` and `units_remaining` (still to pick) on each order; returns them."""
    counts = defaultdict(lambda: [0, Decimal(0)])
    for line in SalesOrderLine.select().where(SalesOrderLine.order.in_([o.id for o in orders])):
        counts[line.order_id][0] += 1
        counts[line.order_id][1] += to_pick(line)
    for order in orders:
        order.lines_count, order.units_remaining = counts[order.id]
    return orders


def to_pick(line):
    """What is still to pick on a line: ordered minus picked, shorted and backordered."""
    return line.qty_ordered - line.qty_picked - line.qty_short - line.qty_backordered
