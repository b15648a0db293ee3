"""Who is told what: messages queued in the change's own transaction, so only what is
committed is ever sent (by sender.py, outside the request)."""
import json

from flask import g, has_request_context

from ..auth.access import limits_of
from ..auth.models import User
from ..auth.permissions import ROLE_PERMISSIONS
from .models import NotificationChoice, PushMessage, PushSubscription

# Per kind of message: the permission a role needs to get it at all, and the one that turns
# it on by default (managers and admins); each user's NotificationChoice overrides the default.
KINDS = {
    "low_stock": ("stock.read", "purchasing.write"),
    "approvals": ("approvals.decide", "approvals.decide"),
}


def wants(user, kind, choice):
    """Whether this user gets messages of this kind (role, then their own choice)."""
    needed, default_on = KINDS[kind]
    permissions = ROLE_PERMISSIONS.get(user.role, set())
    if needed not in permissions:
        return False
    chosen = getattr(choice, kind) if choice is not None else None
    return (default_on in permissions) if chosen is None else chosen


def recipients(kind, warehouse_id, leave_out=None):
    """The active users who get `kind` about this warehouse (their limits allow it)."""
    choices = {c.user_id: c for c in NotificationChoice.select()}
    found = []
    for user in User.select().where(User.active == True):  # noqa: E712 - SQL, not Python
        if user.id == leave_out or not wants(user, kind, choices.get(user.id)):
            continue
        warehouses = limits_of(user.id)[0]
        if warehouse_id is None or warehouses is None or warehouse_id in warehouses:
            found.append(user.id)
    return found


def queue(user_ids, message):
    """One queued message per subscribed device of these users; the sender is woken after the
    request."""
    if not user_ids:
        return 0
    body = json.dumps(message, separators=(",", ":"))
    subscriptions = PushSubscription.select(PushSubscription.id).where(
        PushSubscription.user.in_(user_ids))
    rows = [{"subscription": s.id, "payload": body} for s in subscriptions]
    if rows:
        PushMessage.insert_many(rows).execute()
        if has_request_context():
            g.push_queued = True
    return len(rows)


def queue_low_stock(alert, figures):
    """Tell who should know that a product ran low in a warehouse."""
    from .words import low_stock_message
    queue(recipients("low_stock", alert.warehouse_id), low_stock_message(alert, figures))


def queue_approval(approval, warehouse_id):
    """Tell who may decide that a request waits (not the one who asked)."""
    from .words import approval_message
    queue(recipients("approvals", warehouse_id, leave_out=approval.requested_by_id),
          approval_message(approval))
