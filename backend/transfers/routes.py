"""HTTP layer of transfers: draft, ship, receive, cancel, read."""
import marshmallow as ma
from marshmallow import fields, validate

from ..api import Blueprint, PageArgs, Quantity, page_of, paginate
from ..auth.actor import current_actor
from . import receiving, service
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
    return transfer, 201, {"Location": f"/api/v1/transfers/{transfer.id}"}


@blp.get("/transfers/<int:transfer_id>")
@blp.response(200, TransferSchema)
def get_transfer(transfer_id):
    """One transfer with its lines."""
    return service.get_transfer(transfer_id, current_actor())


@blp.patch("/transfers/<int:transfer_id>")
@blp.arguments(TransferEditSchema)
@blp.response(200, TransferSchema)
def edit_transfer(data, transfer_id):
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
