"""Approvals: ask for a decision, decide, and let the document's area act on it."""
import importlib

from ..db import utcnow, writing
from ..errors import Conflict, Forbidden, NotFound
from .models import Approval


# Which function acts on a decision, per document type: (module, function).
DECIDERS = {
    "adjustment": ("backend.stock.service", "decide_adjustment"),
    "purchase_order": ("backend.purchasing.service", "decide_purchase_order"),
    "stocktake": ("backend.stocktake.service", "decide_stocktake"),
    "sales_return": ("backend.sales.returns", "decide_return"),
}


def _decider(doc_type):
    module, name = DECIDERS[doc_type]
    return getattr(importlib.import_module(module), name)


def request_approval(kind, doc_type, doc_id, amount, summary, actor):
    """Open a pending approval for a document."""
    with writing():
        return Approval.create(kind=kind, doc_type=doc_type, doc_id=doc_id, amount=amount,
                               summary=summary[:300], requested_by=actor.user_id)


def get_approval(approval_id):
    """The approval, or NotFound."""
    approval = Approval.get_or_none(Approval.id == approval_id)
    if approval is None:
        raise NotFound(f"Approval {approval_id} does not exist.", field="approval_id")
    return approval


def decide(approval_id, approved, actor, note=""):
    """Approve or reject; the document's area acts in the same transaction."""
    with writing():
        approval = get_approval(approval_id)
        if approval.status != "pending":
            raise Conflict(f"Approval {approval_id} is already {approval.status}.",
                           code="already_decided")
        if actor.user_id is not None and approval.requested_by_id == actor.user_id:
            raise Forbidden("Nobody may approve their own request.", code="self_approval")
        approval.status = "approved" if approved else "rejected"
        approval.decided_by = actor.user_id
        approval.decided_at = utcnow()
        approval.note = note
        approval.save()
        _decider(approval.doc_type)(approval.doc_id, approved, actor)
    return approval


def pending_for(doc_type, doc_id):
    """The open approval of a document, if any."""
    return Approval.get_or_none(Approval.doc_type == doc_type, Approval.doc_id == doc_id,
                                Approval.status == "pending")
