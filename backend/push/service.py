"""Subscriptions and each user's choices of what to be told."""
import peewee

from ..auth.models import User
from ..db import db, writing
from ..errors import Forbidden, NotFound
from .endpoints import check_endpoint, check_keys
from .models import NotificationChoice, PushSubscription
from .outbox import KINDS, wants


def subscribe(data, actor, allowed_hosts):
    """Store the browser's subscription for the signed-in user and device (a browser that
    subscribes again, or moves to another user, keeps one row). Invalid naming the field."""
    require_user(actor)
    check_endpoint(data["endpoint"], allowed_hosts)
    keys = check_keys(data["keys"])
    values = {"user": actor.user_id, "device": actor.device or "", "p256dh": keys["p256dh"],
              "auth": keys["auth"]}
    with writing():
        found = PushSubscription.get_or_none(PushSubscription.endpoint == data["endpoint"])
        if found is not None:
            PushSubscription.update(**values).where(PushSubscription.id == found.id).execute()
            return PushSubscription.get_by_id(found.id)
        try:
            with db.atomic():
                return PushSubscription.create(endpoint=data["endpoint"], **values)
        except peewee.IntegrityError:  # the same browser, twice at once
            return PushSubscription.get(PushSubscription.endpoint == data["endpoint"])


def require_user(actor):
    """Push goes to people: a token acting for nobody has no device to tell. Forbidden."""
    if actor.user_id is None:
        raise Forbidden("This token acts for no user, who could be notified.", code="no_user")


def get_subscription(subscription_id, actor):
    """One of the signed-in user's subscriptions; NotFound for anyone else's."""
    found = PushSubscription.get_or_none(PushSubscription.id == subscription_id,
                                         PushSubscription.user == actor.user_id)
    if found is None:
        raise NotFound(f"Push subscription {subscription_id} does not exist.",
                       field="subscription_id")
    return found


def unsubscribe(subscription_id, actor):
    """Forget one of the user's subscriptions (its queued messages go with it); NotFound."""
    with writing():
        subscription = get_subscription(subscription_id, actor)
        PushSubscription.delete().where(PushSubscription.id == subscription.id).execute()


def choices(actor):
    """What the user is told, and which kinds their role can be told at all."""
    require_user(actor)
    user = User.get_by_id(actor.user_id)
    choice = NotificationChoice.get_or_none(NotificationChoice.user == user.id)
    return {kind: {"on": wants(user, kind, choice),
                   "available": wants(user, kind, _all_on(user.id))} for kind in KINDS}


def _all_on(user_id):
    return NotificationChoice(user=user_id, **{kind: True for kind in KINDS})


def set_choices(data, actor):
    """Turn kinds of messages on or off for the user."""
    require_user(actor)
    with writing():
        NotificationChoice.insert(user=actor.user_id).on_conflict_ignore().execute()
        if data:
            NotificationChoice.update(**data).where(
                NotificationChoice.user == actor.user_id).execute()
    return choices(actor)
