"""Exactly-once replay by Idempotency-Key: the stored keys and their answers.

The key row is claimed at the start of the request's transaction and the answer is stored
in it before commit (backend/request_life.py runs both), so a replay (or a racing twin on
another worker, which waits on the key row) gets the first answer back and changes nothing.
A key belongs to the caller that sent it: the same key from another caller is another
operation (idempotency_pruning forgets old keys).
"""
import hashlib
import json

import peewee
from flask import Response, request

from .db.fields import UtcDateTimeField, utcnow
from .db.models import BaseModel
from .db.sql import fetch, run_sql
from .errors import ApiError, Invalid

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


def owned_key(principal):
    """(owner, key) of the request's Idempotency-Key, or None without one. Raises ApiError (400)."""
    key = request.headers.get(KEY_HEADER)
    if key is None:
        return None
    if not 0 < len(key) <= MAX_KEY_LENGTH:
        raise ApiError(f"{KEY_HEADER} must be 1 to {MAX_KEY_LENGTH} characters.",
                       field=KEY_HEADER, code="bad_idempotency_key")
    return key_owner(principal), key


def replay_or_claim(owned_key):
    """The stored answer of a used key, or None once the key is claimed in this transaction.
    Raises Invalid (the key was used for another request)."""
    fingerprint = _fingerprint()
    now = IdempotencyKey.created_at.db_value(utcnow())
    if run_sql(CLAIM_SQL, owned_key + (fingerprint, now)).rowcount == 1:
        return None
    row = fetch(IdempotencyKey, "principal = ? AND key = ?", owned_key)[0]
    if row.fingerprint != fingerprint:
        raise Invalid("This Idempotency-Key was already used for a different request.",
                      field=KEY_HEADER, code="idempotency_key_reused")
    return _stored_response(row)


def store(owned_key, response, leaves_out=()):
    """Keep the answer under the key (in the request's transaction), without the secret
    fields `leaves_out` names."""
    run_sql(STORE_SQL, (
        response.status_code, IdempotencyKey.body.db_value(_replay_body(response, leaves_out)),
        response.content_type, response.headers.get("Location")) + owned_key)


def _replay_body(response, leaves_out):
    if not leaves_out:
        return response.get_data()
    body = {k: v for k, v in response.get_json().items() if k not in leaves_out}
    return json.dumps(body).encode()
