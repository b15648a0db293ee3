"""Collecting a request's changes and writing them as audit entries in the same transaction.

Covered: every INSERT/UPDATE/DELETE of an audited table during a request, through a model's
queries or the hot paths' insert_row/update_row (raw SQL may not write one: db/changes.py),
with the changed fields before and after. Not covered: writes outside a request (CLI, tests'
set-up), and models declared `audited = False`: stock moves are themselves the immutable log,
balances and levels are derived from them, the rest is machinery. Secrets are redacted.
"""
import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from flask import g, has_request_context, request

from ..db import changes, writing
from ..db.fields import utcnow
from ..db.sql import run_sql
from .models import AuditEntry

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


class RequestRecorder:
    """The db layer's recorder (db/changes.py): a request's changes, collected in `g`."""

    @staticmethod
    def recording():
        return _pending() is not None

    @staticmethod
    def inserted(model, key, row):
        _pending().append(Change(model._meta.table_name, None if key is None else str(key),
                                 None, _clean(row)))

    @staticmethod
    def updated(model, key, before, after):
        changed = [name for name in after if after[name] != before.get(name)]
        if changed and not set(changed) <= ONLY_TOUCHES:
            _pending().append(Change(model._meta.table_name, str(key),
                                     _clean({n: before.get(n) for n in changed}),
                                     _clean({n: after[n] for n in changed})))

    @staticmethod
    def deleted(model, key, row):
        _pending().append(Change(model._meta.table_name, str(key), _clean(row), None))


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
    """Record the bound database's writes; echo the request id on every response."""
    changes.install(RequestRecorder())
    app.after_request(_add_request_id)
