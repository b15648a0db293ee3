"""HTTP layer of transfers: draft, ship, receive, cancel, read; moves between bins."""
from flask import url_for

from ..api import Blueprint, ErrorSchema, page_of, paginate
from ..auth.actor import current_actor, current_principal
from ..errors import Forbidden
from . import bin_moves, differences, receiving, service
from .models import Transfer
from .schemas import (
    BinMoveInSchema,
    BinMoveSchema,
    FinishSchema,
    ReceiveSchema,
    TransferArgs,
    TransferEditSchema,
    TransferInSchema,
    TransferSchema,
)

blp = Blueprint("transfers", __name__, url_prefix="/api/v1", description="Transfers")


@blp.get("/transfers")
@blp.arguments(TransferArgs, location="query")
@blp.response(200, page_of(TransferSchema))
def list_transfers(args):
    """Transfers, by status and by a warehouse at either end."""
    return paginate(service.search_transfers(current_actor(), args.get("status"),
                                           args.get("warehouse_id")),
                    Transfer, args)


@blp.post("/transfers")
@blp.arguments(TransferInSchema)
@blp.response(201, TransferSchema)
@blp.alt_response(403, schema=ErrorSchema, description="warehouse: the source is not one of "
                  "the caller's warehouses; forbidden: ship is true without transfers.ship")
@blp.alt_response(409, schema=ErrorSchema, description="insufficient_stock (ship: true): a bin "
                  "holds less than its line; nothing is created")
def create_transfer(data):
    """Create a draft transfer, or (ship: true) create and ship it at once.

    Send an Idempotency-Key: a replay answers the first result and creates nothing again.
    """
    if data["ship"] and not current_principal().may("transfers.ship"):
        raise Forbidden("Your role may not ship transfers (transfers.ship).")
    transfer = service.create_transfer(data, current_actor())
    return transfer, 201, {"Location": url_for("transfers.get_transfer", transfer_id=transfer.id)}


@blp.get("/transfers/<int:transfer_id>")
@blp.response(200, TransferSchema)
def get_transfer(transfer_id):
    """One transfer with its lines."""
    return service.get_transfer(transfer_id, current_actor())


@blp.patch("/transfers/<int:transfer_id>")
@blp.arguments(TransferEditSchema)
@blp.response(200, TransferSchema)
def update_transfer(data, transfer_id):
    """Change a draft (warehouses, or replace all lines)."""
    return service.edit_transfer(transfer_id, data, current_actor())


@blp.post("/transfers/<int:transfer_id>/ship")
@blp.response(200, TransferSchema)
def ship_transfer(transfer_id):
    """Ship: stock leaves the source bins and is in transit to the destination."""
    return service.ship_transfer(transfer_id, current_actor())


@blp.post("/transfers/<int:transfer_id>/receive")
@blp.arguments(ReceiveSchema)
@blp.response(200, TransferSchema)
def receive_transfer(data, transfer_id):
    """Receive some or all of what is in transit into bins of the destination."""
    return receiving.receive_transfer(transfer_id, data, current_actor())


@blp.post("/transfers/<int:transfer_id>/finish")
@blp.arguments(FinishSchema)
@blp.response(200, TransferSchema)
@blp.alt_response(403, schema=ErrorSchema, description="warehouse: the destination is not one "
                  "of the caller's warehouses")
@blp.alt_response(409, schema=ErrorSchema, description="bad_state: the transfer is not in "
                  "transit (a draft, received, cancelled, or its difference already awaits a "
                  "decision)")
def finish_transfer(data, transfer_id):
    """The receiver is done with lines short: what is still in transit is recorded as a
    difference and sent to a manager (an approval of kind "transfer_difference"); the transfer
    is "awaiting_approval" and takes no receipt until decided. Approved, the shortage is written
    off from transit (ledger reason "transfer_shortage") and the transfer is received; rejected,
    it is back in transit, to be found and received.

    Send an Idempotency-Key: a replay answers the first result and reports nothing again.
    """
    return differences.finish_transfer(transfer_id, data, current_actor())


@blp.post("/transfers/<int:transfer_id>/cancel")
@blp.response(200, TransferSchema)
def cancel_transfer(transfer_id):
    """Cancel a draft, or return what is still in transit to the source bins."""
    return service.cancel_transfer(transfer_id, current_actor())


@blp.post("/bin-moves")
@blp.arguments(BinMoveInSchema)
@blp.response(201, BinMoveSchema)
@blp.alt_response(409, schema=ErrorSchema, description="insufficient_stock: the bin from "
                  "holds less than qty (also the loser of a race for the last unit)")
@blp.alt_response(422, schema=ErrorSchema, description="wrong_warehouse (the bin to is in "
                  "another warehouse), wrong_location_kind (transit or quarantine), "
                  "same_location, lot_required, unknown_lot, fractional_quantity")
def create_bin_move(data):
    """Move stock between bins (or from staging) inside one warehouse, through the ledger.

    Send an Idempotency-Key: a replay answers the first result and moves nothing again.
    """
    move = bin_moves.move_stock(data, current_actor())
    return move, 201, {"Location": url_for("transfers.get_bin_move", move_id=move.id)}


@blp.get("/bin-moves/<int:move_id>")
@blp.response(200, BinMoveSchema)
def get_bin_move(move_id):
    """One bin move."""
    return bin_moves.get_bin_move(move_id, current_actor())
