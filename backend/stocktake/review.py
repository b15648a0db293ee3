"""A manager's review of a submitted stocktake, place by place: approve or reject each
variance, then finish.

Finishing decides the stocktake's approval (the same one the approvals inbox shows): it is
approved when any place is approved or left undecided, rejected when every place that differs
was rejected. On approval the places not rejected post their delta (undecided ones count as
approved); a rejected place posts nothing and keeps the ledger as it is (count it again in a
new stocktake). Rejecting the approval, here or in the inbox, rejects every place.
"""
from ..approvals import service as approvals
from ..db import writing
from ..errors import NotFound
from .models import StocktakeCount
from .service import get_stocktake, variance_rows
from .states import STOCKTAKE

DECISIONS = {"approve": "approved", "reject": "rejected"}


def _approval_of(stocktake):
    approval = approvals.pending_for("stocktake", stocktake.id)
    if approval is None:  # submitted always has one; say what the status allows otherwise
        raise STOCKTAKE.refusal(stocktake, "approve")
    return approval


def decide_line(stocktake_id, count_id, verdict, actor):
    """Approve or reject one place of a submitted stocktake; NotFound for a place of another
    stocktake, Conflict(bad_state) unless submitted, Forbidden(self_approval) for the requester."""
    with writing():
        stocktake = STOCKTAKE.lock(stocktake_id, actor)
        row = StocktakeCount.get_or_none(StocktakeCount.id == count_id,
                                         StocktakeCount.stocktake == stocktake.id)
        if row is None:  # an unknown id in the path is 404 before any state is judged
            raise NotFound(f"Stocktake {stocktake.number} has no count {count_id}.",
                           field="count_id")
        STOCKTAKE.move(stocktake, "decide_line")
        approvals.check_decider(_approval_of(stocktake), actor)
        StocktakeCount.update(decision=DECISIONS[verdict], decided_by=actor.user_id).where(
            StocktakeCount.id == row.id).execute()
    return StocktakeCount.get_by_id(row.id)


def finish_review(stocktake_id, actor):
    """Decide the stocktake's approval from its places' decisions (module docstring); the
    stocktake. Conflict(bad_state), Forbidden(self_approval), Conflict(variance_exceeds_stock)."""
    with writing():  # the lines' decisions stay as read until the approval is decided
        stocktake = STOCKTAKE.lock(stocktake_id, actor)
        STOCKTAKE.check(stocktake, "approve")
        approved = variance_rows(stocktake).where(StocktakeCount.decision != "rejected").exists()
        approvals.decide(_approval_of(stocktake).id, approved, actor)
    return get_stocktake(stocktake_id, actor)
