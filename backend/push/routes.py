"""HTTP layer of Web Push: the server's key, the browser's subscriptions, the user's choices."""
from flask import current_app, url_for

from ..api import Blueprint
from ..auth.actor import current_actor
from . import service, vapid
from .schemas import ChoicesInSchema, ChoicesSchema, PushKeySchema, SubscriptionInSchema, SubscriptionSchema

blp = Blueprint("push", __name__, url_prefix="/api/v1", description="Web Push notifications")


def _settings():
    return current_app.extensions["settings"]


@blp.get("/push/key")
@blp.response(200, PushKeySchema)
def get_push_key():
    """The server's VAPID public key, to subscribe with."""
    return {"public_key": vapid.public_key(_settings())}


@blp.post("/push/subscriptions")
@blp.arguments(SubscriptionInSchema)
@blp.response(201, SubscriptionSchema)
def create_push_subscription(data):
    """Store this browser's subscription for the signed-in user and device (https endpoints
    only, none on an internal address)."""
    subscription = service.subscribe(data, current_actor(), _settings().push_hosts())
    return subscription, 201, {"Location": url_for("push.delete_push_subscription",
                                                   subscription_id=subscription.id)}


@blp.delete("/push/subscriptions/<int:subscription_id>")
@blp.response(204)
def delete_push_subscription(subscription_id):
    """Forget one of the user's subscriptions."""
    service.unsubscribe(subscription_id, current_actor())


@blp.get("/push/choices")
@blp.response(200, ChoicesSchema)
def get_notification_choices():
    """What the signed-in user is told."""
    return service.choices(current_actor())


@blp.put("/push/choices")
@blp.arguments(ChoicesInSchema)
@blp.response(200, ChoicesSchema)
def set_notification_choices(data):
    """Turn low-stock alerts or approval requests on or off for the signed-in user."""
    return service.set_choices(data, current_actor())
