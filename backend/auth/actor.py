"""Who is acting on this request, and from which device.

Until passkey sign-in lands, the acting user is named by the X-User header (a username
that must exist and be active); the device by X-Device.
"""
from flask import g, request

from ..errors import Unauthorized
from ..stock.ledger import Actor
from .models import User

MAX_DEVICE = 80


def load_actor():
    """Resolve the request's actor once, before the view runs."""
    g.actor = Actor()
    if not request.path.startswith("/api/v1/"):
        return
    username = request.headers.get("X-User")
    device = (request.headers.get("X-Device") or "")[:MAX_DEVICE] or None
    user_id = None
    if username:
        user = User.get_or_none((User.username == username[:80]) & (User.active == True))  # noqa: E712
        if user is None:
            raise Unauthorized("Unknown or inactive user in X-User.", field="X-User")
        user_id = user.id
    g.actor = Actor(user_id=user_id, device=device)


def current_actor():
    """The Actor of the current request."""
    return getattr(g, "actor", Actor())


def init_app(app):
    """Resolve the actor before anything else runs."""
    app.before_request_funcs.setdefault(None, []).insert(0, load_actor)
