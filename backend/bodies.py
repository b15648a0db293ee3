"""A write's body is read whole, within a size and a time limit, before the app sees it.

The app takes the SQLite writer lock and opens the transaction before a view reads its body
(backend/request_life.py); a client trickling a chunked body would otherwise hold both for as
long as it liked. Read here first, a slow body costs only its own connection: 408 and closed.
"""
import io
import json
import socket

from .concurrency import time_limit
from .web.headers import STATIC_HEADERS

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
CHUNK = 64 * 1024


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


class _Incomplete(Exception):
    pass


def _read(environ, max_bytes):
    """The body's bytes: to the end of a chunked body, or exactly Content-Length of them."""
    stream = environ["wsgi.input"]
    if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
        parts, size = [], 0
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise _TooLarge
            parts.append(chunk)
        return b"".join(parts)
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:  # servers refuse these first; a bare WSGI server might not
        raise _Incomplete from None
    if length > max_bytes:
        raise _TooLarge
    parts, size = [], 0
    while size < length:
        chunk = stream.read(min(CHUNK, length - size))
        if not chunk:
            raise _Incomplete
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def _refuse(start_response, status, code, message):
    body = json.dumps({"error": {"code": code, "message": message, "field": "body"}}).encode()
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(body))), ("Connection", "close"),
                            *STATIC_HEADERS.items()])
    return [body]


def _stop_reading(environ):
    """Let the server close a slow client's connection after the answer: once the app has
    answered, gevent's server reads the rest of the body to reach the next request, and
    would wait on this client again. A socket shut for reading reads as ended."""
    sock = environ.get("gunicorn.sock")
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RD)
        except OSError:  # already gone
            pass


class WholeBody:
    """WSGI wrapper: a POST, PUT, PATCH or DELETE reaches the app with its body in memory (and
    a Content-Length), or is answered 413 (too large), 408 (too slow) or 400 (cut short)."""

    def __init__(self, app, max_bytes, seconds, larger_under=None):
        self.app = app
        self.max_bytes = max_bytes
        self.seconds = seconds
        self.larger_under = larger_under or {}  # path prefix -> its own larger limit

    def _limit(self, environ):
        path = environ.get("PATH_INFO", "")
        return next((limit for prefix, limit in self.larger_under.items()
                     if path.startswith(prefix)), self.max_bytes)

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") not in MUTATING:
            return self.app(environ, start_response)
        limit = self._limit(environ)
        try:
            with time_limit(self.seconds, _TooSlow):
                body = _read(environ, limit)
        except _TooLarge:
            return _refuse(start_response, "413 Request Entity Too Large",
                           "request_entity_too_large",
                           f"The body is larger than {limit} bytes.")
        except _TooSlow:
            _stop_reading(environ)
            return _refuse(start_response, "408 Request Timeout", "request_timeout",
                           f"The body did not arrive within {self.seconds} seconds.")
        except _Incomplete:
            return _refuse(start_response, "400 Bad Request", "incomplete_body",
                           "The body does not match its Content-Length.")
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        environ.pop("wsgi.input_terminated", None)
        return self.app(environ, start_response)


def init_app(app, settings):
    """Wrap the app: bodies up to the largest limit any route allows (an image upload's), read
    within BODY_SECONDS; each route's own limit is checked by Flask afterwards. Import files
    (/api/v1/imports/) have a larger limit of their own."""
    largest = max(settings.max_body_bytes, settings.max_image_bytes)
    imports = {"/api/v1/imports/": max(largest, settings.max_import_bytes)}
    app.wsgi_app = WholeBody(app.wsgi_app, largest, settings.body_seconds, imports)
