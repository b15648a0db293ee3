"""Live events over Socket.IO (default namespace "/").

On connect a client is put in its user's room, the rooms of the warehouses it may work in and,
when it may read approvals, those warehouses' approvals rooms (events/rooms.py). Every
RECHECK_SECONDS each server process checks its connections again (recheck_connections): a
user's warehouses, role or session may have changed since.
Events:
  client -> server  live.hello     ack {"cursor": the newest event's, 0 when none}: where a
                                   client that has heard nothing yet starts from
  client -> server  live.join      {"room": "document:<type>:<id>"}  ack {"ok": true} or
                                   {"error": {"code", "message"}} (not a room it may hear)
  client -> server  live.leave     {"room": ...}
  client -> server  live.catch_up  {"after": cursor, "overlap": true}  ack {"events": [{"cursor", "event", "room",
                                   "payload"}], "next": cursor or null (ask again from it)}:
                                   the events of its rooms it missed, starting a few seconds
                                   before `after` (the client drops cursors it already has);
                                   the next pages with "overlap": false
  server -> client  <event>        payload with its "cursor" (stock.changed, document.changed,
                                   stock.low, sync.outcome, ...; approval.requested and
                                   approval.decided only to approvals rooms)
"""
from flask import current_app, request
from flask_socketio import join_room, leave_room

from ..auth.sockets import CREDENTIALS, connection_actor, event_actor
from ..background import Background
from ..realtime import socketio
from . import journal
from .rooms import may_hear, rooms_of

CATCH_UP_PAGE = 500
RECHECK_SECONDS = 30  # how long a connection may hear rooms its user has since lost


@socketio.on("connect")
def on_connect(auth=None):
    """Join the connection's user and warehouse rooms (and have them checked again from now
    on; tests call recheck_connections themselves)."""
    for room in rooms_of(event_actor()):
        join_room(room)
    app = current_app._get_current_object()
    if not rechecker.started and not app.extensions["settings"].testing:
        rechecker.start(app)


@socketio.on("live.hello")
def on_hello(*_):
    """The newest cursor (the connection's rooms are joined: what comes after it, it hears)."""
    return {"cursor": journal.head()}


def _room_of(payload):
    room = payload.get("room") if isinstance(payload, dict) else None
    return room if isinstance(room, str) and len(room) <= 80 else None


@socketio.on("live.join")
def on_join(payload=None):
    """Join a document's room, if the actor may read the document."""
    room = _room_of(payload)
    if room is None or not room.startswith("document:") or not may_hear(event_actor(), room):
        return {"error": {"code": "forbidden_room",
                          "message": "You may not follow this document."}}
    join_room(room)
    return {"ok": True}


@socketio.on("live.leave")
def on_leave(payload=None):
    """Leave a document's room."""
    room = _room_of(payload)
    if room is not None and room.startswith("document:"):
        leave_room(room)
    return {"ok": True}


@socketio.on("live.catch_up")
def on_catch_up(payload=None):
    """The events of this connection's rooms after the client's cursor (checked afresh)."""
    after = payload.get("after") if isinstance(payload, dict) else None
    if isinstance(after, bool) or not isinstance(after, int) or not 0 <= after < 2 ** 62:
        return {"error": {"code": "bad_cursor", "message": "after must be a cursor (a number)."}}
    actor = event_actor()
    joined = socketio.server.rooms(request.sid, namespace="/")
    rooms = {room for room in joined if room != request.sid and may_hear(actor, room)}
    overlap = payload.get("overlap", True) is not False
    rows, next_cursor = journal.since(after, rooms, CATCH_UP_PAGE, overlap=overlap)
    return {"events": [journal.as_sent(row) for row in rows], "next": next_cursor}


def recheck_connections(app):
    """Check this process's connections again: one whose credentials no longer sign in is
    disconnected; the others leave the rooms they may no longer hear and join their user's
    and warehouses' rooms as they are now."""
    server = socketio.server
    for sid, _ in list(server.manager.get_participants("/", None)):
        environ = server.get_environ(sid, namespace="/")
        if environ is None or CREDENTIALS not in environ:  # gone, or its connect still runs
            continue
        actor = connection_actor(app, environ)
        if actor is None:
            server.disconnect(sid, namespace="/")
            continue
        joined = set(server.rooms(sid, namespace="/")) - {sid}
        for room in joined:
            if not may_hear(actor, room):
                server.leave_room(sid, room, namespace="/")
        for room in rooms_of(actor) - joined:
            server.enter_room(sid, room, namespace="/")


def _recheck(app):
    with app.app_context():
        recheck_connections(app)


rechecker = Background("socket-recheck", RECHECK_SECONDS, _recheck)
