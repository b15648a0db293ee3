"""A client that trickles its body holds only its own connection, never the writer lock: the
body is read whole, within a time limit, before any lock or transaction (issue 14, finding 2).

Through the real server (gunicorn, gevent workers), with a raw socket as the slow client: the
read-only path of the issue, PATCH /auth/passkeys/1 by a warehouse user, one byte, then nothing.
"""
import socket
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
import requests

from tests.conftest import auth_headers, serve

pytestmark = pytest.mark.slow


@contextmanager
def trickler(url, token):
    """A connection that sent a chunked PATCH's headers and one byte of its body, then waits."""
    address = urlparse(url)
    conn = socket.create_connection((address.hostname, address.port), timeout=120)
    conn.sendall((f"PATCH /api/v1/auth/passkeys/1 HTTP/1.1\r\nHost: {address.netloc}\r\n"
                  f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n"
                  ).encode())
    try:
        yield conn
    finally:
        conn.close()


def test_a_write_completes_while_another_client_trickles_its_body(app, api, database_url):
    token = app.extensions["test_tokens"]["picker"]
    # One gevent worker: requests are served in the order their connections came, so once a
    # later connection is answered, the trickler's request has reached the app (and, before
    # the fix, taken the writer lock and waited there for its body). No Idempotency-Key: the
    # key's fingerprint read the body before the lock, and the request had none.
    with serve(database_url, WEB_WORKERS="1", BODY_SECONDS="600") as url:
        with trickler(url, token) as slow:
            requests.get(url + "/healthz", timeout=30)
            written = requests.post(url + "/api/v1/warehouses", timeout=60, json={
                "code": "W-FAST", "name": "Written meanwhile"}, headers=dict(
                    auth_headers(app, "admin"), **{"Idempotency-Key": "fast"}))
            slow.setblocking(False)
            with pytest.raises(BlockingIOError):  # not answered: still holding its connection
                slow.recv(1)
    assert written.status_code == 201, written.text


def answer_of(conn):
    """Everything the server sends until it closes the connection: (head, body)."""
    answer = b""
    while chunk := conn.recv(4096):
        answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return head, body


def test_a_body_that_does_not_arrive_in_time_is_408_and_one_too_large_413(
        app, api, database_url):
    token = app.extensions["test_tokens"]["picker"]
    limits = {"BODY_SECONDS": "1", "MAX_BODY_BYTES": "1000", "MAX_IMAGE_BYTES": "1000"}
    with serve(database_url, WEB_WORKERS="1", **limits) as url:
        with trickler(url, token) as slow:
            head, body = answer_of(slow)  # the server closes the connection
        assert head.startswith(b"HTTP/1.1 408"), head
        assert b'"request_timeout"' in body
        with trickler(url, token) as large:
            large.sendall(b"7d0\r\n" + b" " * 2000 + b"\r\n0\r\n\r\n")
            head, body = answer_of(large)
        assert head.startswith(b"HTTP/1.1 413"), head
        assert b'"request_entity_too_large"' in body and b"nosniff" in head
