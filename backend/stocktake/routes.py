"""HTTP layer of stocktake: open, scan (blind), submit, variances, cancel."""
import marshmallow as ma
from flask import url_for
from marshmallow import fields, validate

from ..api import Blueprint, PageArgs, Quantity, Text, page_of, paginate
from ..auth.actor import current_actor
from . import service, variance
from .models import STOCKTAKE_STATUSES, Stocktake, StocktakeCount

blp = Blueprint("stocktake", __name__, url_prefix="/api/v1", description="Stocktake")


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
    """A place's variance with what it is worth."""

    sku = fields.Function(lambda c: c.product.sku)
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
        schema = CountSchema if stocktake.status in service.REVEALED else BlindCountSchema
        return schema(many=True).dump(stocktake.counts.order_by(StocktakeCount.id))


class StocktakeArgs(PageArgs):
    """Filters for the list."""

    status = fields.String(validate=validate.OneOf(STOCKTAKE_STATUSES))
    warehouse_id = fields.Integer()


class VarianceArgs(PageArgs):
    """?nonzero=true keeps only the places that differ."""

    nonzero = fields.Boolean(load_default=False)


@blp.get("/stocktakes")
@blp.arguments(StocktakeArgs, location="query")
@blp.response(200, page_of(StocktakeSummarySchema))
def list_stocktakes(args):
    """Stocktakes by status and warehouse."""
    query = service.list_stocktakes(current_actor(), args.get("status"), args.get("warehouse_id"))
    return paginate(query, Stocktake, args)


@blp.post("/stocktakes")
@blp.arguments(StocktakeInSchema)
@blp.response(201, StocktakeSchema)
def create_stocktake(data):
    """Open a count of a warehouse or zone."""
    stocktake = service.create_stocktake(data, current_actor())
    return stocktake, 201, {
        "Location": url_for("stocktake.get_stocktake", stocktake_id=stocktake.id)}


@blp.get("/stocktakes/<int:stocktake_id>")
@blp.response(200, StocktakeSchema)
def get_stocktake(stocktake_id):
    """One stocktake with its counts (blind while counting)."""
    return service.get_stocktake(stocktake_id, current_actor())


@blp.post("/stocktakes/<int:stocktake_id>/counts")
@blp.arguments(CountInSchema)
@blp.response(200, BlindCountSchema)
def record_stocktake_count(data, stocktake_id):
    """A scan of a product in a location; returns that place's count so far."""
    return service.record_count(stocktake_id, data, current_actor())


@blp.post("/stocktakes/<int:stocktake_id>/submit")
@blp.response(200, StocktakeSchema)
def submit_stocktake(stocktake_id):
    """Finish counting: any variance goes for approval, none approves it at once."""
    return variance.submit_stocktake(stocktake_id, current_actor())


@blp.get("/stocktakes/<int:stocktake_id>/variances")
@blp.arguments(VarianceArgs, location="query")
@blp.response(200, page_of(VarianceSchema))
def list_stocktake_variances(args, stocktake_id):
    """Every place of a submitted stocktake: ledger at count, counted, variance and value."""
    query = variance.variances(stocktake_id, current_actor(), args["nonzero"])
    return paginate(query, StocktakeCount, args)


@blp.post("/stocktakes/<int:stocktake_id>/cancel")
@blp.response(200, StocktakeSchema)
def cancel_stocktake(stocktake_id):
    """Drop a count in progress."""
    return service.cancel_stocktake(stocktake_id, current_actor())
