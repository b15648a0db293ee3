"""HTTP layer of approvals: the manager's inbox and decisions."""
import marshmallow as ma
from marshmallow import fields, validate

from ..api import Blueprint, Money, PageArgs, Text, page_of, paginate
from ..auth.actor import current_actor
from . import service
from .models import APPROVAL_STATUSES, Approval

blp = Blueprint("approvals", __name__, url_prefix="/api/v1", description="Approvals")


class ApprovalSchema(ma.Schema):
    """An approval request and its decision."""

    id = fields.Integer()
    kind = fields.String()
    doc_type = fields.String()
    doc_id = fields.Integer()
    summary = fields.String()
    amount = Money(allow_none=True)
    status = fields.String()
    requested_by_id = fields.Integer(allow_none=True)
    requested_by_token_id = fields.Integer(allow_none=True)
    requested_at = fields.DateTime()
    decided_by_id = fields.Integer(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)
    note = fields.String()


class ApprovalArgs(PageArgs):
    """Filters for the inbox."""

    status = fields.String(validate=validate.OneOf(APPROVAL_STATUSES))
    kind = Text(30)


class DecisionSchema(ma.Schema):
    """A decision's note."""

    note = Text(500)


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
