"""Old events are forgotten after EVENTS_KEEP_HOURS: a client away longer reloads its screens.

As idempotency keys are: a worker prunes once a write's response has gone, on its first
successful write and then at most hourly; one DELETE on the created_at index.
"""
import logging
from datetime import timedelta

import peewee
from flask import current_app, request

from ..db import db
from ..idempotency import MUTATING
from ..idempotency_pruning import PruneSchedule
from .journal import prune_events

log = logging.getLogger(__name__)
schedule = PruneSchedule()


def _prune_quietly(keep):
    try:
        log.info("pruned %d events", prune_events(keep))
    except peewee.DatabaseError:  # a busy database: the next schedule tries again
        log.warning("pruning events failed", exc_info=True)
    finally:
        if not db.is_closed():
            db.close()


def _after_a_write(response):
    if request.method in MUTATING and response.status_code < 400 and schedule.due():
        keep = timedelta(hours=current_app.extensions["settings"].events_keep_hours)
        response.call_on_close(lambda: _prune_quietly(keep))
    return response


def init_app(app):
    """Prune after a write's response when due."""
    app.after_request(_after_a_write)
