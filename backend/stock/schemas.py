"""What the stock API reads and writes: warehouses, locations, lots, balances, moves, quarantine."""
import marshmallow as ma
from marshmallow import fields, validate

from ..api import PageArgs, Quantity, Text


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
    active = fields.Boolean(dump_only=True)


class WarehousePatchSchema(ma.Schema):
    """Changes to a warehouse: fields left out keep their value; active false deactivates it
    (refused while it holds stock)."""

    name = Text(120, min_length=1)
    allow_negative = fields.Boolean()
    active = fields.Boolean()


class LocationPatchSchema(ma.Schema):
    """Changes to a bin: fields left out keep their value; sort_key is its place in the walking
    order; active false deactivates it (refused while it holds stock)."""

    barcode = Text(100, min_length=1)
    zone = Text(20)
    sort_key = Text(60, min_length=1)
    active = fields.Boolean()


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

