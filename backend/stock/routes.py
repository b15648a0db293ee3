"""HTTP layer of stock: warehouses, locations, lots, balances, levels, moves, adjustments,
put-away suggestions and quarantine."""
import marshmallow as ma
from flask import url_for
from marshmallow import fields, validate

from ..api import Blueprint, ErrorSchema, PageArgs, Quantity, Text, page_of, paginate
from ..auth.actor import current_actor
from ..transfers.routes import BinMoveSchema
from . import putaway, quarantine, service
from .models import StockBalance, StockLevel, StockMove, Warehouse

blp = Blueprint("stock", __name__, url_prefix="/api/v1", description="Warehouses and stock")


class WarehouseSchema(ma.Schema):
    """A warehouse."""

    id = fields.Integer(dump_only=True)
    code = Text(20, required=True)
    name = Text(120, required=True)
    allow_negative = fields.Boolean()
    active = fields.Boolean()


class LocationSchema(ma.Schema):
    """A location (bin) with its barcode label."""

    id = fields.Integer(dump_only=True)
    warehouse_id = fields.Integer(dump_only=True)
    code = Text(40, required=True)
    barcode = Text(100)
    kind = fields.String(dump_only=True)
    zone = Text(20)
    sort_key = Text(60)


class LotInSchema(ma.Schema):
    """A lot of a product."""

    code = Text(40, required=True)
    expiry = fields.Date(allow_none=True)


class LotSchema(LotInSchema):
    """A lot as shown."""

    id = fields.Integer()
    product_id = fields.Integer()


class BalanceSchema(ma.Schema):
    """On hand in one place."""

    product_id = fields.Integer()
    location_id = fields.Integer()
    location = fields.Function(lambda b: b.location.code)
    warehouse_id = fields.Function(lambda b: b.location.warehouse_id)
    lot_id = fields.Function(lambda b: b.lot_key or None)
    lot = fields.Function(lambda b: b.lot.code if b.lot_key else None)
    expiry = fields.Function(lambda b: b.lot.expiry.isoformat()
                             if b.lot_key and b.lot.expiry else None)
    on_hand = Quantity()


class LevelSchema(ma.Schema):
    """Totals and thresholds per product x warehouse."""

    product_id = fields.Integer()
    sku = fields.Function(lambda l: l.product.sku)
    warehouse_id = fields.Integer()
    on_hand = Quantity()
    reserved = Quantity()
    available = fields.Function(lambda l: Quantity()._serialize(l.on_hand - l.reserved, 0, 0))
    incoming = Quantity()
    min_qty = Quantity(allow_none=True)
    max_qty = Quantity(allow_none=True)
    reorder_point = Quantity(allow_none=True)


class ThresholdSchema(ma.Schema):
    """Alert thresholds of a product in a warehouse."""

    min_qty = Quantity(allow_zero=True, allow_none=True)
    max_qty = Quantity(allow_zero=True, allow_none=True)
    reorder_point = Quantity(allow_zero=True, allow_none=True)


class MoveSchema(ma.Schema):
    """One ledger entry."""

    id = fields.Integer()
    product_id = fields.Integer()
    location_id = fields.Integer()
    lot_id = fields.Integer(allow_none=True)
    qty = Quantity(signed=True)
    reason = fields.String()
    doc_type = fields.String()
    doc_id = fields.Integer()
    user_id = fields.Integer(allow_none=True)
    device = fields.String(allow_none=True)
    created_at = fields.DateTime()


class AdjustmentLineSchema(ma.Schema):
    """A signed correction."""

    product_id = fields.Integer(required=True, strict=True)
    location_id = fields.Integer(required=True, strict=True)
    lot_id = fields.Integer(strict=True, allow_none=True)
    qty = Quantity(signed=True, required=True)


class AdjustmentInSchema(ma.Schema):
    """A manual stock correction, sent for approval."""

    warehouse_id = fields.Integer(required=True, strict=True)
    reason = Text(200, required=True)
    lines = fields.List(fields.Nested(AdjustmentLineSchema), required=True,
                        validate=validate.Length(min=1, max=500))


