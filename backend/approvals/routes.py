"""HTTP layer of approvals: the manager's inbox and decisions."""

from ..api import Blueprint, page_of, paginate
from ..auth.actor import current_actor
from . import service
from .models import Approval
from .schemas import ApprovalArgs, ApprovalSchema, DecisionSchema

blp = Blueprint("approvals", __name__, url_prefix="/api/v1", description="Approvals")


@blp.get("/approvals")
@blp.arguments(ApprovalArgs, location="query")
@blp.response(200, page_of(ApprovalSchema))
def list_approvals(args):
    """Approvals, filtered by status and kind (?status=pending for the inbox)."""
    query = service.search_approvals(current_actor(), args.get("status"), args.get("kind"))
    return paginate(query, Approval, args)


@blp.get("/approvals/<int:approval_id>")
@blp.response(200, ApprovalSchema)
def get_approval(approval_id):
    """One approval."""
    return service.get_approval(approval_id, current_actor())


@blp.post("/approvals/<int:approval_id>/approve")
@blp.arguments(DecisionSchema)
@blp.response(200, ApprovalSchema)
def approve_request(data, approval_id):
    """Approve: the document moves on (a PO is released, an adjustment is posted)."""
    return service.decide(approval_id, True, current_actor(), data.get("note", ""))


@blp.post("/approvals/<int:approval_id>/reject")
@blp.arguments(DecisionSchema)
@blp.response(200, ApprovalSchema)
def reject_request(data, approval_id):
    """Reject: the document goes back or is dropped."""
    return service.decide(approval_id, False, current_actor(), data.get("note", ""))
