"""Old idempotency keys are forgotten after IDEMPOTENCY_KEEP_DAYS.

Off the hot path: a worker prunes once its response has gone (the WSGI server closes it),
on its first successful write and then at most hourly; one DELETE on the created_at index.
"""
import logging
import time
from datetime import timedelta

import peewee
from flask import current_app, request

from .db import db, writing
from .db.fields import utcnow
from .db.sql import run_sql
from .idempotency import MUTATING, IdempotencyKey

log = logging.getLogger(__name__)


class PruneSchedule:
    """When this worker next prunes: its first write, then hourly."""

    EVERY = 3600  # seconds

    def __init__(self):
        self.next_at = 0.0

    def due(self):
        """True (once) when pruning is due; the next is then an hour away."""
        now = time.monotonic()
        if now < self.next_at:
            return False
        self.next_at = now + self.EVERY
        return True


schedule = PruneSchedule()


def prune_keys(keep):
    """Forget the keys older than `keep` (a timedelta); returns how many."""
    cutoff = IdempotencyKey.created_at.db_value(utcnow() - keep)
    with writing():
        return run_sql("DELETE FROM idempotency_key WHERE created_at < ?", (cutoff,)).rowcount


def prune_after_writes(app, what, prune, keep, schedule=schedule):
    """After a successful write's response has gone, when `schedule` is due, run
    `prune(keep(settings))` (which returns how many it forgot); a busy database waits for the
    next turn. Idempotency keys and live events are pruned this way."""
    def prune_quietly(age):
        # Runs once the response has gone, with the request's connection already released.
        try:
            log.info("pruned %d %s", prune(age), what)
        except peewee.DatabaseError:  # a busy database: the next schedule tries again
            log.warning("pruning %s failed", what, exc_info=True)
        finally:
            if not db.is_closed():
                db.close()

    def after_a_write(response):
        if request.method in MUTATING and response.status_code < 400 and schedule.due():
            age = keep(current_app.extensions["settings"])
            response.call_on_close(lambda: prune_quietly(age))
        return response
    app.after_request(after_a_write)


def init_app(app):
    """Prune idempotency keys after a write's response when due."""
    prune_after_writes(app, "idempotency keys", prune_keys,
                       lambda settings: timedelta(days=settings.idempotency_keep_days))
