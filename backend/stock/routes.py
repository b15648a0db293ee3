"""HTTP layer of stock: warehouses, locations, lots, balances, levels, moves, adjustments,
put-away suggestions and quarantine."""
from flask import url_for

from ..api import Blueprint, ErrorSchema, page_of, paginate
from ..auth.actor import current_actor
from ..transfers.schemas import BinMoveSchema
from . import putaway, quarantine, service
from .models import StockBalance, StockLevel, StockMove, Warehouse
from .schemas import (
    AdjustmentInSchema,
    AdjustmentSchema,
    BalanceSchema,
    LevelArgs,
    LevelSchema,
    LocationPatchSchema,
    LocationSchema,
    LotInSchema,
    LotSchema,
    MoveArgs,
    MoveSchema,
    PutawayArgs,
    PutawaySchema,
    QuarantineArgs,
    QuarantineReleaseSchema,
    QuarantineSchema,
    QuarantineWriteOffSchema,
    StockArgs,
    ThresholdSchema,
    WarehousePatchSchema,
    WarehouseSchema,
)

blp = Blueprint("stock", __name__, url_prefix="/api/v1", description="Warehouses and stock")


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
    return warehouse, 201, {"Location": url_for("stock.get_warehouse", warehouse_id=warehouse.id)}


@blp.get("/warehouses/<int:warehouse_id>")
@blp.response(200, WarehouseSchema)
def get_warehouse(warehouse_id):
    """One warehouse (one the caller may work in)."""
    return service.own_warehouse(warehouse_id, current_actor())


@blp.patch("/warehouses/<int:warehouse_id>")
@blp.arguments(WarehousePatchSchema)
@blp.response(200, WarehouseSchema)
@blp.alt_response(409, schema=ErrorSchema,
                  description="warehouse_holds_stock: deactivating one that still holds stock")
def update_warehouse(data, warehouse_id):
    """Change a warehouse's name or negative-stock flag, or deactivate it (active false)."""
    return service.update_warehouse(warehouse_id, data, current_actor())


@blp.patch("/locations/<int:location_id>")
@blp.arguments(LocationPatchSchema)
@blp.response(200, LocationSchema)
@blp.alt_response(409, schema=ErrorSchema,
                  description="location_holds_stock: deactivating a bin that still holds stock; "
                              "special_location: staging, transit or quarantine; "
                              "duplicate_barcode: the barcode is another location's")
def update_location(data, location_id):
    """Change a bin's barcode, zone or place in the walking order (sort_key), or deactivate
    it (active false): a deactivated bin takes no stock (moves into it are 409
    location_inactive)."""
    return service.update_location(location_id, data, current_actor())


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
def list_stock_balances(args):
    """On hand per product x location x lot."""
    query = service.search_balances(current_actor(), args.get("product_id"),
                             args.get("warehouse_id"), args.get("location_id"))
    return paginate(query, StockBalance, args)


@blp.get("/stock/levels")
@blp.arguments(LevelArgs, location="query")
@blp.response(200, page_of(LevelSchema))
def list_stock_levels(args):
    """On hand, reserved, available and incoming per product x warehouse; ?low=true for alerts."""
    query = service.search_levels(current_actor(), args.get("product_id"), args.get("warehouse_id"),
                           args["low"])
    return paginate(query, StockLevel, args)


@blp.put("/stock/levels/<int:product_id>/<int:warehouse_id>")
@blp.arguments(ThresholdSchema)
@blp.response(200, LevelSchema)
def set_stock_thresholds(data, product_id, warehouse_id):
    """Set minimum, maximum and reorder point."""
    return service.set_thresholds(product_id, warehouse_id, data, current_actor())


@blp.get("/stock/moves")
@blp.arguments(MoveArgs, location="query")
@blp.response(200, page_of(MoveSchema))
def list_stock_moves(args):
    """The ledger, filtered."""
    query = service.search_moves(current_actor(), args.get("product_id"), args.get("location_id"),
                          args.get("doc_type"), args.get("doc_id"))
    return paginate(query, StockMove, args)


@blp.post("/stock/adjustments")
@blp.arguments(AdjustmentInSchema)
@blp.response(201, AdjustmentSchema)
def create_stock_adjustment(data):
    """Propose a stock correction; it is posted when a manager approves it."""
    return service.create_adjustment(data, current_actor())


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
    query = quarantine.search_quarantine(current_actor(), args.get("warehouse_id"),
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