class AdjustmentSchema(ma.Schema):
    """An adjustment and its state."""

    id = fields.Integer()
    warehouse_id = fields.Integer()
    reason = fields.String()
    status = fields.String()
    lines = fields.Function(lambda a: [AdjustmentLineSchema().dump(
        {"product_id": l.product_id, "location_id": l.location_id, "lot_id": l.lot_id,
         "qty": l.qty}) for l in a.lines])


class StockArgs(PageArgs):
    """Filters for balances."""

    product_id = fields.Integer()
    warehouse_id = fields.Integer()
    location_id = fields.Integer()


class LevelArgs(PageArgs):
    """Filters for levels."""

    product_id = fields.Integer()
    warehouse_id = fields.Integer()
    low = fields.Boolean(load_default=False)


class MoveArgs(PageArgs):
    """Filters for the ledger."""

    product_id = fields.Integer()
    location_id = fields.Integer()
    doc_type = Text(30)
    doc_id = fields.Integer()


@blp.get("/warehouses")
@blp.response(200, WarehouseSchema(many=True))
def list_warehouses():
    """All warehouses."""
    return list(Warehouse.select().order_by(Warehouse.code))


@blp.post("/warehouses")
@blp.arguments(WarehouseSchema)
@blp.response(201, WarehouseSchema)
def create_warehouse(data):
    """Create a warehouse (with staging, transit and quarantine areas)."""
    warehouse = service.create_warehouse(data)
    return warehouse, 201, {"Location": f"/api/v1/warehouses/{warehouse.id}"}


@blp.get("/warehouses/<int:warehouse_id>")
@blp.response(200, WarehouseSchema)
def get_warehouse(warehouse_id):
    """One warehouse (one the caller may work in)."""
    return service.own_warehouse(warehouse_id, current_actor())


@blp.get("/warehouses/<int:warehouse_id>/locations")
@blp.response(200, LocationSchema(many=True))
def list_locations(warehouse_id):
    """A warehouse's locations in walking order."""
    return service.locations(warehouse_id, current_actor())


@blp.post("/warehouses/<int:warehouse_id>/locations")
@blp.arguments(LocationSchema)
@blp.response(201, LocationSchema)
def create_location(data, warehouse_id):
    """Create a bin."""
    return service.create_location(warehouse_id, data, current_actor())


@blp.get("/products/<int:product_id>/lots")
@blp.response(200, LotSchema(many=True))
def list_lots(product_id):
    """A product's lots, soonest expiry first."""
    return service.lots(product_id)


@blp.post("/products/<int:product_id>/lots")
@blp.arguments(LotInSchema)
@blp.response(201, LotSchema)
def create_lot(data, product_id):
    """Register a lot (returns the existing one with the same code)."""
    from ..catalog.service import get_product
    get_product(product_id)
    return service.find_or_create_lot(product_id, data["code"], data.get("expiry"))


@blp.get("/stock")
@blp.arguments(StockArgs, location="query")
@blp.response(200, page_of(BalanceSchema))
def list_balances(args):
    """On hand per product x location x lot."""
    query = service.balances(current_actor(), args.get("product_id"),
                             args.get("warehouse_id"), args.get("location_id"))
    return paginate(query, StockBalance, args)


@blp.get("/stock/levels")
@blp.arguments(LevelArgs, location="query")
@blp.response(200, page_of(LevelSchema))
def list_levels(args):
    """On hand, reserved, available and incoming per product x warehouse; ?low=true for alerts."""
    query = service.levels(current_actor(), args.get("product_id"), args.get("warehouse_id"),
                           args["low"])
    return paginate(query, StockLevel, args)


@blp.put("/stock/levels/<int:product_id>/<int:warehouse_id>")
@blp.arguments(ThresholdSchema)
@blp.response(200, LevelSchema)
def set_thresholds(data, product_id, warehouse_id):
    """Set minimum, maximum and reorder point."""
    return service.set_thresholds(product_id, warehouse_id, data, current_actor())


