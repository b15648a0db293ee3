"""Version 11: the event journal (live updates' cursors and catch-up)."""

VERSION = 11


def up(db):
    """Create event."""
    from ..events.models import Event
    db.create_tables([Event])
