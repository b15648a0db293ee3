"""Collecting a request's changes and writing them as audit entries in the same transaction.

Covered: every INSERT/UPDATE/DELETE a model runs through peewee during a request (create,
save, delete_instance, Model.update/insert/insert_many/delete queries), with the changed
fields before and after. Not covered: raw SQL, writes outside a request (CLI, tests'
set-up), and the tables in NOT_AUDITED: stock moves are themselves the immutable log,
balances and levels are derived from them, the rest is machinery. Secrets are redacted.
"""
import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

import peewee
from flask import g, has_request_context, request

from .. import db as database
from ..db import fetch, run_sql, utcnow, writing
from .models import AuditEntry

NOT_AUDITED = {"stock_move", "stock_balance", "stock_level", "idempotency_key", "audit_entry",
               "challenge", "schema_version"}
REDACTED = {"id_hash", "token_hash", "csrf_token", "public_key", "challenge"}
ONLY_TOUCHES = {"last_seen_at", "last_used_at"}  # a change of only these is bookkeeping, not an action


@dataclass
class Change:
    """One changed record: its table, id and the changed fields before and after."""

    table: str
    target_id: str | None
    before: dict | None
    after: dict | None


def _jsonable(name, value):
    if name in REDACTED:
        return "[redacted]"
    if isinstance(value, Decimal):
        return str(value.normalize() + Decimal(0))
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return "[bytes]"
    return value


def _clean(row):
    return {k: _jsonable(k, v) for k, v in row.items()} if row is not None else None


def _pending():
    if not has_request_context():
        return None
    if "audit_changes" not in g:
        g.audit_changes = []
    return g.audit_changes


def _row_by_key(model, key):
    found = fetch(model, f'"{model._meta.primary_key.column_name}" = ?', (key,))
    return {key: found[0].__data__} if found else {}


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


def _rows(model, where):
    # Most writes name one row by its key: read that row with cached SQL rather than a built
    # query. With more conditions it may be a row the write leaves alone: then nothing changed.
    key = _key_of(model, where)
    if key is not None:
        return _row_by_key(model, key)
    pk = model._meta.primary_key
    query = model.select() if where is None else model.select().where(where)
    return {row[pk.name]: row for row in query.dicts()}


def _observe_update(query, run, changes):
    model, pk = query.model, query.model._meta.primary_key
    before = _rows(model, query._where)
    result = run()
    keys = list(before)
    after = (_rows(model, pk == keys[0]) if len(keys) == 1
             else _rows(model, pk.in_(keys)) if keys else {})
    _note_updates(model, before, after, changes)
    return result


def _note_updates(model, before, after, changes):
    for key, old in before.items():
        new = after.get(key, {})
        changed = [name for name in new if new[name] != old.get(name)]
        if changed and not set(changed) <= ONLY_TOUCHES:
            changes.append(Change(model._meta.table_name, str(key),
                                  _clean({n: old.get(n) for n in changed}),
                                  _clean({n: new[n] for n in changed})))


def _observe_insert(query, run, changes):
    model = query.model
    result = run()
    data = query._insert
    if isinstance(data, dict) and query._on_conflict is None and isinstance(result, int):
        row = _row_by_key(model, result).get(result)
        changes.append(Change(model._meta.table_name, str(result), None, _clean(row)))
    elif isinstance(data, (dict, list, tuple)):
        for item in [data] if isinstance(data, dict) else data:
            if isinstance(item, dict):
                row = {getattr(k, "name", k): v for k, v in item.items()}
                changes.append(Change(model._meta.table_name, None, None, _clean(row)))
    return result


def _observe_delete(query, run, changes):
    model = query.model
    before = _rows(model, query._where)
    result = run()
    # A keyed read may hold a row the other conditions spared: then nothing was deleted.
    for key, old in before.items() if result else ():
        changes.append(Change(model._meta.table_name, str(key), _clean(old), None))
    return result


def observe(query, run):
    """db.write_observer: run a write query, noting what it changed in the request's list."""
    changes = _pending()
    model = getattr(query, "model", None)
    if (changes is None or model is None or model._meta.table_name in NOT_AUDITED
            or isinstance(model._meta.primary_key, peewee.CompositeKey)):
        return run()
    if isinstance(query, peewee.ModelUpdate):
        return _observe_update(query, run, changes)
    if isinstance(query, peewee.ModelInsert):
        return _observe_insert(query, run, changes)
    if isinstance(query, peewee.ModelDelete):
        return _observe_delete(query, run, changes)
    return run()


class RowAudit:
    """db.row_observer: insert_row and update_row report the rows they changed here."""

    @staticmethod
    def watching(model):
        return model._meta.table_name not in NOT_AUDITED and _pending() is not None

    @staticmethod
    def note(model, key, before, after):
        changes = _pending()
        if before is None:
            changes.append(Change(model._meta.table_name, str(key), None, _clean(after)))
        else:
            _note_updates(model, {key: before}, {key: after}, changes)


def request_id():
    """The request's id: the client's X-Request-Id, or one made here."""
    if "request_id" not in g:
        sent = (request.headers.get("X-Request-Id") or "")[:64]
        g.request_id = sent if sent.isprintable() and sent else uuid.uuid4().hex
    return g.request_id


def flush(user_id=None):
    """Write the request's collected changes as audit entries (call inside its transaction)."""
    if not has_request_context():
        return
    changes = g.pop("audit_changes", None) or [Change(None, None, None, None)]
    actor, principal = g.get("actor"), g.get("principal")
    token = principal.token if principal is not None else None
    base = (AuditEntry.at.db_value(utcnow()), user_id or (actor.user_id if actor else None),
            token.id if token is not None else None, actor.device if actor else None,
            request.endpoint or "", request.method, request.path[:300], request_id())
    # Up to ROWS_PER_INSERT entries per INSERT: plain SQL, as for every write in a scan.
    for start in range(0, len(changes), ROWS_PER_INSERT):
        chunk = changes[start:start + ROWS_PER_INSERT]
        run_sql(_insert_sql(len(chunk)), [value for c in chunk for value in base + (
            c.table, c.target_id, _dumps(c.before), _dumps(c.after))])


INSERT_SQL = ("INSERT INTO audit_entry (at, user_id, token_id, device, action, method, path, "
              "request_id, target_type, target_id, before, after) VALUES ")
ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
ROWS_PER_INSERT = 50  # 600 parameters, far below either database's limit


@lru_cache(maxsize=64)
def _insert_sql(rows):
    return INSERT_SQL + ", ".join([ROW] * rows)


def _dumps(value):
    return None if value is None else json.dumps(value, sort_keys=True, default=str)


@contextmanager
def recorded(user_id=None):
    """A write transaction whose changes are audited in it (for views with own transactions)."""
    with writing():
        yield
        flush(user_id)


def _add_request_id(response):
    if has_request_context():
        response.headers["X-Request-Id"] = request_id()
    return response


def init_app(app):
    """Watch model writes; echo the request id on every response."""
    database.write_observer = observe
    database.row_observer = RowAudit()
    app.after_request(_add_request_id)
