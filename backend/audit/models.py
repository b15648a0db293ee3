"""One audit entry per changed record of a mutation (or one per mutation that changed none)."""
import peewee

from ..db.fields import UtcDateTimeField, utcnow
from ..db.models import BaseModel


class AuditEntry(BaseModel):
    """Append-only: nothing updates or deletes these rows (the model refuses to)."""

    at = UtcDateTimeField(default=utcnow, index=True)
    user_id = peewee.IntegerField(null=True, index=True)  # not a foreign key: entries outlive
    token_id = peewee.IntegerField(null=True)
    device = peewee.CharField(max_length=80, null=True)
    action = peewee.CharField(max_length=100, index=True)  # the Flask endpoint
    method = peewee.CharField(max_length=10)
    path = peewee.CharField(max_length=300)
    request_id = peewee.CharField(max_length=64)
    target_type = peewee.CharField(max_length=60, null=True)  # the table
    target_id = peewee.CharField(max_length=60, null=True)
    before = peewee.TextField(null=True)  # JSON of the changed fields
    after = peewee.TextField(null=True)

    class Meta:
        indexes = ((("target_type", "target_id"), False),)
        audited = False  # the trail itself

    @classmethod
    def update(cls, *args, **kwargs):
        raise TypeError("Audit entries are append-only.")

    @classmethod
    def delete(cls):
        raise TypeError("Audit entries are append-only.")