@blp.get("/stock/moves")
@blp.arguments(MoveArgs, location="query")
@blp.response(200, page_of(MoveSchema))
def list_moves(args):
    """The ledger, filtered."""
    query = service.moves(current_actor(), args.get("product_id"), args.get("location_id"),
                          args.get("doc_type"), args.get("doc_id"))
    return paginate(query, StockMove, args)


@blp.post("/stock/adjustments")
@blp.arguments(AdjustmentInSchema)
@blp.response(201, AdjustmentSchema)
def create_adjustment(data):
    """Propose a stock correction; it is posted when a manager approves it."""
    return service.create_adjustment(data, current_actor())


class PutawayArgs(ma.Schema):
    """Which product, in which warehouse."""

    product_id = fields.Integer(required=True, validate=validate.Range(min=1))
    warehouse_id = fields.Integer(required=True, validate=validate.Range(min=1))


class PutawaySchema(ma.Schema):
    """The suggested bin: where the product was last put away (basis "last_put"), else the bin
    holding most of it ("holds_stock"), else none (location null, basis null)."""

    product_id = fields.Integer()
    warehouse_id = fields.Integer()
    location = fields.Nested(LocationSchema, allow_none=True)
    basis = fields.String(allow_none=True)


class QuarantineArgs(PageArgs):
    """Filters for the quarantine list."""

    warehouse_id = fields.Integer()
    product_id = fields.Integer()


class QuarantineSchema(BalanceSchema):
    """Units in a warehouse's quarantine area, with the product's name."""

    sku = fields.Function(lambda b: b.product.sku)
    name = fields.Function(lambda b: b.product.name)


class QuarantineReleaseSchema(ma.Schema):
    """Units of a product (and lot) leaving quarantine for a bin of the same warehouse."""

    warehouse_id = fields.Integer(required=True, strict=True)
    product_id = fields.Integer(required=True, strict=True)
    lot_id = fields.Integer(strict=True, allow_none=True)
    qty = Quantity(required=True)
    to_location_id = fields.Integer(required=True, strict=True)


class QuarantineWriteOffSchema(ma.Schema):
    """Units of a product (and lot) to write off from quarantine, and why."""

    warehouse_id = fields.Integer(required=True, strict=True)
    product_id = fields.Integer(required=True, strict=True)
    lot_id = fields.Integer(strict=True, allow_none=True)
    qty = Quantity(required=True)
    reason = Text(180, required=True)


@blp.get("/stock/putaway")
@blp.arguments(PutawayArgs, location="query")
@blp.response(200, PutawaySchema)
def suggest_putaway(args):
    """The suggested bin for receiving or restocking a product in a warehouse."""
    return putaway.suggest_bin(args["product_id"], args["warehouse_id"], current_actor())


@blp.get("/quarantine")
@blp.arguments(QuarantineArgs, location="query")
@blp.response(200, page_of(QuarantineSchema))
def list_quarantine(args):
    """What sits in quarantine, in the warehouses the caller may work in."""
    query = quarantine.quarantined(current_actor(), args.get("warehouse_id"),
                                   args.get("product_id"))
    return paginate(query, StockBalance, args)


@blp.post("/quarantine/release")
@blp.arguments(QuarantineReleaseSchema)
@blp.response(201, BinMoveSchema)
@blp.alt_response(409, schema=ErrorSchema, description="insufficient_stock: less in quarantine")
def release_quarantine(data):
    """Release quarantined units to a bin: a bin move (reason "quarantine_release")."""
    move = quarantine.release(data, current_actor())
    return move, 201, {"Location": url_for("transfers.get_bin_move", move_id=move.id)}


@blp.post("/quarantine/write-off")
@blp.arguments(QuarantineWriteOffSchema)
@blp.response(201, AdjustmentSchema)
@blp.alt_response(422, schema=ErrorSchema, description="not_in_quarantine: less in quarantine")
def write_off_quarantine(data):
    """Ask to write quarantined units off: a stock adjustment that waits for a manager's
    approval (kind stock_adjustment); the units leave quarantine when it is approved."""
    return quarantine.write_off(data, current_actor())
