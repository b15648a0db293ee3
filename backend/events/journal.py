"""Writing events with their cursors, reading what a client missed, forgetting old ones.

A request's events are written at the end of its transaction, after every other write, under
one lock (PostgreSQL: a transaction advisory lock; SQLite: the writer lock already held): the
transactions that write events commit in the order of their cursors, so a reader paging by
cursor never passes an event that has yet to commit. The lock is held only from these inserts
to the commit.
"""
import json
from datetime import timedelta

from ..db import is_sqlite, writing
from ..db.fields import utcnow
from ..db.sql import run_sql
from .models import Event

EVENTS_LOCK = 7_460_301  # pg_advisory_xact_lock key of the journal
BROADCAST = "*"  # the room of an event sent to every client
ALL_WAREHOUSES = "warehouse:all"  # every warehouse's events (rooms.py)
ALL_APPROVALS = "approvals:all"  # every warehouse's approvals' events (rooms.py)
# Catch-up over a socket starts this far before the client's cursor: two workers may send
# events a few milliseconds out of cursor order, and the client drops those it already has.
OVERLAP = timedelta(seconds=5)


def write(queued):
    """Write (event, payload or a function making it, room) in the open transaction; the
    events to send as (event, payload with its "cursor", room or None)."""
    if not queued:
        return []
    made = [(event, payload() if callable(payload) else payload, room)
            for event, payload, room in queued]  # the figures, before the lock is taken
    if not is_sqlite():
        run_sql("SELECT pg_advisory_xact_lock(?)", (EVENTS_LOCK,))
    now, sent = Event.created_at.db_value(utcnow()), []
    for event, payload, room in made:
        text, as_text = _json(payload)
        cursor = run_sql(INSERT, (now, event, room or BROADCAST, text)).fetchone()[0]
        sent.append((event, dict(json.loads(text) if as_text else payload, cursor=cursor), room))
    return sent


def _json(payload):
    """(the payload as JSON, whether some value went as text: a Decimal, a datetime)."""
    as_text = []
    text = json.dumps(payload, separators=(",", ":"),
                      default=lambda value: as_text.append(value) or str(value))
    return text, bool(as_text)


INSERT = ('INSERT INTO "event" ("created_at", "name", "room", "payload") VALUES (?, ?, ?, ?) '
          'RETURNING "id"')


def record(event, payload, room):
    """Write one event in its own transaction (outside a request); (event, payload, room)."""
    with writing():
        return write([(event, payload, room)])[0]


def kept(sent):
    """Those of `sent` (as write() gave them, in order) whose transaction committed. SQLite may
    give a rolled-back event's cursor to a later one: a cursor counts for the last event
    given it, and only if the journal holds that event there."""
    last = {payload["cursor"]: (event, payload, room) for event, payload, room in sent}
    if not last:
        return []
    rows = Event.select(Event.id, Event.name, Event.room).where(Event.id.in_(sorted(last)))
    held = {(row.id, row.name, row.room) for row in rows}
    return [item for cursor, item in sorted(last.items())
            if (cursor, item[0], item[2] or BROADCAST) in held]


def as_sent(row):
    """An event row as a client receives it: {"event", "room", "payload" (with "cursor")}."""
    return {"cursor": row.id, "event": row.name, "room": row.room,
            "payload": dict(json.loads(row.payload), cursor=row.id)}


def since(after, rooms, limit, overlap=False, documents=None):
    """Up to `limit` events of `rooms` (exact names) with a cursor over `after`, oldest first,
    and the cursor to ask from next (None: nothing more for now). With `overlap`, start
    OVERLAP before the event `after` instead (the client drops what it already has).
    `documents(room)`, when given, says which other "document:" rooms' events to include."""
    start = _overlap_start(after) if overlap else after
    where = Event.room.in_(sorted(rooms))
    if ALL_WAREHOUSES in rooms:
        where |= Event.room.startswith("warehouse:")
    if ALL_APPROVALS in rooms:
        where |= Event.room.startswith("approvals:")
    if documents is not None:
        where |= Event.room.startswith("document:")
    rows = list(Event.select().where(Event.id > start, where).order_by(Event.id)
                .limit(limit + 1))
    more = len(rows) > limit
    next_cursor = rows[limit - 1].id if more else None
    rows = rows[:limit]
    if documents is not None:
        heard = {}
        rows = [row for row in rows if row.room in rooms
                or heard.setdefault(row.room, documents(row.room))]
    return rows, next_cursor


def head():
    """The newest event's cursor (0 when there is none)."""
    row = Event.select(Event.id).order_by(Event.id.desc()).first()
    return row.id if row else 0


def _overlap_start(after):
    row = Event.get_or_none(Event.id == after)
    if row is None:
        return after
    first = (Event.select(Event.id).where(Event.created_at >= row.created_at - OVERLAP,
                                          Event.id <= after)
             .order_by(Event.id).first())
    return first.id - 1 if first else after


def prune_events(keep):
    """Forget the events older than `keep` (a timedelta); returns how many."""
    cutoff = Event.created_at.db_value(utcnow() - keep)
    with writing():
        return run_sql("DELETE FROM event WHERE created_at < ?", (cutoff,)).rowcount
