"""Version 15: bins (and the other locations) can be deactivated; every existing one is active."""
from ..db import is_sqlite

VERSION = 15


def up(db):
    """Add location.active, true for every existing location."""
    # Plain DDL, as in version 4; the column type is the one peewee gives a BooleanField.
    kind = "INTEGER NOT NULL DEFAULT 1" if is_sqlite() else "BOOLEAN NOT NULL DEFAULT TRUE"
    db.execute_sql(f"ALTER TABLE location ADD COLUMN active {kind}")
