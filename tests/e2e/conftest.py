"""Browser tests: the real server under gunicorn and Debian's Chromium driven by Playwright.

Pages are opened at http://localhost:PORT (WebAuthn refuses 127.0.0.1) in a phone-sized
viewport; passkeys come from a CDP virtual authenticator. Screenshots go to E2E_SCREENSHOTS
(default: <tmp>/stocktap-e2e).
"""
import itertools
import os
import tempfile
import uuid
from pathlib import Path

import pytest
import requests
from playwright.sync_api import sync_playwright

from tests.conftest import free_port, start_server, stop_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
PHONE_UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/140.0.0.0 Mobile Safari/537.36")
SHOTS = Path(os.environ.get("E2E_SCREENSHOTS") or Path(tempfile.gettempdir()) / "stocktap-e2e")
ROOT = Path(__file__).resolve().parents[2]
_names = itertools.count(1)
FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """One migrated SQLite database for the browser tests (the server side runs on both
    databases in tests/backend); tests keep apart by making their own users and data.
    The ledger is checked at the end."""
    from backend import create_app
    from backend.migrations import migrate
    from backend.stock.ledger import ledger_discrepancies
    from config import Settings
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e')}/stocktap.db"
    app = create_app(Settings(database_url=url, testing=True))
    app.extensions["e2e_database_url"] = url
    with app.app_context():
        migrate()
    yield app
    with app.app_context():
        assert ledger_discrepancies() == [], "stock moves and balances disagree"


@pytest.fixture(scope="session")
def server(app):
    """The real app under gunicorn on the browser tests' database; yields its localhost URL."""
    port = free_port()
    url = f"http://localhost:{port}"
    # One browser enrols many users from one address in under a minute on a quiet machine;
    # the limits themselves are tested in tests/backend/auth.
    proc, _ = start_server(app.extensions["e2e_database_url"], port=port, startup_seconds=90,
                           WEB_WORKERS="1", PUBLIC_URL=url, RP_ID="localhost",
                           AUTH_RATE_LIMIT="1000 per minute",
                           DATA_DIR=os.path.dirname(app.extensions["e2e_database_url"]
                                                    .removeprefix("sqlite:///")))
    yield url
    stop_server(proc)


@pytest.fixture(scope="session")
def playwright():
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    """One headless Chromium for the session."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile with a phone-sized touch screen."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="en-GB", user_agent=PHONE_UA)
    yield context
    context.close()


@pytest.fixture
def page(context, request):
    """A page that fails the test on uncaught script errors and on anything the server's
    Content-Security-Policy blocked (screenshot kept on failure)."""
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    if request.node.stash.get(FAILED, False):
        print("failure screenshot:", shot(page, f"failed-{request.node.name}"))
    assert errors == [], f"uncaught errors in the page: {errors}"


def shot(page, name):
    """Save a screenshot of the page; returns its path."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def open_app(page, url):
    """Open the app and wait until it has booted and the service worker controls it."""
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


# ---- passkeys and users (these need the auth server part) ---------------------------------

@pytest.fixture(scope="session")
def auth_server(server):
    """The server URL, or a skip when the auth routes are not part of this build yet."""
    if requests.get(server + "/api/v1/auth/me", timeout=10).status_code == 404:
        pytest.skip("the auth server part is not built yet: /api/v1/auth/me is 404")
    return server


def authenticator(page):
    """A CDP virtual passkey authenticator (ctap2, internal, resident keys, UV) on the page."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})
    return cdp, found["authenticatorId"]


def in_app(app, work):
    """Run `work()` against the test's database, inside the app."""
    with app.app_context():
        return work()


def make_user(app, role, username=None):
    """A user with a role; returns {id, username, display_name, role}."""
    from backend.auth.models import User
    from backend.db import db
    username = username or f"{role}{next(_names)}"

    def create():
        with db.atomic():
            user = User.create(username=username, display_name=f"{role.title()} {username}",
                               role=role)
        return {"id": user.id, "username": username, "display_name": user.display_name,
                "role": role}
    return in_app(app, create)


def enrolment_token(app, user):
    """A fresh one-time enrolment token for the user."""
    from backend.auth.enrolment import create_link
    return in_app(app, lambda: create_link(app.extensions["settings"], user["id"])[2])


def end_sessions(app, user):
    """End every session of the user on the server (their next request gets 401)."""
    from backend.auth.sessions import end_all_sessions
    return in_app(app, lambda: end_all_sessions(user["id"]))


def enrol(page, url, app, user):
    """Enrol the user's passkey through the real enrolment page; ends signed in, at home."""
    page.goto(f"{url}/#/enrol/{enrolment_token(app, user)}")
    page.wait_for_selector("#create-passkey")
    page.click("#create-passkey")
    page.wait_for_selector(".tiles")


@pytest.fixture
def signed_in(auth_server, app, page):
    """Sign a new user of `role` in on the page with a passkey: signed_in("manager") -> user
    (with "cdp" and "authenticator": the CDP session and the virtual authenticator's id)."""
    def sign_in(role="manager"):
        user = make_user(app, role)
        user["cdp"], user["authenticator"] = authenticator(page)
        enrol(page, auth_server, app, user)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        return user
    return sign_in


# ---- data through the real API, as users holding API tokens ---------------------------------

class _Response:
    """A requests response with the Flask test client's get_json(), for the shared factories."""

    def __init__(self, response):
        self.status_code = response.status_code
        self._response = response

    def get_json(self):
        return self._response.json() if self._response.content else None


class RemoteApi:
    """The shared factories' `api` over HTTP with bearer tokens (one per user)."""

    def __init__(self, url, tokens, user):
        self.url, self.tokens, self.user = url, tokens, user

    def as_user(self, username):
        return RemoteApi(self.url, self.tokens, username)

    def _send(self, method, path, json=None):
        headers = {"Authorization": f"Bearer {self.tokens[self.user]}", "X-Device": "e2e-setup"}
        if method != "GET":
            headers["Idempotency-Key"] = uuid.uuid4().hex
        return _Response(requests.request(method, self.url + path, json=json, headers=headers,
                                          timeout=30))

    def get(self, path):
        return self._send("GET", path)

    def post(self, path, json=None):
        return self._send("POST", path, json)

    def put(self, path, json=None):
        return self._send("PUT", path, json)


@pytest.fixture(scope="session")
def remote_api(auth_server, app):
    """An API client acting as "admin" (as_user("boss") is a manager) against the live server."""
    from backend.auth.tokens import issue_token
    tokens = {}
    for username, role in (("admin", "admin"), ("boss", "manager")):
        user = make_user(app, role, f"e2e-{username}")
        tokens[username] = in_app(app, lambda u=user: issue_token(f"e2e {u['username']}",
                                                                  user_id=u["id"])[1])
    return RemoteApi(auth_server, tokens, "admin")
