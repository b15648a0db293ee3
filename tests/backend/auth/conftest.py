"""Sign-in helpers: cookie sessions made directly, and a client that behaves like the PWA."""
import pytest

from tests.conftest import ApiClient


class BrowserClient(ApiClient):
    """A test client signed in by a session cookie, sending the CSRF token like the PWA."""

    def __init__(self, client, csrf_token=None):
        super().__init__(client)
        if csrf_token:
            self.headers["X-CSRF-Token"] = csrf_token


def user_id(app, username):
    """The id of a user."""
    from backend.auth.models import User
    with app.app_context():
        return User.get(User.username == username).id


@pytest.fixture
def sign_in(app, api):
    """sign_in(username) -> a BrowserClient with its own cookie jar and a live session."""
    from backend.auth.sessions import COOKIE, start_session
    from backend.db import writing

    def make(username="admin", with_csrf=True):
        uid = user_id(app, username)
        with app.app_context():
            with writing():
                secret, session = start_session(uid)
        client = app.test_client()
        client.set_cookie(COOKIE, secret)
        return BrowserClient(client, session.csrf_token if with_csrf else None)
    return make


@pytest.fixture
def settings(app):
    """The app's live settings (read per request, so a test may change them)."""
    return app.extensions["settings"]
