"""A request's events, queued until its transaction ends (request_life writes and sends them).

Outside a request's transaction there is no queue: emit_after_commit writes and sends at once,
and the ledger's stock.changed (which only a request makes) is not sent.
"""
from flask import g, has_app_context


def pending():
    """The open request's queue of (event, payload or function, room), or None."""
    if has_app_context() and "events" in g:
        return g.events
    return None


def queue_once(key, event, payload, room):
    """Queue an event unless one with `key` is already queued in this request; `payload` may be
    a function, called when the events are written (just before commit), for the figures as
    they end. False when there is no request to queue in."""
    queue = pending()
    if queue is None:
        return False
    keys = g.setdefault("event_keys", set())
    if key not in keys:
        keys.add(key)
        queue.append((event, payload, room))
    return True
