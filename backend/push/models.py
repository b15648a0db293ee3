"""Web Push: the browsers that subscribed, each user's choices, and the queue of messages."""
import peewee

from ..auth.models import User
from ..db.fields import UtcDateTimeField, utcnow
from ..db.models import BaseModel


class PushSubscription(BaseModel):
    """One browser's push subscription (a device of a user)."""

    user = peewee.ForeignKeyField(User, on_delete="CASCADE")
    device = peewee.CharField(max_length=80, default="")
    endpoint = peewee.CharField(max_length=1000, unique=True)
    p256dh = peewee.CharField(max_length=200)
    auth = peewee.CharField(max_length=100)
    created_at = UtcDateTimeField(default=utcnow)

    class Meta:
        audited = False  # holds the browser's keys; the machinery of delivery, not an action


class NotificationChoice(BaseModel):
    """What a user wants pushed; NULL: their role's default (managers: everything)."""

    user = peewee.ForeignKeyField(User, unique=True, on_delete="CASCADE")
    low_stock = peewee.BooleanField(null=True)
    approvals = peewee.BooleanField(null=True)

    class Meta:
        audited = False  # a person's own preference


class PushMessage(BaseModel):
    """A message waiting to go to one subscription; the sender deletes it once delivered."""

    subscription = peewee.ForeignKeyField(PushSubscription, on_delete="CASCADE")
    payload = peewee.TextField()
    attempts = peewee.IntegerField(default=0)
    next_try_at = UtcDateTimeField(default=utcnow, index=True)
    created_at = UtcDateTimeField(default=utcnow)

    class Meta:
        audited = False  # a queue
