"""HTTP layer of sales: customers, sales orders, picking, shipping and sales returns."""
from decimal import Decimal

from flask import current_app, url_for

from ..api import Blueprint, ErrorSchema, page_of, paginate
from ..auth.actor import current_actor, current_principal
from ..errors import Forbidden
from ..partners.models import Customer
from ..partners.routes import add_partner_routes
from . import picking, returns, service, shipments, shipping
from .models import SalesOrder, SalesReturn
from .schemas import (
    PickListSchema,
    PickWalkArgs,
    PickWalkSchema,
    SalesLineInSchema,
    SalesLinePatchSchema,
    SalesOrderArgs,
    SalesOrderInSchema,
    SalesOrderPatchSchema,
    SalesOrderSchema,
    SalesOrderSummarySchema,
    SalesPickInSchema,
    SalesPickSchema,
    SalesReturnArgs,
    SalesReturnInSchema,
    SalesReturnSchema,
    ShipInSchema,
    ShipmentArgs,
    ShipmentListSchema,
    ShippedOrderSchema,
    ShortInSchema,
)

blp = Blueprint("sales", __name__, url_prefix="/api/v1", description="Sales")
add_partner_routes(blp, Customer)
ORDER = "/sales-orders/<int:order_id>"


@blp.get("/sales-orders")
@blp.arguments(SalesOrderArgs, location="query")
@blp.response(200, page_of(SalesOrderSummarySchema))
def list_sales_orders(args):
    """Sales orders, filtered by status, customer and warehouse; with to_pick=true the
    confirmed and picking ones, oldest promised date first."""
    if args["to_pick"]:
        page = service.orders_to_pick(current_actor(), args)
    else:
        page = paginate(service.search_orders(current_actor(), args.get("status"),
                                              args.get("customer_id"), args.get("warehouse_id")),
                        SalesOrder, args)
    service.with_line_counts(page["items"])
    return page


@blp.post("/sales-orders")
@blp.arguments(SalesOrderInSchema)
@blp.response(201, SalesOrderSchema)
def create_sales_order(data):
    """Create a draft sales order with its lines."""
    order = service.create_order(data, current_actor())
    return order, 201, {"Location": url_for("sales.get_sales_order", order_id=order.id)}


@blp.get(ORDER)
@blp.response(200, SalesOrderSchema)
def get_sales_order(order_id):
    """One order: lines (ordered, reserved, picked, short, shipped), shipments and totals."""
    return service.order_detail(order_id, current_actor())


@blp.patch(ORDER)
@blp.arguments(SalesOrderPatchSchema)
@blp.response(200, SalesOrderSchema)
def update_sales_order(data, order_id):
    """Change a draft's customer, warehouse or notes."""
    return service.update_order(order_id, data, current_actor())


@blp.post(ORDER + "/lines")
@blp.arguments(SalesLineInSchema)
@blp.response(201, SalesOrderSchema)
def add_sales_order_line(data, order_id):
    """Add a product to a draft."""
    return (service.add_line(order_id, data, current_actor()), 201,
            {"Location": url_for("sales.get_sales_order", order_id=order_id)})


@blp.patch(ORDER + "/lines/<int:line_id>")
@blp.arguments(SalesLinePatchSchema)
@blp.response(200, SalesOrderSchema)
def update_sales_order_line(data, order_id, line_id):
    """Change a draft line's quantity or price."""
    return service.update_line(order_id, line_id, data, current_actor())


@blp.delete(ORDER + "/lines/<int:line_id>")
@blp.response(200, SalesOrderSchema)
def remove_sales_order_line(order_id, line_id):
    """Take a line off a draft."""
    return service.remove_line(order_id, line_id, current_actor())


@blp.post(ORDER + "/confirm")
@blp.response(200, SalesOrderSchema)
def confirm_sales_order(order_id):
    """Confirm a draft, reserving every line's stock (all or nothing)."""
    return service.confirm_order(order_id, current_actor())


@blp.post(ORDER + "/cancel")
@blp.response(200, SalesOrderSchema)
def cancel_sales_order(order_id):
    """Cancel: picked units go back to their bins and reservations are released."""
    return service.cancel_order(order_id, current_actor())


@blp.get(ORDER + "/pick-list")
@blp.response(200, PickListSchema)
def get_pick_list(order_id):
    """The bins holding what is still to pick, in walking order, first expiry first."""
    return picking.pick_list(order_id, current_actor())


