"""Query arguments of the label endpoints."""
import marshmallow as ma
from marshmallow import validate

from .sizes import SIZES
from .zpl import DOTS_PER_MM


class LabelArgs(ma.Schema):
    """?format=pdf|zpl&size=<one of SIZES>&dpi=203|300 (ZPL only)."""

    format = ma.fields.String(load_default="pdf", validate=validate.OneOf(("pdf", "zpl")))
    size = ma.fields.String(load_default="50x30", validate=validate.OneOf(tuple(SIZES)))
    dpi = ma.fields.Integer(load_default=203, validate=validate.OneOf(tuple(DOTS_PER_MM)))


class ProductLabelArgs(LabelArgs):
    """A product label, maybe for one of its lots (GS1: lot and expiry in the barcodes)."""

    lot_id = ma.fields.Integer(validate=validate.Range(min=1))


class ReceivedLabelArgs(LabelArgs):
    """Labels for what a purchase order received: one per product and lot, or one per unit."""

    per = ma.fields.String(load_default="line", validate=validate.OneOf(("line", "unit")))
