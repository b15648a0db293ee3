"""HTTP layer of stocktake: open, scan (blind), bins, submit, variances, review, cancel."""
from flask import url_for

from ..api import Blueprint, page_of, paginate
from ..auth.actor import current_actor
from . import bins, review, service, variance
from .models import Stocktake, StocktakeCount
from .schemas import (
    BinsSchema,
    BlindCountSchema,
    CountInSchema,
    LineDecisionInSchema,
    StocktakeArgs,
    StocktakeInSchema,
    StocktakeSchema,
    StocktakeSummarySchema,
    VarianceArgs,
    VarianceSchema,
)

blp = Blueprint("stocktake", __name__, url_prefix="/api/v1", description="Stocktake")


@blp.get("/stocktakes")
@blp.arguments(StocktakeArgs, location="query")
@blp.response(200, page_of(StocktakeSummarySchema))
def list_stocktakes(args):
    """Stocktakes by status and warehouse."""
    query = service.search_stocktakes(current_actor(), args.get("status"), args.get("warehouse_id"))
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
    query = variance.search_variances(stocktake_id, current_actor(), args["nonzero"])
    return paginate(query, StocktakeCount, args)


@blp.post("/stocktakes/<int:stocktake_id>/cancel")
@blp.response(200, StocktakeSchema)
def cancel_stocktake(stocktake_id):
    """Drop a count in progress."""
    return service.cancel_stocktake(stocktake_id, current_actor())


@blp.get("/stocktakes/<int:stocktake_id>/bins")
@blp.response(200, BinsSchema)
def list_stocktake_bins(stocktake_id):
    """The bins still to count and the bins done (by whom, when), in walking order."""
    return bins.list_bins(stocktake_id, current_actor())


@blp.post("/stocktakes/<int:stocktake_id>/bins/<int:location_id>/done")
@blp.response(200, BinsSchema)
def finish_stocktake_bin(stocktake_id, location_id):
    """A bin is counted: its places take the ledger's figure now; unscanned stock counts 0."""
    return bins.finish_bin(stocktake_id, location_id, current_actor())


@blp.post("/stocktakes/<int:stocktake_id>/bins/<int:location_id>/recount")
@blp.response(200, BinsSchema)
def remove_stocktake_bin_counts(stocktake_id, location_id):
    """Clear a bin's counts and its done mark, to count it again."""
    return bins.recount_bin(stocktake_id, location_id, current_actor())


@blp.post("/stocktakes/<int:stocktake_id>/variances/<int:count_id>/decision")
@blp.arguments(LineDecisionInSchema)
@blp.response(200, VarianceSchema)
def set_stocktake_line_decision(data, stocktake_id, count_id):
    """Approve or reject one place of a submitted stocktake."""
    return review.decide_line(stocktake_id, count_id, data["decision"], current_actor())


@blp.post("/stocktakes/<int:stocktake_id>/finish")
@blp.response(200, StocktakeSchema)
def finish_stocktake_review(stocktake_id):
    """End the review: post the places not rejected, or reject the stocktake if all were."""
    return review.finish_review(stocktake_id, current_actor())