@blp.get("/pick-walk")
@blp.arguments(PickWalkArgs, location="query")
@blp.response(200, PickWalkSchema)
@blp.alt_response(409, schema=ErrorSchema, description="bad_state: an order is not confirmed "
                  "or picking")
@blp.alt_response(422, schema=ErrorSchema, description="unknown_order, mixed_warehouses, "
                  "too_many_orders (field order_ids)")
def get_pick_walk(args):
    """Several small orders of one warehouse picked in one walk (cluster picking): their
    pick-list items in walking order, each naming its order; picks are posted per order."""
    return picking.pick_walk(args["order_ids"], current_actor())


@blp.post(ORDER + "/picks")
@blp.arguments(SalesPickInSchema)
@blp.response(201, SalesPickSchema)
@blp.alt_response(409, schema=ErrorSchema, description="lot_expired (extra expiry), over_pick, "
                  "insufficient_stock, bad_state")
@blp.alt_response(422, schema=ErrorSchema, description="lot_required, fefo_reason_required "
                  "(extra suggested_lot_id, suggested_lot, suggested_expiry, "
                  "suggested_location), unknown_line, unknown_lot, wrong_lot, not_a_bin")
def record_pick(data, order_id):
    """One scan: move units from a bin to the warehouse's staging area. First expiry first
    is enforced: lot_required, lot_expired (override: sales.override_fefo),
    fefo_reason_required."""
    if data["override"] and not current_principal().may("sales.override_fefo"):
        raise Forbidden("Only a manager may pick an expired lot (sales.override_fefo).",
                        field="override")
    return (picking.pick(order_id, data, current_actor()), 201,
            {"Location": url_for("sales.get_sales_order", order_id=order_id)})


@blp.post(ORDER + "/short")
@blp.arguments(ShortInSchema)
@blp.response(200, SalesOrderSchema)
def record_short_pick(data, order_id):
    """Record units of a line that cannot be found, releasing their reservation."""
    return picking.short_pick(order_id, data, current_actor())


@blp.post(ORDER + "/ship")
@blp.arguments(ShipInSchema, required=False)
@blp.response(200, ShippedOrderSchema)
@blp.alt_response(409, schema=ErrorSchema, description="nothing_picked, bad_state")
@blp.alt_response(422, schema=ErrorSchema, description="empty_parcel_code, duplicate_parcel "
                  "(field parcels.N)")
def ship_sales_order(data, order_id):
    """Ship what was picked, booking cost of goods sold and revenue, with its parcels; what is
    not picked goes to a new backorder (or, with backorder false, is released as short)."""
    order, backorder = shipping.ship_order(order_id, data, current_actor())
    order.new_backorder = backorder
    return order


@blp.get("/sales-returns")
@blp.arguments(SalesReturnArgs, location="query")
@blp.response(200, page_of(SalesReturnSchema))
def list_sales_returns(args):
    """Sales returns in the caller's warehouses, filtered by order and warehouse."""
    query = returns.search_returns(current_actor(), args.get("order_id"), args.get("warehouse_id"))
    return paginate(query, SalesReturn, args)


@blp.post("/sales-returns")
@blp.arguments(SalesReturnInSchema)
@blp.response(201, SalesReturnSchema)
def create_sales_return(data):
    """Book returned goods into a bin (restock) or the quarantine area, in one tap; above
    RETURN_APPROVAL_AMOUNT the return waits for a manager's approval (status
    "pending_approval", approval_id set) and its stock moves come when it is approved."""
    threshold = Decimal(current_app.extensions["settings"].return_approval_amount)
    sales_return = returns.create_return(data, current_actor(), threshold)
    return sales_return, 201, {
        "Location": url_for("sales.get_sales_return", return_id=sales_return.id)}


@blp.get("/sales-returns/<int:return_id>")
@blp.response(200, SalesReturnSchema)
def get_sales_return(return_id):
    """One sales return with its lines."""
    return returns.get_return(return_id, current_actor())


@blp.get("/shipments")
@blp.arguments(ShipmentArgs, location="query")
@blp.response(200, ShipmentListSchema)
def list_shipments(args):
    """The last shipped orders with a product, newest first, in the caller's warehouses: for a
    return whose order is not known (pick one, then POST /sales-returns with its order_id)."""
    return {"items": shipments.recent_shipments(args["product_id"], current_actor(),
                                                args.get("warehouse_id"), args["limit"])}
