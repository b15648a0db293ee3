"""Old events are forgotten after EVENTS_KEEP_HOURS: a client away longer reloads its screens.

As idempotency keys are (idempotency_pruning.prune_after_writes): a worker prunes once a
write's response has gone, on its first successful write and then at most hourly; one DELETE
on the created_at index.
"""
from datetime import timedelta

from ..idempotency_pruning import PruneSchedule, prune_after_writes
from .journal import prune_events

schedule = PruneSchedule()


def init_app(app):
    """Prune after a write's response when due."""
    prune_after_writes(app, "events", prune_events,
                       lambda settings: timedelta(hours=settings.events_keep_hours), schedule)
