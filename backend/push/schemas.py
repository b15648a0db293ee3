"""What the push API reads and writes."""
import marshmallow as ma
from marshmallow import fields

from ..api import Text


class PushKeySchema(ma.Schema):
    """The server's VAPID public key (the browser's applicationServerKey)."""

    public_key = fields.String()


class SubscriptionKeysSchema(ma.Schema):
    """The browser's keys for encrypting to it (base64url)."""

    p256dh = Text(200, required=True)
    auth = Text(100, required=True)


class SubscriptionInSchema(ma.Schema):
    """A browser's PushSubscription as its toJSON() gives it."""

    class Meta:
        unknown = ma.EXCLUDE  # expirationTime and whatever browsers add

    endpoint = Text(1000, required=True)
    keys = fields.Nested(SubscriptionKeysSchema, required=True)


class SubscriptionSchema(ma.Schema):
    """A stored subscription (its keys are not shown again)."""

    id = fields.Integer()
    endpoint = fields.String()
    device = fields.String()
    created_at = fields.DateTime()


class ChoiceSchema(ma.Schema):
    """One kind of message: whether the user gets it, and whether their role can."""

    on = fields.Boolean()
    available = fields.Boolean()


class ChoicesSchema(ma.Schema):
    """What the user is told."""

    low_stock = fields.Nested(ChoiceSchema)
    approvals = fields.Nested(ChoiceSchema)


class ChoicesInSchema(ma.Schema):
    """Turn kinds of messages on or off."""

    low_stock = fields.Boolean()
    approvals = fields.Boolean()
