"""HTTP layer of events: what a client missed, for one that does not hold a socket open."""
from functools import partial

from ..api import Blueprint
from ..auth.actor import current_actor
from . import (
    journal,
    socket,  # noqa: F401  (registers the live.* Socket.IO events)
)
from .rooms import may_hear, rooms_of
from .schemas import EventArgs, EventPage

blp = Blueprint("events", __name__, url_prefix="/api/v1", description="Live events")


@blp.get("/events")
@blp.arguments(EventArgs, location="query")
@blp.response(200, EventPage)
def list_events(args):
    """The events after a cursor that the caller may hear (its user's, its warehouses', its
    documents'), oldest first; page on with ?after=next. Kept EVENTS_KEEP_HOURS."""
    actor = current_actor()
    rows, next_cursor = journal.since(args["after"], rooms_of(actor), args["limit"],
                                      documents=partial(may_hear, actor))
    return {"items": [journal.as_sent(row) for row in rows], "next": next_cursor}
