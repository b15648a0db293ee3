"""HTTP layer of transfers: draft, ship, receive, cancel, read; moves between bins."""
import marshmallow as ma
from flask import url_for
from marshmallow import fields, validate

from ..api import Blueprint, ErrorSchema, PageArgs, Quantity, page_of, paginate
from ..auth.actor import current_actor
from . import bin_moves, receiving, service
from .models import TRANSFER_STATUSES, Transfer, TransferLine

blp = Blueprint("transfers", __name__, url_prefix="/api/v1", description="Transfers")


class TransferLineInSchema(ma.Schema):
    """One product (and lot) to move from a source location."""

    product_id = fields.Integer(required=True, strict=True)
    qty = Quantity(required=True)
    from_location_id = fields.Integer(required=True, strict=True)
    lot_id = fields.Integer(strict=True, allow_none=True)


def _lines(required):
    return fields.List(fields.Nested(TransferLineInSchema), required=required,
                       validate=validate.Length(min=1, max=500))


class TransferInSchema(ma.Schema):
    """A new transfer."""

    from_warehouse_id = fields.Integer(required=True, strict=True)
    to_warehouse_id = fields.Integer(required=True, strict=True)
    lines = _lines(required=True)


class TransferEditSchema(ma.Schema):
    """Changes to a draft: warehouses and/or a full new set of lines."""

    from_warehouse_id = fields.Integer(strict=True)
    to_warehouse_id = fields.Integer(strict=True)
    lines = _lines(required=False)


class TransferLineSchema(ma.Schema):
    """A line as shown."""

    id = fields.Integer()
    product_id = fields.Integer()
    lot_id = fields.Integer(allow_none=True)
    from_location_id = fields.Integer()
    qty = Quantity()
    qty_received = Quantity(allow_zero=True)
    qty_returned = Quantity(allow_zero=True)
    qty_in_transit = fields.Function(
        lambda l: Quantity()._serialize(service.outstanding(l) if l.transfer.status == "in_transit"
                                        else 0, 0, 0))


class TransferSchema(ma.Schema):
    """A transfer and its lines."""

    id = fields.Integer()
    number = fields.String()
    from_warehouse_id = fields.Integer()
    to_warehouse_id = fields.Integer()
    status = fields.String()
    created_by_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    shipped_at = fields.DateTime(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)
    lines = fields.Function(lambda t: TransferLineSchema(many=True).dump(
        t.lines.order_by(TransferLine.id)))


class TransferArgs(PageArgs):
    """Filters for the list."""

    status = fields.String(validate=validate.OneOf(TRANSFER_STATUSES))
    warehouse_id = fields.Integer()


class ReceiveLineSchema(ma.Schema):
    """How much of one line arrived, and where it goes (defaults: all outstanding, the body's bin)."""

    transfer_line_id = fields.Integer(required=True, strict=True)
    qty = Quantity()
    to_location_id = fields.Integer(strict=True)


class ReceiveSchema(ma.Schema):
    """A receipt: some lines, or everything outstanding into to_location_id."""

    to_location_id = fields.Integer(strict=True)
    lines = fields.List(fields.Nested(ReceiveLineSchema),
                        validate=validate.Length(min=1, max=500))


@blp.get("/transfers")
@blp.arguments(TransferArgs, location="query")
@blp.response(200, page_of(TransferSchema))
def list_transfers(args):
    """Transfers, by status and by a warehouse at either end."""
    return paginate(service.list_transfers(current_actor(), args.get("status"),
                                           args.get("warehouse_id")),
                    Transfer, args)


@blp.post("/transfers")
@blp.arguments(TransferInSchema)
@blp.response(201, TransferSchema)
def create_transfer(data):
    """Create a draft transfer."""
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


@blp.post("/transfers/<int:transfer_id>/cancel")
@blp.response(200, TransferSchema)
def cancel_transfer(transfer_id):
    """Cancel a draft, or return what is still in transit to the source bins."""
    return service.cancel_transfer(transfer_id, current_actor())


class BinMoveInSchema(ma.Schema):
    """A move of one product (and lot) between two locations (bins or staging) of one
    warehouse: put-away from staging, or from one bin to another."""

    product_id = fields.Integer(required=True, strict=True)
    lot_id = fields.Integer(strict=True, allow_none=True)
    qty = Quantity(required=True)
    from_location_id = fields.Integer(required=True, strict=True)
    to_location_id = fields.Integer(required=True, strict=True)


class BinMoveSchema(BinMoveInSchema):
    """A bin move as recorded; its two ledger moves have doc_type "bin_move" and its id."""

    id = fields.Integer()
    warehouse_id = fields.Integer()
    reason = fields.String()
    user_id = fields.Integer(allow_none=True)
    device = fields.String(allow_none=True)
    created_at = fields.DateTime()


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
