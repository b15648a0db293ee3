"""One transaction per mutating request, and exactly-once replay by Idempotency-Key.

The key row is inserted at the start of the request's transaction and the response is
stored in it before commit, so a replay (or a racing twin on another worker, which waits
on the key row) gets the first response back and changes nothing. A key belongs to the
caller that sent it: the same key from another caller is another operation (idempotency_pruning
forgets old keys). A transaction that PostgreSQL aborts to break a deadlock kept nothing, so
the request runs again (RunAgain).
"""
import hashlib
import io
import json
import random
import time
from contextlib import ExitStack

import peewee
from flask import Response, g, request

from .audit import capture as audit
from .db import db
from .db.fields import UtcDateTimeField, utcnow
from .db.models import BaseModel
from .db.races import lost_a_race
from .db.sql import fetch, run_sql
from .errors import RETRY_KEY, Invalid, busy_response, error_response

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
KEY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


class IdempotencyKey(BaseModel):
    """A client operation id with the response it first produced."""

    # Whose key: "user:<id>", "token:<id>" for a token acting for nobody, "" for nobody.
    principal = peewee.CharField(max_length=40, default="")
    key = peewee.CharField(max_length=MAX_KEY_LENGTH)
    fingerprint = peewee.CharField(max_length=64)
    status = peewee.IntegerField(null=True)
    body = peewee.BlobField(null=True)
    content_type = peewee.CharField(max_length=100, null=True)
    location = peewee.CharField(max_length=500, null=True)
    created_at = UtcDateTimeField(default=utcnow, index=True)  # pruning reads it

    class Meta:
        primary_key = peewee.CompositeKey("principal", "key")
        audited = False  # machinery: the answer a replay gets


class _Rollback(Exception):
    """Passed into the transaction's exit to make it roll back."""


def read_only(view):
    """Mark a POST view that changes nothing, so it runs without a write transaction."""
    view.read_only = True
    return view


def replayed_without(*names):
    """Mark a view whose response holds a secret: the stored replay leaves out these fields of
    its JSON body, so a replay says what was made without showing the secret again."""
    def mark(view):
        view.replay_leaves_out = names
        return view
    return mark


def _replay_body(response):
    from flask import current_app
    names = getattr(current_app.view_functions.get(request.endpoint), "replay_leaves_out", ())
    if not names:
        return response.get_data()
    body = {k: v for k, v in response.get_json().items() if k not in names}
    return json.dumps(body).encode()


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


CLAIM_SQL = ("INSERT INTO idempotency_key (principal, key, fingerprint, created_at) "
             "VALUES (?, ?, ?, ?) ON CONFLICT (principal, key) DO NOTHING")
STORE_SQL = ("UPDATE idempotency_key SET status = ?, body = ?, content_type = ?, location = ? "
             "WHERE principal = ? AND key = ?")


def key_owner(principal):
    """Whose keys a caller's are: their user's, else their token's (a token acting for nobody)."""
    if principal is None:
        return ""
    if principal.user_id is not None:
        return f"user:{principal.user_id}"
    return f"token:{principal.token.id}"


def _replay_or_claim(owned_key, fingerprint):
    """Return the stored response for a used key, or claim the key in this transaction."""
    now = IdempotencyKey.created_at.db_value(utcnow())
    if run_sql(CLAIM_SQL, owned_key + (fingerprint, now)).rowcount == 1:
        return None
    row = fetch(IdempotencyKey, "principal = ? AND key = ?", owned_key)[0]
    if row.fingerprint != fingerprint:
        raise Invalid("This Idempotency-Key was already used for a different request.",
                      field=KEY_HEADER, code="idempotency_key_reused")
    return _stored_response(row)


def begin_request():
    """Open the request's write transaction; answer a replay straight from the stored row."""
    if not _needs_transaction():
        return None
    key = request.headers.get(KEY_HEADER)
    if key is not None and not (0 < len(key) <= MAX_KEY_LENGTH):
        return error_response(400, "bad_idempotency_key",
                              f"{KEY_HEADER} must be 1 to {MAX_KEY_LENGTH} characters.", KEY_HEADER)
    fingerprint = _fingerprint() if key else None
    stack = ExitStack()
    lock = getattr(db.obj, "writer_lock", None)
    if lock is not None:
        stack.enter_context(lock.held())
    stack.enter_context(db.atomic())
    g.write_txn = stack
    g.idempotency_key = (key_owner(g.get("principal")), key) if key else None
    if key:
        replay = _replay_or_claim(g.idempotency_key, fingerprint)
        if replay is not None:
            finish_request(replay)
            return replay
    return None


def finish_request(response):
    """Store the response under the key and commit, or roll back a failure."""
    stack = g.pop("write_txn", None)
    if stack is None:
        return response
    key = g.pop("idempotency_key", None)
    ok = response.status_code < 400 and "Idempotent-Replayed" not in response.headers
    if not ok:
        stack.__exit__(_Rollback, _Rollback(), None)
        return response
    try:
        audit.flush()  # the audit entries commit (or roll back) with the mutation
        if key:
            run_sql(STORE_SQL, (
                response.status_code, IdempotencyKey.body.db_value(_replay_body(response)),
                response.content_type, response.headers.get("Location")) + key)
        stack.close()
    except peewee.IntegrityError:
        stack.__exit__(_Rollback, _Rollback(), None)
        raise
    except peewee.OperationalError as error:  # a deadlock broken at the audit rows or the key
        stack.__exit__(_Rollback, _Rollback(), None)
        if not lost_a_race(error):
            raise
        return busy_response(request.environ)
    return response


def end_request(exc):
    """Roll back whatever a crash left open."""
    stack = g.pop("write_txn", None)
    if stack is not None:
        stack.__exit__(_Rollback, _Rollback(), None)


class RunAgain:
    """WSGI wrapper: a write whose transaction lost a deadlock (answered 503 "busy", nothing
    kept) runs again, up to ATTEMPTS times, after a short random pause; the client sees only
    the last answer. The body is kept to be read again; a body over the size limit goes
    straight through, for the app to refuse."""

    ATTEMPTS = 3

    def __init__(self, app, max_body):
        self.app = app
        self.max_body = max_body

    def __call__(self, environ, start_response):
        body = self._body(environ)
        if body is None:
            return self.app(environ, start_response)
        for attempt in range(1, self.ATTEMPTS + 1):
            attempt_environ = dict(environ, **{"wsgi.input": io.BytesIO(body)})
            started = []
            result = self.app(attempt_environ, lambda *args, started=started: started.append(args))
            if not attempt_environ.get(RETRY_KEY) or attempt == self.ATTEMPTS:
                start_response(*started[0])
                return result
            getattr(result, "close", lambda: None)()
            time.sleep(random.uniform(0, 0.02 * attempt))  # let the other transaction finish

    def _body(self, environ):
        if environ.get("REQUEST_METHOD") not in MUTATING or environ.get("HTTP_TRANSFER_ENCODING"):
            return None  # a chunked body has no length to check: it is read once, as it comes
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if not 0 <= length <= self.max_body:
            return None
        return environ["wsgi.input"].read(length) if length else b""


def init_app(app):
    """Wire the transaction hooks into the app, and the re-run of deadlock losers around it."""
    app.before_request(begin_request)
    app.after_request(finish_request)
    app.teardown_request(end_request)
    app.wsgi_app = RunAgain(app.wsgi_app, app.config["MAX_CONTENT_LENGTH"])
