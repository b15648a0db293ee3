"""Readable document numbers per type, e.g. "PO-000123"."""
import peewee

from .db import is_sqlite
from .db.sql import run_sql


def next_number(prefix, model):
    """The next number for a document type; call inside the write transaction that creates it.

    On PostgreSQL, creators of one document type queue on a lock held until their commit:
    two orders created at once would otherwise both read the same last number, and one would
    fail on the unique number. (SQLite's writers are serialised already.)
    """
    if not is_sqlite():
        run_sql("SELECT pg_advisory_xact_lock(hashtext(?))", (f"number:{prefix}",))
    last = model.select(peewee.fn.MAX(model.id)).scalar() or 0
    return f"{prefix}-{last + 1:06d}"
