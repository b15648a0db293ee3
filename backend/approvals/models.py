"""The generic approval record."""
import peewee

from ..auth.models import ApiToken, User
from ..db.fields import MoneyField, UtcDateTimeField, utcnow
from ..db.models import BaseModel

APPROVAL_KINDS = ("purchase_order", "stock_adjustment", "stocktake_variance", "sales_return",
                  "transfer_difference")


class Approval(BaseModel):
    """Someone asked for a decision on a document; someone else decided."""

    kind = peewee.CharField(max_length=30)
    doc_type = peewee.CharField(max_length=30)
    doc_id = peewee.IntegerField()
    summary = peewee.CharField(max_length=300, default="")
    amount = MoneyField(null=True)
    status = peewee.CharField(max_length=12, default="pending", index=True)
    requested_by = peewee.ForeignKeyField(User, null=True, backref="approvals_requested")
    # The API token that asked, if one did: a token acting for nobody is its own requester.
    requested_by_token = peewee.ForeignKeyField(ApiToken, null=True, backref="+")
    requested_at = UtcDateTimeField(default=utcnow)
    decided_by = peewee.ForeignKeyField(User, null=True, backref="approvals_decided")
    decided_at = UtcDateTimeField(null=True)
    note = peewee.CharField(max_length=500, default="")

    class Meta:
        indexes = ((("doc_type", "doc_id"), False),)
