"""Hand-written SQL for the hot paths, where building a peewee query costs more than running it.

run_sql runs any statement but refuses a write of an audited table: those go through
insert_row and update_row, which report what they changed as a model's queries do.
"""
import re

from . import db, is_sqlite
from .changes import UnauditedWrite, recorder_for, table_audited

# The table each INSERT/UPDATE/DELETE of a statement writes ("DO UPDATE SET" and
# "FOR UPDATE OF" are not writes of a table named SET or OF).
WRITES = re.compile(r'\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)'
                    r'\s+(?:"?\w+"?\.)?"?(\w+)', re.IGNORECASE)
NOT_TABLES = {"set", "of", "nowait", "skip"}

_placeholders = {}  # (sql, driver's placeholder): the text to run
_checked = {}  # the same, for statements run_sql has checked


def _driver_text(sql):
    return sql.replace("?", db.obj.param)


def _execute(sql, params):
    """Execute SQL with "?" placeholders (made the driver's on first use); the cursor."""
    key = (sql, db.obj.param)
    text = _placeholders.get(key)
    if text is None:
        text = _placeholders[key] = _driver_text(sql)
    return db.execute_sql(text, params)


def run_sql(sql, params=()):
    """Execute hand-written SQL ("?" placeholders); the cursor. UnauditedWrite when it writes
    an audited table (use insert_row, update_row or the model)."""
    key = (sql, db.obj.param)
    text = _checked.get(key)
    if text is None:  # a statement's tables never change: check its text once
        for table in WRITES.findall(sql):
            if table.lower() not in NOT_TABLES and table_audited(table):
                raise UnauditedWrite(f"Raw SQL may not write the audited table {table!r}: "
                                     "use insert_row, update_row or the model.")
        text = _checked[key] = _driver_text(sql)
    return db.execute_sql(text, params)


def columns(model):
    """The model's quoted column names in field order, comma-separated."""
    meta = model._meta
    if "column_list" not in meta.__dict__:  # cached per model
        meta.column_list = ", ".join(f'"{f.column_name}"' for f in meta.sorted_fields)
    return meta.column_list


def _select_of(model):
    meta = model._meta
    if "select_sql" not in meta.__dict__:  # cached per model
        meta.select_sql = f'SELECT {columns(model)} FROM "{meta.table_name}" WHERE '
    return meta.select_sql


# The row lock of every locking read on PostgreSQL. Not FOR UPDATE: that one also blocks the
# FOR KEY SHARE lock that a foreign-key check takes, so a receipt locking a product (for its
# moving-average cost) and a pick inserting a stock move of that product while holding the
# bin's balance deadlocked. We never change a key, so NO KEY UPDATE serialises the writers of
# a row and lets rows that merely reference it be written.
ROW_LOCK = "FOR NO KEY UPDATE"


def fetch(model, where, params=(), lock=False):
    """Instances of `model` that a hand-written WHERE ("?" placeholders) selects.

    The hot paths' reads: as cheap as run_sql, and they return ordinary model instances.
    `lock` adds ROW_LOCK on PostgreSQL (SQLite writers are serialised by the writer lock).
    """
    sql = _select_of(model) + where
    if lock and not is_sqlite():
        sql += " " + ROW_LOCK
    return [_instance(model, row) for row in _execute(sql, params)]


def row_data(model, row):
    """A row of columns(model), as a data dict by field name."""
    return {f.name: f.python_value(v) for f, v in zip(model._meta.sorted_fields, row)}


def _instance(model, row):
    instance = model(__no_default__=True)
    instance.__data__ = row_data(model, row)
    return instance


def _insert_sql(model, names):
    meta = model._meta
    cache = meta.__dict__.setdefault("insert_sql", {})
    if names not in cache:
        quoted = ", ".join(f'"{meta.fields[n].column_name}"' for n in names)
        cache[names] = (f'INSERT INTO "{meta.table_name}" ({quoted}) '
                        f'VALUES ({", ".join("?" * len(names))}) '
                        f'RETURNING "{meta.primary_key.column_name}"')
    return cache[names]


def insert_row(model, **values):
    """INSERT one row with cached hand-written SQL, field defaults filled in; its id.

    For the scan hot paths (a built peewee INSERT costs more than running it); the audit
    trail sees it as it sees model.create().
    """
    meta = model._meta
    data = dict(values)
    for field in meta.sorted_fields:
        if field.name not in data and field.default is not None and field is not meta.primary_key:
            data[field.name] = field.default() if callable(field.default) else field.default
    names = tuple(data)
    params = [meta.fields[n].db_value(data[n]) for n in names]
    key = _execute(_insert_sql(model, names), params).fetchone()[0]
    recorder = recorder_for(model)
    if recorder is not None:  # the row as a read would return it, without reading it
        stored = dict(zip(names, params), **{meta.primary_key.name: key})
        recorder.inserted(model, key, {f.name: f.python_value(stored.get(f.name))
                                       for f in meta.sorted_fields})
    return key


def update_row(model, key, assignments, params=(), condition=None, condition_params=(),
               current=None):
    """UPDATE the row `key` with a hand-written SET clause ("?" placeholders), only if the
    extra `condition` holds when one is given; the number of rows changed (0 or 1).

    The audit trail sees it as it sees model.update(): the row before is read first, unless
    the caller passes `current`, the instance it read in this transaction with the row locked.
    """
    meta = model._meta
    sql = (f'UPDATE "{meta.table_name}" SET {assignments} '
           f'WHERE "{meta.primary_key.column_name}" = ?')
    if condition:
        sql += f" AND ({condition})"
    args = (*params, key, *condition_params)
    recorder = recorder_for(model)
    if recorder is None:
        return _execute(sql, args).rowcount
    before = current.__data__ if current is not None else next(
        (i.__data__ for i in fetch(model, f'"{meta.primary_key.column_name}" = ?', (key,))), None)
    row = _execute(f"{sql} RETURNING {columns(model)}", args).fetchone()
    if row is None:
        return 0
    recorder.updated(model, key, before, row_data(model, row))
    return 1
