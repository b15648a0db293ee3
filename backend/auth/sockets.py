"""Socket.IO doors: connecting needs a session cookie or a bearer token, each event a permission.

Every handler registered on the server is wrapped once the app is built; the rule comes
from permissions.SOCKET_EVENTS ("namespace event"). A refused connect raises
ConnectionRefusedError; a refused event answers "auth.error" and does not run; an event on a
connection whose session has since ended (sign-out everywhere, timeout) disconnects it.
"""
from flask import request
from flask_socketio import ConnectionRefusedError

from ..errors import ApiError
from ..realtime import socketio
from .actor import actor_of, authenticate
from .permissions import PUBLIC, SOCKET_EVENTS

CREDENTIALS = "stocktap.credentials"  # what the connect handshake carried, kept in its environ
ACTOR = "stocktap.actor"  # the Actor of the event being handled, set by its guard


def event_rule(namespace, event):
    """The permission a socket event needs, PUBLIC, or None when undeclared."""
    return SOCKET_EVENTS.get(f"{namespace} {event}")


def _principal(app, environ, credentials):
    headers, cookies = credentials
    with app.request_context(environ):
        principal, _reason = authenticate(headers, cookies, app.extensions["settings"])
    return principal


def _credentials(app, environ, auth):
    with app.request_context(environ) as ctx:
        headers = {"Authorization": ctx.request.headers.get("Authorization", "")}
        cookies = dict(ctx.request.cookies)
    token = auth.get("token") if isinstance(auth, dict) else None
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers, cookies


def _guard_connect(app, namespace, handler):
    def connect(sid, environ, auth=None):
        rule = event_rule(namespace, "connect")
        try:
            credentials = _credentials(app, environ, auth)
            principal = _principal(app, environ, credentials)
        except ApiError as error:
            raise ConnectionRefusedError({"code": error.code, "message": error.message}) from None
        if rule is None:
            raise ConnectionRefusedError({"code": "undeclared", "message": "Undeclared."})
        if rule != PUBLIC and (principal is None or not principal.may(rule)):
            raise ConnectionRefusedError({"code": "unauthorized", "message": "Please sign in."})
        environ[CREDENTIALS] = credentials
        environ[ACTOR] = actor_of(principal)  # the connect handler's event_actor()
        return handler(sid, environ, auth) if handler else True
    return connect


def _refuse(sid, namespace, code, message, disconnect=False):
    socketio.server.emit("auth.error", {"error": {"code": code, "message": message}},
                         to=sid, namespace=namespace)
    if disconnect:
        socketio.server.disconnect(sid, namespace=namespace)


def _guard_event(app, namespace, event, handler):
    def guarded(sid, *args):
        rule = event_rule(namespace, event)
        if rule == PUBLIC:
            return handler(sid, *args)
        if rule is None:
            return _refuse(sid, namespace, "undeclared", f"Event {event} is not declared.")
        environ = socketio.server.get_environ(sid, namespace=namespace) or {}
        try:
            principal = _principal(app, environ, environ.get(CREDENTIALS, ({}, {})))
        except ApiError:
            principal = None
        if principal is None:
            return _refuse(sid, namespace, "unauthorized", "Please sign in again.", True)
        if not principal.may(rule):
            return _refuse(sid, namespace, "forbidden", f"Your role may not use {event}.")
        environ[ACTOR] = actor_of(principal)  # read afresh each event: limits may change
        return handler(sid, *args)
    return guarded


def connection_actor(app, environ):
    """The Actor of a connection's credentials read afresh (its user's limits as they are
    now), or None when they no longer sign in: session ended, token revoked, user inactive."""
    try:
        principal = _principal(app, environ, environ.get(CREDENTIALS, ({}, {})))
    except ApiError:
        return None
    if principal is None or not principal.may(event_rule("/", "connect")):
        return None
    return actor_of(principal)


def event_actor():
    """The Actor of the socket event (or connect) being handled (its warehouse limits
    included)."""
    return request.environ[ACTOR]


def registered_events():
    """(namespace, event) of every handler on the Socket.IO server."""
    return [(ns, ev) for ns, events in socketio.server.handlers.items() for ev in events]


def init_app(app):
    """Wrap every registered socket handler (call after realtime.init_app and the areas)."""
    handlers = socketio.server.handlers
    handlers.setdefault("/", {})
    for namespace, events in handlers.items():
        for event, handler in list(events.items()):
            if event == "connect":
                events[event] = _guard_connect(app, namespace, handler)
            else:
                events[event] = _guard_event(app, namespace, event, handler)
        if "connect" not in events:
            events["connect"] = _guard_connect(app, namespace, None)
