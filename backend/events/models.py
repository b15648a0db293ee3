"""The event journal: one row per event sent, its id the cursor clients catch up from."""
import peewee

from ..db.fields import UtcDateTimeField, utcnow
from ..db.models import BaseModel


class Event(BaseModel):
    """An event as it was sent to a room; kept EVENTS_KEEP_HOURS for clients to catch up."""

    created_at = UtcDateTimeField(default=utcnow, index=True)
    name = peewee.CharField(max_length=60)
    room = peewee.CharField(max_length=80)  # "warehouse:3", "user:7", "document:transfer:5"
    payload = peewee.TextField()  # JSON, as sent (without the cursor)

    class Meta:
        audited = False  # a copy of what the audited changes already say
