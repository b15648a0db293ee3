"""Transfers of stock between warehouses."""
import peewee

from ..auth.models import User
from ..catalog.models import Product
from ..db.fields import QuantityField, UtcDateTimeField, utcnow
from ..db.models import BaseModel
from ..stock.models import Location, Lot, Warehouse


class Transfer(BaseModel):
    """Stock out of one warehouse, in transit, into another."""

    number = peewee.CharField(max_length=30, unique=True)
    from_warehouse = peewee.ForeignKeyField(Warehouse, backref="transfers_out")
    to_warehouse = peewee.ForeignKeyField(Warehouse, backref="transfers_in")
    status = peewee.CharField(max_length=20, default="draft", index=True)
    created_by = peewee.ForeignKeyField(User, null=True)
    created_at = UtcDateTimeField(default=utcnow)
    updated_at = UtcDateTimeField(default=utcnow)
    shipped_at = UtcDateTimeField(null=True)
    closed_at = UtcDateTimeField(null=True)  # when it was fully received or cancelled


class TransferLine(BaseModel):
    """One product (and lot) moved from a source location."""

    transfer = peewee.ForeignKeyField(Transfer, backref="lines", on_delete="CASCADE")
    product = peewee.ForeignKeyField(Product)
    lot = peewee.ForeignKeyField(Lot, null=True)
    from_location = peewee.ForeignKeyField(Location)
    qty = QuantityField()
    qty_received = QuantityField(default=0)
    # What a cancel sent back to the source bin from transit.
    qty_returned = QuantityField(default=0)
    # What an approved difference wrote off from transit as lost on the way.
    qty_written_off = QuantityField(default=0)


class TransferDifference(BaseModel):
    """What the receiver found short when finishing a transfer: the document an approval of kind
    "transfer_difference" decides (approved: written off from transit; rejected: left in transit
    to be found). It is in the destination warehouse."""

    transfer = peewee.ForeignKeyField(Transfer, backref="differences")
    warehouse = peewee.ForeignKeyField(Warehouse, backref="+")
    reported_by = peewee.ForeignKeyField(User, null=True, backref="+")
    reported_at = UtcDateTimeField(default=utcnow)
    note = peewee.CharField(max_length=500, default="")


class TransferDifferenceLine(BaseModel):
    """One line short: what was still in transit when the receiver finished."""

    difference = peewee.ForeignKeyField(TransferDifference, backref="lines", on_delete="CASCADE")
    transfer_line = peewee.ForeignKeyField(TransferLine, backref="+")
    qty_short = QuantityField()


class BinMove(BaseModel):
    """Stock moved from one location to another inside one warehouse (put-away, re-slotting,
    release from quarantine): the document its two ledger moves belong to."""

    warehouse = peewee.ForeignKeyField(Warehouse, backref="bin_moves")
    product = peewee.ForeignKeyField(Product)
    lot = peewee.ForeignKeyField(Lot, null=True)
    qty = QuantityField()
    from_location = peewee.ForeignKeyField(Location, backref="bin_moves_out")
    to_location = peewee.ForeignKeyField(Location, backref="bin_moves_in")
    reason = peewee.CharField(max_length=30, default="bin_move")
    user = peewee.ForeignKeyField(User, null=True)
    device = peewee.CharField(max_length=80, null=True)
    created_at = UtcDateTimeField(default=utcnow)
