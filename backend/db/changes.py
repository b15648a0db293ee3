"""Where every audited write reports the rows it changed: the recorder the app installs.

A table is audited unless its model's Meta says `audited = False` (the stock ledger, which is
its own record, figures derived from it, and machinery). Writes of audited tables go through
BaseModel's queries (models.py) or insert_row/update_row (sql.py), which report here;
run_sql refuses every other write of them, so none is left out without a word.
"""
from typing import Protocol

import peewee

from . import db


class Recorder(Protocol):
    """What the audit trail implements: rows are data dicts by field name."""

    def recording(self) -> bool:
        """True while changes are being collected (in a request)."""

    def inserted(self, model, key, row): ...

    def updated(self, model, key, before, after): ...

    def deleted(self, model, key, row): ...


class UnauditedWrite(RuntimeError):
    """A write of an audited table tried to go around the audited path."""


def install(recorder):
    """Report the bound database's audited writes to `recorder`."""
    db.obj.recorder = recorder


def audited(model):
    """True when writes of `model` belong in the audit trail; TypeError for an audited model
    whose rows have no single key to name them by."""
    meta = model._meta
    if "is_audited" not in meta.__dict__:  # cached per model
        meta.is_audited = getattr(meta, "audited", True)
        if meta.is_audited and isinstance(meta.primary_key, peewee.CompositeKey):
            raise TypeError(f"{model.__name__} has a composite key: declare audited = False")
    return meta.is_audited


def recorder_for(model):
    """The recorder to tell of a write of `model`, or None when none is to be told."""
    recorder = getattr(db.obj, "recorder", None)
    if recorder is None or not audited(model) or not recorder.recording():
        return None
    return recorder


def note_update(model, key, before, after):
    """Tell the recorder of a change made by hand to a table that is otherwise derived and
    unaudited (a stock level's thresholds): `before` and `after` are data dicts by field."""
    recorder = getattr(db.obj, "recorder", None)
    if recorder is not None and recorder.recording():
        recorder.updated(model, key, before, after)


def _models(base=peewee.Model):
    for model in base.__subclasses__():
        yield model
        yield from _models(model)


def table_audited(table):
    """True unless `table` is a model's table declared `audited = False` (an unknown table
    counts as audited: a raw write must not slip past for want of a model)."""
    for model in _models():
        if model._meta.table_name == table:
            return audited(model)
    return True
