"""What the floor screens' offline copy holds."""
import marshmallow as ma
from marshmallow import fields, validate

from ..api import Money, Quantity
from ..sales.schemas import ShipmentSchema
from ..scan.schemas import LocationRefSchema, ProductRefSchema


class CopyArgs(ma.Schema):
    """Narrow the copy to one warehouse; cap each document list."""

    warehouse_id = fields.Integer(validate=validate.Range(min=1))
    limit = fields.Integer(load_default=200, validate=validate.Range(min=1, max=500))


class CopyWarehouseSchema(ma.Schema):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()


class CopyLocationSchema(LocationRefSchema):
    warehouse_id = fields.Integer()
    barcode = fields.String()


class CopyOrderLineSchema(ma.Schema):
    id = fields.Integer()
    product_id = fields.Integer()
    qty_ordered = Quantity()
    qty_received = Quantity(allow_zero=True)
    outstanding = Quantity(allow_zero=True)
    suggested_location_id = fields.Integer(allow_none=True)


class CopyOrderSchema(ma.Schema):
    id = fields.Integer()
    number = fields.String()
    warehouse_id = fields.Integer()
    status = fields.String()
    supplier = fields.String()
    expected_date = fields.Date(allow_none=True)
    lines = fields.List(fields.Nested(CopyOrderLineSchema))


class CopyBarcodeSchema(ma.Schema):
    code = fields.String()
    pack_qty = Quantity()


class CopyProductSchema(ProductRefSchema):
    """A product on the copy's documents, with its price and every barcode."""

    price = Money()
    barcodes = fields.List(fields.Nested(CopyBarcodeSchema))


class CopyTransferLineSchema(ma.Schema):
    id = fields.Integer()
    product_id = fields.Integer()
    lot_id = fields.Integer(allow_none=True)
    qty = Quantity()
    qty_received = Quantity(allow_zero=True)
    qty_in_transit = Quantity(allow_zero=True)


class CopyTransferSchema(ma.Schema):
    """A transfer in transit to one of the warehouses, as the Transfer screen receives it."""

    id = fields.Integer()
    number = fields.String()
    status = fields.String()
    from_warehouse_id = fields.Integer()
    to_warehouse_id = fields.Integer()
    shipped_at = fields.DateTime(allow_none=True)
    lines = fields.List(fields.Nested(CopyTransferLineSchema))


class CopyCompleteSchema(ma.Schema):
    purchase_orders = fields.Boolean()
    shipments = fields.Boolean()
    transfers = fields.Boolean()


class DeviceCopySchema(ma.Schema):
    """The device's copy, as of a time: open POs (approved, partly received) with their lines
    and suggested bins, the newest shipped sales orders, the transfers in transit to the
    warehouses, the products on them with barcodes, and the warehouses' locations. POs need
    purchasing.read, shipments sales.read and transfers transfers.read (else the list is
    empty); `complete` is false where `limit` cut a list short."""

    as_of = fields.DateTime()
    warehouses = fields.List(fields.Nested(CopyWarehouseSchema))
    locations = fields.List(fields.Nested(CopyLocationSchema))
    purchase_orders = fields.List(fields.Nested(CopyOrderSchema))
    shipments = fields.List(fields.Nested(ShipmentSchema))
    transfers = fields.List(fields.Nested(CopyTransferSchema))
    products = fields.List(fields.Nested(CopyProductSchema))
    complete = fields.Nested(CopyCompleteSchema)

