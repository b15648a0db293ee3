"""BaseModel, the base of every table: its INSERT, UPDATE and DELETE queries report the rows
they change to the recorder (changes.py), however they are built (create, save,
delete_instance, Model.update/insert/insert_many/delete)."""
import operator
from functools import reduce

import peewee

from . import db
from .changes import UnauditedWrite, recorder_for
from .sql import fetch


def _key_of(model, where):
    """The primary key value a WHERE of the form `pk == value [AND ...]` names, else None."""
    if not isinstance(where, peewee.Expression):
        return None
    if where.op == peewee.OP.AND:
        key = _key_of(model, where.lhs)
        return key if key is not None else _key_of(model, where.rhs)
    if (where.op == peewee.OP.EQ and where.lhs is model._meta.primary_key
            and isinstance(where.rhs, int) and not isinstance(where.rhs, bool)):
        return where.rhs
    return None


def _rows_by_key(model, keys):
    pk = model._meta.primary_key
    if len(keys) == 1:  # the common case: cached hand-written SQL, not a built query
        found = fetch(model, f'"{pk.column_name}" = ?', (keys[0],))
        return {keys[0]: found[0].__data__} if found else {}
    return {row[pk.name]: row for row in model.select().where(pk.in_(keys)).dicts()} if keys else {}


def _rows(model, where):
    """The rows a write's WHERE names, by key, as data dicts.

    Most writes name one row by its key: with more conditions it may be a row the write
    leaves alone, and the write's own result then says nothing changed.
    """
    key = _key_of(model, where)
    if key is not None:
        return _rows_by_key(model, [key])
    pk = model._meta.primary_key
    query = model.select() if where is None else model.select().where(where)
    return {row[pk.name]: row for row in query.dicts()}


class _Conditions:
    """Keeps the WHERE it is given, to read the rows a write is about to change."""

    condition = None

    def where(self, *expressions):
        query = super().where(*expressions)
        query.condition = reduce(operator.and_, (self.condition, *expressions)
                                 if self.condition is not None else expressions)
        return query

    def orwhere(self, *expressions):
        query = super().orwhere(*expressions)
        query.condition = reduce(operator.or_, (self.condition, *expressions)
                                 if self.condition is not None else expressions)
        return query


class AuditedUpdate(_Conditions, peewee.ModelUpdate):
    """An UPDATE that reports each row's fields before and after."""

    def execute(self, database=None):
        recorder = recorder_for(self.model)
        if recorder is None:
            return super().execute(database)
        before = _rows(self.model, self.condition)
        result = super().execute(database)
        after = _rows_by_key(self.model, list(before))
        for key, row in before.items():
            recorder.updated(self.model, key, row, after.get(key, {}))
        return result


class AuditedDelete(_Conditions, peewee.ModelDelete):
    """A DELETE that reports each row it removed."""

    def execute(self, database=None):
        recorder = recorder_for(self.model)
        if recorder is None:
            return super().execute(database)
        before = _rows(self.model, self.condition)
        result = super().execute(database)
        for key, row in before.items() if result else ():
            recorder.deleted(self.model, key, row)
        return result


class AuditedInsert(peewee.ModelInsert):
    """An INSERT that reports the rows it adds: read back by key when it adds one row of a
    dict, else as given (an upsert may have changed another row instead)."""

    upsert = False

    def __init__(self, model, insert=None, columns=None, **kwargs):
        super().__init__(model, insert=insert, columns=columns, **kwargs)
        self.given, self.given_columns = insert, columns

    def on_conflict(self, *args, **kwargs):
        query = super().on_conflict(*args, **kwargs)
        query.upsert = bool(args or kwargs)
        return query

    def on_conflict_ignore(self, ignore=True):
        query = super().on_conflict_ignore(ignore)
        query.upsert = ignore
        return query

    def on_conflict_replace(self, replace=True):
        query = super().on_conflict_replace(replace)
        query.upsert = replace
        return query

    def execute(self, database=None):
        recorder = recorder_for(self.model)
        if recorder is not None and not isinstance(self.given, (dict, list, tuple)):
            raise UnauditedWrite(f"Rows inserted into {self.model._meta.table_name} from a "
                                 "query or an iterator cannot be recorded: pass a list.")
        result = super().execute(database)
        if recorder is None:
            return result
        if isinstance(self.given, dict) and not self.upsert and isinstance(result, int):
            recorder.inserted(self.model, result, _rows_by_key(self.model, [result]).get(result))
            return result
        for item in [self.given] if isinstance(self.given, dict) else self.given:
            if not isinstance(item, dict):
                item = dict(zip(self.given_columns or (), item))
            recorder.inserted(self.model, None, {getattr(k, "name", k): v for k, v in item.items()})
        return result


class BaseModel(peewee.Model):
    """Base of every table; create/save/delete_instance and update/insert/delete queries are
    all built from the three audited queries (raw SQL goes through sql.py)."""

    class Meta:
        database = db
        legacy_table_names = False

    @classmethod
    def update(cls, __data=None, **update):
        return AuditedUpdate(cls, cls._normalize_data(__data, update))

    @classmethod
    def insert(cls, __data=None, **insert):
        return AuditedInsert(cls, cls._normalize_data(__data, insert))

    @classmethod
    def insert_many(cls, rows, fields=None):
        return AuditedInsert(cls, insert=rows, columns=fields)

    @classmethod
    def insert_from(cls, query, fields):
        columns = [getattr(cls, f) if isinstance(f, str) else f for f in fields]
        return AuditedInsert(cls, insert=query, columns=columns)

    @classmethod
    def delete(cls):
        return AuditedDelete(cls)
