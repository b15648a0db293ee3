"""The database: one peewee proxy the models use, bound to a real database per app.

Its parts: fields.py (column types), url.py (opening a database from its URL),
writer_lock.py (SQLite's writer queue), models.py (BaseModel, whose writes are audited),
sql.py (hand-written SQL for the hot paths), changes.py (where audited writes report),
races.py (telling a lost PostgreSQL race from a real error).
"""
from contextlib import contextmanager

import peewee

db = peewee.DatabaseProxy()


def is_sqlite():
    """True when the bound database is SQLite."""
    return isinstance(db.obj, peewee.SqliteDatabase)


@contextmanager
def writing():
    """One all-or-nothing write transaction; on SQLite the writer lock is taken first."""
    if db.in_transaction():
        # Inside a request's (or caller's) transaction: a failure rolls the whole of it back,
        # so a savepoint per service call would only cost time.
        yield
        return
    lock = getattr(db.obj, "writer_lock", None)
    if lock is None:
        with db.atomic():
            yield
        return
    with lock.held():
        with db.atomic():
            yield
