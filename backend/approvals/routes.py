"""HTTP layer of approvals: the manager's inbox and decisions."""

from flask import current_app

from ..api import Blueprint, page_of, paginate
from ..auth.actor import current_actor, current_principal
from . import service
from .models import Approval
from .schemas import ApprovalArgs, ApprovalSchema, DecisionSchema


def _described(approvals):
    """The approvals as the caller sees them: detail, requester, currency, can_decide."""
    principal = current_principal()
    return service.describe(approvals, current_actor(), principal.may("approvals.decide"),
                            current_app.extensions["settings"].currency)


blp = Blueprint("approvals", __name__, url_prefix="/api/v1", description="Approvals")


@blp.get("/approvals")
@blp.arguments(ApprovalArgs, location="query")
@blp.response(200, page_of(ApprovalSchema))
def list_approvals(args):
    """Approvals, filtered by status and kind (?status=pending for the inbox)."""
    query = service.search_approvals(current_actor(), args.get("status"), args.get("kind"))
    page = paginate(query, Approval, args)
    _described(page["items"])
    return page


@blp.get("/approvals/<int:approval_id>")
@blp.response(200, ApprovalSchema)
def get_approval(approval_id):
    """One approval."""
    return _described([service.get_approval(approval_id, current_actor())])[0]


@blp.post("/approvals/<int:approval_id>/approve")
@blp.arguments(DecisionSchema)
@blp.response(200, ApprovalSchema)
def approve_request(data, approval_id):
    """Approve: the document moves on (a PO is released, an adjustment is posted)."""
    service.decide(approval_id, True, current_actor(), data.get("note", ""))
    return _described([service.get_approval(approval_id, current_actor())])[0]


@blp.post("/approvals/<int:approval_id>/reject")
@blp.arguments(DecisionSchema)
@blp.response(200, ApprovalSchema)
def reject_request(data, approval_id):
    """Reject: the document goes back or is dropped."""
    service.decide(approval_id, False, current_actor(), data.get("note", ""))
    return _described([service.get_approval(approval_id, current_actor())])[0]
