"""Version 4: seeing every warehouse's stock figures is a grant given to a user, off by default."""
from ..db import is_sqlite

VERSION = 4


def up(db):
    """Add user.sees_all_stock, false for every existing user."""
    # Plain DDL, as in version 2; the column type is the one peewee gives a BooleanField.
    kind = "INTEGER NOT NULL DEFAULT 0" if is_sqlite() else "BOOLEAN NOT NULL DEFAULT FALSE"
    db.execute_sql(f'ALTER TABLE "user" ADD COLUMN sees_all_stock {kind}')
