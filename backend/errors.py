"""The API's error classes and the one handler that turns every failure into the error shape."""
import logging
import re

import peewee
from flask import jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class ApiError(Exception):
    """A failure the client can act on; `status` and `code` pick the response."""

    status = 400
    code = "bad_request"

    def __init__(self, message, field=None, code=None, status=None, extra=None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code or self.code
        self.status = status or self.status
        self.extra = extra or {}


class Invalid(ApiError):
    """The request is well formed but its content breaks a rule (422)."""

    status = 422
    code = "invalid"


class NotFound(ApiError):
    """The thing named does not exist (404)."""

    status = 404
    code = "not_found"


class Forbidden(ApiError):
    """The caller may not do this (403)."""

    status = 403
    code = "forbidden"


class Unauthorized(ApiError):
    """The caller is not signed in (401)."""

    status = 401
    code = "unauthorized"


class Conflict(ApiError):
    """The request clashes with the current state, e.g. not enough stock (409)."""

    status = 409
    code = "conflict"


def from_body(field, find, *args):
    """`find(*args)` for an id the request body names at `field` (`lines.0.product_id`): an
    unknown one is 422 `unknown_<kind>` naming the field, not the 404 of an id in the path, and
    any other refusal of it names the field too (README, "Errors")."""
    try:
        return find(*args)
    except NotFound as missing:
        kind = (missing.field or "id").removesuffix("_id")
        raise Invalid(missing.message, field=field, code=f"unknown_{kind}") from None
    except Invalid as wrong:
        raise Invalid(wrong.message, field=field, code=wrong.code, extra=wrong.extra) from None


def error_response(status, code, message, field=None, extra=None):
    """Build the one JSON error body: {"error": {"code", "message", "field"}}."""
    body = {"code": code, "message": message}
    if field:
        body["field"] = field
    if extra:
        body.update(extra)
    response = jsonify({"error": body})
    response.status_code = status
    return response


def _first_validation_error(messages, prefix=""):
    """Flatten webargs/marshmallow messages to (field path, message) of the first problem."""
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key in ("json", "query", "form", "files", "headers", "view_args"):
                return _first_validation_error(value, prefix)
            path = f"{prefix}.{key}" if prefix else str(key)
            return _first_validation_error(value, path)
    if isinstance(messages, list) and messages:
        if all(isinstance(m, str) for m in messages):
            return prefix or None, " ".join(messages)
        return _first_validation_error(messages[0], prefix)
    return prefix or None, str(messages)


def handle_http_exception(error):
    """werkzeug's HTTP errors, including webargs validation failures, in the error shape."""
    data = getattr(error, "data", None) or {}
    messages = data.get("messages") or data.get("errors")
    if messages:
        field, message = _first_validation_error(messages)
        status = error.code if error.code and error.code < 500 else 422
        code = "bad_json" if status == 400 else "invalid"
        return error_response(status, code, message, field,
                              {"details": messages} if isinstance(messages, dict) else None)
    code = (error.name or "error").lower().replace(" ", "_")
    return error_response(error.code or 500, code, data.get("message") or error.description)


def handle_api_error(error):
    """Our own ApiError subclasses (a subclass may name headers to send, e.g. Retry-After)."""
    response = error_response(error.status, error.code, error.message, error.field, error.extra)
    response.headers.update(getattr(error, "headers", {}))
    return response


SQLITE_CLASH = re.compile(r"(?P<kind>UNIQUE|NOT NULL) constraint failed: (?P<columns>[\w.\s,]+)")
PG_KEY = re.compile(r"Key \((?P<columns>[^)]*)\)=")
PG_KINDS = {"23505": "UNIQUE", "23503": "FOREIGN KEY", "23502": "NOT NULL"}


def _clash_of(error):
    """(kind, table, columns) of an IntegrityError, as far as the database says."""
    original = getattr(error, "orig", None)
    diag = getattr(original, "diag", None)
    if diag is not None:  # PostgreSQL: the constraint's table, and the key in the detail
        key = PG_KEY.search(diag.message_detail or "")
        columns = key["columns"].split(",") if key else [diag.column_name or ""]
        return PG_KINDS.get(original.pgcode), diag.table_name, [c.strip() for c in columns]
    match = SQLITE_CLASH.search(str(error))  # SQLite: "UNIQUE constraint failed: t.a, t.b"
    if match is None:
        return None, None, []
    pairs = [c.strip().partition(".") for c in match["columns"].split(",")]
    return match["kind"], pairs[0][0], [column for _table, _dot, column in pairs]


def handle_integrity_error(error):
    """A uniqueness or reference race lost at the database: a conflict naming the field, not a
    crash. Of a key over several columns, the last names the field (the others scope it)."""
    log.info("integrity error: %s", error)
    kind, table, columns = _clash_of(error)
    columns = [c for c in columns if c]
    field = columns[-1] if columns else None
    if kind == "UNIQUE" and field:
        thing = (table or "record").replace("_", " ")
        message = f"Another {thing} already has this {' and '.join(columns)}."
    elif kind == "FOREIGN KEY" and field:
        message = f"{field} names a record that does not exist (or no longer does)."
    elif kind == "NOT NULL" and field:
        message = f"{field} is required."
    else:
        message = "The change clashes with existing data (a duplicate or a missing reference)."
    return error_response(409, "conflict", message, field)


def handle_out_of_range(error):
    """A number too large for the database's integers (SQLite and PostgreSQL stop at 2**63-1)."""
    log.info("number out of range: %s", error)
    return error_response(422, "out_of_range", "A number in the request (an id, a count or a "
                          "cursor) is too large: numbers stop at 9223372036854775807.")


def handle_unexpected(error):
    """Anything else: logged in full, reported without a stack trace."""
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    log.exception("unhandled error")
    return error_response(500, "internal_error", "Something went wrong on the server.")


def init_app(app):
    """Register the handlers; called after flask-smorest so ours win."""
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(peewee.IntegrityError, handle_integrity_error)
    app.register_error_handler(OverflowError, handle_out_of_range)  # sqlite3, before running
    app.register_error_handler(peewee.DataError, handle_out_of_range)  # PostgreSQL
    app.register_error_handler(Exception, handle_unexpected)
