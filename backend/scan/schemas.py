"""What scan answers look like: resolutions and readings (shared by HTTP and the socket)."""
import marshmallow as ma
from marshmallow import fields, validate

from ..api import Quantity, Text
from .service import MODES


class ResolveArgs(ma.Schema):
    """A scanned code, and the symbology it was read as if known."""

    code = Text(4096, required=True)
    symbology = Text(30)


class DecodeArgs(ma.Schema):
    """?mode=still (a photo: try harder) or frame (one cheap pass)."""

    mode = fields.String(load_default="still", validate=validate.OneOf(MODES))


class ProductRefSchema(ma.Schema):
    """The product a code stands for."""

    id = fields.Integer()
    sku = fields.String()
    name = fields.String()
    unit = fields.String()
    unit_decimals = fields.Integer()
    tracks_lots = fields.Boolean()
    active = fields.Boolean()


class LocationRefSchema(ma.Schema):
    """The location a label names."""

    id = fields.Integer()
    code = fields.String()
    kind = fields.String()
    zone = fields.String()
    warehouse_id = fields.Integer()
    warehouse_code = fields.String()


class DocumentRefSchema(ma.Schema):
    """The document a Stocktap QR names."""

    type = fields.String(metadata={"description": "purchase_order, sales_order, transfer, ..."})
    prefix = fields.String()
    id = fields.Integer()
    number = fields.String()
    status = fields.String()


class ResolutionSchema(ma.Schema):
    """What a code is: kind + code, and the fields of that kind."""

    kind = fields.String(metadata={"enum": ["product", "location", "document", "sscc"]})
    code = fields.String()
    product = fields.Nested(ProductRefSchema, allow_none=True)
    pack_qty = Quantity(metadata={"description": "units one scan of this code stands for"})
    gtin = fields.String(allow_none=True)
    lot = fields.String(allow_none=True)
    lot_id = fields.Integer(allow_none=True, metadata={"description": "when the lot exists"})
    expiry = fields.Date(allow_none=True)
    serial = fields.String(allow_none=True)
    count = fields.Integer(allow_none=True)
    gs1 = fields.Dict(allow_none=True, metadata={"description": "every GS1 element parsed"})
    location = fields.Nested(LocationRefSchema)
    document = fields.Nested(DocumentRefSchema)
    sscc = fields.String()
    known = fields.Boolean()
    reason = fields.String()


def _resolution(reading):
    resolution = reading["resolution"]
    return resolution if "error" in resolution else ResolutionSchema().dump(resolution)


class ReadingSchema(ma.Schema):
    """One decoded code: what was read, where, and what it is (or {"error": ...})."""

    symbology = fields.String()
    text = fields.String()
    gtin = fields.String(allow_none=True)
    is_gs1 = fields.Boolean()
    polygon = fields.List(fields.List(fields.Float()))
    resolution = fields.Function(_resolution)


class DecodeResultSchema(ma.Schema):
    """Every code found in the image."""

    readings = fields.List(fields.Nested(ReadingSchema))
