"""What the approvals API reads and writes."""
import marshmallow as ma
from marshmallow import fields, validate

from ..api import Money, MoneyText, PageArgs, Quantity, Text
from .states import APPROVAL


class DetailLineSchema(ma.Schema):
    """One line of what is being approved: a product, a quantity and what it is worth."""

    product_id = fields.Integer()
    sku = fields.String()
    name = fields.String()
    unit = fields.String()
    location = fields.String(metadata={"description": "The bin's code (not on a PO's lines)."})
    qty = Quantity(signed=True, metadata={
        "description": "Ordered, adjusted (signed) or returned; a count's variance (signed)."})
    expected = Quantity(signed=True, metadata={"description": "A count: the ledger's figure."})
    counted = Quantity(signed=True, metadata={"description": "A count: what was counted."})
    unit_price = MoneyText(metadata={"description": "Unit cost (PO, adjustment, count) or the "
                                                    "order's price (return), decimal string."})
    value = MoneyText(metadata={"description": "qty x unit_price, decimal string (signed)."})


class PartyBriefSchema(ma.Schema):
    """The supplier of a PO or the customer of a return."""

    id = fields.Integer()
    code = fields.String()
    name = fields.String()
    email = fields.String()
    phone = fields.String()
    payment_terms = fields.String()


class WarehouseBriefSchema(ma.Schema):
    """The warehouse the document is in."""

    id = fields.Integer()
    code = fields.String()
    name = fields.String()


class ApprovalDetailSchema(ma.Schema):
    """What is being approved: the document's number, lines and total, and why."""

    number = fields.String()
    status = fields.String(metadata={"description": "The document's own status."})
    warehouse = fields.Nested(WarehouseBriefSchema)
    reason = fields.String(metadata={"description": "Why it was asked: the PO's notes, the "
                                                    "adjustment's or the return's reason."})
    reason_code = fields.String(metadata={"description": "A return's reason code."})
    disposition = fields.String(metadata={"description": "A return: restock or quarantine."})
    zone = fields.String(metadata={"description": "A count's zone ('' for all)."})
    supplier = fields.Nested(PartyBriefSchema, metadata={"description": "A PO's supplier."})
    customer = fields.Nested(PartyBriefSchema, allow_none=True,
                             metadata={"description": "A return's customer, if from an order."})
    order_number = fields.String(allow_none=True)
    expected_date = fields.String(allow_none=True)
    lines = fields.List(fields.Nested(DetailLineSchema))
    total = MoneyText(metadata={"description": "Decimal string, in the approval's currency."})


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
    # What the phone shows; added beside the fields above, which keep their meaning.
    requested_by_name = fields.String(allow_none=True)
    currency = fields.String(metadata={"description": "ISO 4217 code of every amount here."})
    total = MoneyText(attribute="amount", allow_none=True, dump_only=True,
                      metadata={"description": "`amount` as a decimal string."})
    detail = fields.Nested(ApprovalDetailSchema, allow_none=True)
    can_decide = fields.Boolean(metadata={"description": "Whether the caller may decide it now."})
    cannot_decide_reason = fields.String(allow_none=True, metadata={
        "description": "Why not: no_permission, not_your_warehouse, already_decided, "
                       "own_request; null when can_decide."})


class ApprovalArgs(PageArgs):
    """Filters for the inbox."""

    status = fields.String(validate=validate.OneOf(APPROVAL.statuses))
    kind = Text(30)


class DecisionSchema(ma.Schema):
    """A decision's note."""

    note = Text(500)

