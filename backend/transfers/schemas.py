"""What the transfers API reads and writes: transfers, their receipt, bin moves."""
import marshmallow as ma
from marshmallow import fields, validate

from ..api import PageArgs, Quantity, Text
from . import service
from .models import TransferLine
from .states import TRANSFER


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
    """A new transfer; ship: true ships it in the same request (one write for a phone that
    scanned it offline; needs transfers.ship as /ship does)."""

    from_warehouse_id = fields.Integer(required=True, strict=True)
    to_warehouse_id = fields.Integer(required=True, strict=True)
    lines = _lines(required=True)
    ship = fields.Boolean(load_default=False)


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
    qty_written_off = Quantity(allow_zero=True)
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

    status = fields.String(validate=validate.OneOf(TRANSFER.statuses))
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


class FinishSchema(ma.Schema):
    """The receiver's word on what is short, for the manager."""

    note = Text(500)


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

