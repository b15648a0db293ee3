"""What the approvals API reads and writes."""
import marshmallow as ma
from marshmallow import fields, validate

from ..api import Money, PageArgs, Text
from .states import APPROVAL


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

    status = fields.String(validate=validate.OneOf(APPROVAL.statuses))
    kind = Text(30)


class DecisionSchema(ma.Schema):
    """A decision's note."""

    note = Text(500)

