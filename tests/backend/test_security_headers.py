"""The smaller hardening of issue 14 (finding 9): security headers on every response, the
session cookie Secure under HTTPS, Socket.IO refusing other sites' pages, private files."""
import os
import stat

import pytest

PAGES = ["/", "/api/v1/products", "/api/v1/nothing-here", "/healthz", "/js/app.js"]


@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_security_headers(api, path):
    headers = api.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    policy = dict(part.strip().split(" ", 1) for part in
                  headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self' 'wasm-unsafe-eval'"  # no 'unsafe-inline'
    assert policy["connect-src"] == "'self' ws://localhost wss://localhost"
    assert policy["worker-src"] == "'self' blob:"
    assert policy["frame-ancestors"] == "'none'"
    assert "Strict-Transport-Security" not in headers  # plain HTTP: never pinned


def test_https_responses_carry_hsts(api):
    response = api.client.get("/healthz", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize("over_https", [False, True])
def test_the_session_cookie_is_secure_under_https(app, over_https):
    from backend.auth.models import User
    from backend.auth.routes import _signed_in
    from backend.auth.sessions import start_session
    base = "https://localhost" if over_https else "http://localhost"
    with app.app_context():
        user = User.create(username="ann", display_name="Ann", role="admin")
        secret, session = start_session(user.id)
        with app.test_request_context("/api/v1/auth/login/verify", base_url=base):
            cookie = _signed_in(secret, session).headers["Set-Cookie"]
    assert ("; Secure" in cookie) is over_https
    assert "HttpOnly" in cookie


def engineio_handshake(api, origin):
    headers = {"Origin": origin} if origin else {}
    return api.client.get("/socket.io/?EIO=4&transport=polling", headers=headers)


@pytest.mark.parametrize("origin", [None, "http://localhost", "http://localhost:8000"])
def test_socketio_accepts_the_apps_own_origin_and_clients_without_one(api, origin):
    assert engineio_handshake(api, origin).status_code == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "https://localhost.evil.example",
                                    "null"])
def test_socketio_refuses_a_page_of_another_site(api, origin):
    assert engineio_handshake(api, origin).status_code == 400


def test_the_database_its_wal_and_its_folder_are_private(tmp_path):
    from backend import create_app
    from backend.db import db
    from backend.migrations import migrate
    from config import Settings
    folder = tmp_path / "var"
    app = create_app(Settings(database_url=f"sqlite:///{folder}/stocktap.db", testing=True))
    with app.app_context():
        migrate()  # writes: the WAL and shared-memory files exist now
        names = ["stocktap.db", "stocktap.db-wal", "stocktap.db-shm"]
        modes = {name: stat.S_IMODE(os.stat(folder / name).st_mode) for name in names}
        db.close_all()
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert modes == dict.fromkeys(names, 0o600)
