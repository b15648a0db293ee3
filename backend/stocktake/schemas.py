"""What the stocktake API reads and writes: stocktakes, counts, variances."""
import marshmallow as ma
from marshmallow import fields, validate

from ..api import PageArgs, Quantity, Text
from . import variance
from .models import StocktakeCount
from .states import STOCKTAKE


def _number(value):
    return Quantity()._serialize(value, None, None)


class StocktakeInSchema(ma.Schema):
    """A new count of a warehouse, or of one zone in it."""

    warehouse_id = fields.Integer(required=True, strict=True)
    zone = Text(20)


class CountInSchema(ma.Schema):
    """One scan: "add" adds to the place's count, "set" replaces it."""

    product_id = fields.Integer(required=True, strict=True)
    location_id = fields.Integer(required=True, strict=True)
    lot_id = fields.Integer(strict=True, allow_none=True)
    qty = Quantity(required=True, allow_zero=True)
    mode = fields.String(load_default="add", validate=validate.OneOf(("add", "set")))


class BlindCountSchema(ma.Schema):
    """A counted place as the counter sees it: no ledger figures."""

    product_id = fields.Integer()
    location_id = fields.Integer()
    lot_id = fields.Function(lambda c: c.lot_key or None)
    counted_qty = Quantity(allow_zero=True)
    user_id = fields.Integer(allow_none=True)
    device = fields.String(allow_none=True)
    counted_at = fields.DateTime()


class CountSchema(BlindCountSchema):
    """A place after submit: the ledger's figure at the first scan, and the variance."""

    counted = fields.Boolean()
    ledger_qty_at_count = Quantity(signed=True)
    variance = fields.Function(lambda c: _number(c.counted_qty - c.ledger_qty_at_count))


class VarianceSchema(CountSchema):
    """A place's variance with what it is worth, and the reviewer's decision on it."""

    id = fields.Integer()
    decision = fields.String()
    decided_by_id = fields.Integer(allow_none=True)
    sku = fields.Function(lambda c: c.product.sku)
    name = fields.Function(lambda c: c.product.name)
    location = fields.Function(lambda c: c.location.code)
    unit_cost = fields.Function(lambda c: _number(c.unit_cost or 0))
    value = fields.Function(lambda c: _number(variance.variance_value(c)))


class StocktakeSummarySchema(ma.Schema):
    """A stocktake without its counts."""

    id = fields.Integer()
    number = fields.String()
    warehouse_id = fields.Integer()
    zone = fields.String()
    status = fields.String()
    created_by_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    submitted_at = fields.DateTime(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)


class StocktakeSchema(StocktakeSummarySchema):
    """A stocktake with its counts; blind (no ledger figures) until it is submitted."""

    counts = fields.Method("dump_counts")

    def dump_counts(self, stocktake):
        schema = CountSchema if "show_variances" in STOCKTAKE.allowed(stocktake.status) else BlindCountSchema
        return schema(many=True).dump(stocktake.counts.order_by(StocktakeCount.id))


class StocktakeArgs(PageArgs):
    """Filters for the list."""

    status = fields.String(validate=validate.OneOf(STOCKTAKE.statuses))
    warehouse_id = fields.Integer()


class VarianceArgs(PageArgs):
    """?nonzero=true keeps only the places that differ."""

    nonzero = fields.Boolean(load_default=False)



class BinSchema(ma.Schema):
    """A bin of a stocktake: what was counted in it so far (no ledger figures), and once done,
    who finished it and when."""

    location_id = fields.Integer()
    code = fields.String()
    barcode = fields.String()
    zone = fields.String()
    sort_key = fields.String()
    places = fields.Integer()
    counted_qty = Quantity(allow_zero=True)
    last_counted_at = fields.DateTime(allow_none=True)
    done_by_id = fields.Integer(allow_none=True)
    done_by = fields.String(allow_none=True)
    done_at = fields.DateTime(allow_none=True)


class BinsSchema(ma.Schema):
    """The bins still to count and the bins done, each in walking order (sort key)."""

    to_count = fields.List(fields.Nested(BinSchema))
    done = fields.List(fields.Nested(BinSchema))


class LineDecisionInSchema(ma.Schema):
    """A reviewer's word on one place: "approve" or "reject"."""

    decision = fields.String(required=True, validate=validate.OneOf(("approve", "reject")))
