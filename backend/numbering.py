"""Readable document numbers per type, e.g. "PO-000123"."""
import peewee


def next_number(prefix, model):
    """The next number for a document type; call inside the write transaction that creates it."""
    last = model.select(peewee.fn.MAX(model.id)).scalar() or 0
    return f"{prefix}-{last + 1:06d}"
