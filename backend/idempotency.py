"""One transaction per mutating request, and exactly-once replay by Idempotency-Key.

The key row is inserted first in the request's transaction and the response is stored in
it before commit, so a replay (or a racing twin on another worker, which waits on the key
row) gets the first response back and changes nothing. On SQLite the transaction, with the
writer lock, begins at the request's first write or locking read (db.defer_begin).
"""
import hashlib
from contextlib import ExitStack

import peewee
from flask import Response, g, request

from .audit import capture as audit
from .db import BaseModel, UtcDateTimeField, db, fetch, run_sql, utcnow
from .errors import Invalid, error_response

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
KEY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


class IdempotencyKey(BaseModel):
    """A client operation id with the response it first produced."""

    key = peewee.CharField(max_length=MAX_KEY_LENGTH, primary_key=True)
    fingerprint = peewee.CharField(max_length=64)
    status = peewee.IntegerField(null=True)
    body = peewee.BlobField(null=True)
    content_type = peewee.CharField(max_length=100, null=True)
    location = peewee.CharField(max_length=500, null=True)
    created_at = UtcDateTimeField(default=utcnow)


class _Rollback(Exception):
    """Passed into the transaction's exit to make it roll back."""


def read_only(view):
    """Mark a POST view that changes nothing, so it runs without a write transaction."""
    view.read_only = True
    return view


def _fingerprint():
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(request.path.encode())
    digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def _stored_response(row):
    response = Response(bytes(row.body or b""), status=row.status, content_type=row.content_type)
    if row.location:
        response.headers["Location"] = row.location
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _needs_transaction():
    if request.method not in MUTATING or not request.path.startswith("/api/"):
        return False
    from flask import current_app
    view = current_app.view_functions.get(request.endpoint)
    return view is not None and not getattr(view, "read_only", False)


CLAIM_SQL = ("INSERT INTO idempotency_key (key, fingerprint, created_at) VALUES (?, ?, ?) "
             "ON CONFLICT (key) DO NOTHING")
STORE_SQL = ("UPDATE idempotency_key SET status = ?, body = ?, content_type = ?, location = ? "
             "WHERE key = ?")


class Replayed(Exception):
    """The key was already used: answer with the first response (`response`)."""

    def __init__(self, response):
        super().__init__("replayed")
        self.response = response


def _claim(key, fingerprint):
    """Claim the key in this transaction; Replayed when it was used, Invalid if for another body."""
    now = IdempotencyKey.created_at.db_value(utcnow())
    if run_sql(CLAIM_SQL, (key, fingerprint, now)).rowcount == 1:
        return
    row = fetch(IdempotencyKey, "key = ?", (key,))[0]
    if row.fingerprint != fingerprint:
        raise Invalid("This Idempotency-Key was already used for a different request.",
                      field=KEY_HEADER, code="idempotency_key_reused")
    raise Replayed(_stored_response(row))


def _begin():
    """Take the writer lock (SQLite), begin the request's transaction and claim its key."""
    stack = ExitStack()
    lock = getattr(db.obj, "writer_lock", None)
    if lock is not None:
        stack.enter_context(lock.held())
    stack.enter_context(db.atomic())
    g.write_txn = stack
    if g.idempotency_key:
        _claim(g.idempotency_key, g.fingerprint)


def begin_request():
    """Arrange the request's write transaction; on SQLite it begins at the first write or
    locking read (db.defer_begin), on PostgreSQL now."""
    if not _needs_transaction():
        return None
    key = request.headers.get(KEY_HEADER)
    if key is not None and not (0 < len(key) <= MAX_KEY_LENGTH):
        return error_response(400, "bad_idempotency_key",
                              f"{KEY_HEADER} must be 1 to {MAX_KEY_LENGTH} characters.", KEY_HEADER)
    g.idempotency_key, g.fingerprint = key, (_fingerprint() if key else None)
    defer = getattr(db.obj, "defer_begin", None)
    if defer is not None:
        defer(_begin)
        return None
    try:
        _begin()
    except Replayed as replay:
        return finish_request(replay.response)
    return None


def _rollback():
    stack = g.pop("write_txn", None)
    if stack is not None:
        stack.__exit__(_Rollback, _Rollback(), None)


def finish_request(response):
    """Store the response under the key and commit, or roll back a failure."""
    if "idempotency_key" not in g:
        return response
    key = g.pop("idempotency_key")
    ok = response.status_code < 400 and "Idempotent-Replayed" not in response.headers
    if not ok:
        _cancel_deferred()
        _rollback()
        return response
    try:
        begin = getattr(db.obj, "begin_deferred", None)
        if begin is not None:
            begin()  # a request that wrote nothing still records its key and audit entry
        audit.flush()  # the audit entries commit (or roll back) with the mutation
        if key:
            run_sql(STORE_SQL, (
                response.status_code, IdempotencyKey.body.db_value(response.get_data()),
                response.content_type, response.headers.get("Location"), key))
        g.pop("write_txn").close()
    except Replayed as replay:  # a twin committed between this request's start and end
        _rollback()
        return replay.response
    except peewee.IntegrityError:
        _rollback()
        raise
    return response


def _cancel_deferred():
    cancel = getattr(db.obj, "cancel_begin", None)
    if cancel is not None:
        cancel()


def end_request(exc):
    """Roll back whatever a crash left open, and drop a begin that never happened."""
    _cancel_deferred()
    _rollback()


def init_app(app):
    """Wire the transaction hooks into the app."""
    app.before_request(begin_request)
    app.after_request(finish_request)
    app.teardown_request(end_request)
    app.register_error_handler(Replayed, lambda replay: replay.response)
