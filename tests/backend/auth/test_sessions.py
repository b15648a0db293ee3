"""Cookie sessions: /me, CSRF on writes, sign-out (everywhere), idle and absolute timeouts."""
from datetime import timedelta

import pytest

from backend.auth import sessions
from backend.db.fields import utcnow
from tests.backend.factories import ok

ME = "/api/v1/auth/me"


def later(monkeypatch, **delta):
    """Move the sessions' clock forward."""
    moment = utcnow() + timedelta(**delta)
    monkeypatch.setattr(sessions, "utcnow", lambda: moment)


def test_me_names_the_user_role_permissions_and_csrf_token(sign_in):
    browser = sign_in("picker")
    body = ok(browser.get(ME))
    assert body["user"]["username"] == "picker" and body["user"]["role"] == "warehouse"
    assert body["user"]["warehouses"] is None
    assert "purchasing.receive" in body["permissions"] and "users.admin" not in body["permissions"]
    assert body["csrf_token"] == browser.headers["X-CSRF-Token"]


def test_me_without_credentials_is_401_in_the_error_shape(app):
    response = app.test_client().get(ME)
    assert response.status_code == 401 and response.json["error"]["code"] == "unauthorized"


def test_x_user_header_no_longer_identifies_anyone(app, api):
    response = app.test_client().get("/api/v1/products", headers={"X-User": "admin"})
    assert response.status_code == 401


def test_cookie_write_without_csrf_token_is_refused(sign_in):
    browser = sign_in("admin", with_csrf=False)
    response = browser.post("/api/v1/warehouses", {"code": "W1", "name": "One"})
    assert response.status_code == 403 and response.json["error"]["code"] == "csrf"


def test_cookie_write_with_a_wrong_csrf_token_is_refused(sign_in):
    browser = sign_in("admin")
    browser.headers["X-CSRF-Token"] = "forged"
    response = browser.post("/api/v1/warehouses", {"code": "W1", "name": "One"})
    assert response.status_code == 403 and response.json["error"]["code"] == "csrf"


def test_cookie_write_with_the_csrf_token_goes_through(sign_in):
    response = sign_in("admin").post("/api/v1/warehouses", {"code": "W1", "name": "One"})
    assert response.status_code == 201


def test_cookie_reads_need_no_csrf_token(sign_in):
    assert sign_in("admin", with_csrf=False).get("/api/v1/warehouses").status_code == 200


def test_session_cookie_is_httponly_and_lax(app, api):
    from flask import Response

    from backend.auth.sessions import COOKIE, cookie_options
    response = Response()
    response.set_cookie(COOKIE, "x", **cookie_options(app.extensions["settings"]))
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_session_cookie_is_secure_when_served_over_https(settings):
    settings.public_url = "https://stocktap.example"
    assert sessions.cookie_options(settings)["secure"] is True


def test_logout_ends_this_session_only(sign_in):
    first, second = sign_in("picker"), sign_in("picker")
    assert first.post("/api/v1/auth/logout").status_code == 204
    assert first.get(ME).status_code == 401
    assert second.get(ME).status_code == 200


def test_logout_everywhere_ends_every_session_of_the_user_and_no_other(sign_in):
    phone, laptop, other = sign_in("picker"), sign_in("picker"), sign_in("boss")
    assert ok(phone.post("/api/v1/auth/logout-everywhere")) == {"ended": 2}
    assert phone.get(ME).status_code == 401
    response = laptop.get(ME)
    assert response.status_code == 401 and response.json["error"]["code"] == "session_expired"
    assert other.get(ME).status_code == 200


def test_idle_session_expires(sign_in, settings, monkeypatch):
    browser = sign_in("picker")
    later(monkeypatch, minutes=settings.session_idle_minutes + 1)
    response = browser.get(ME)
    assert response.status_code == 401 and response.json["error"]["code"] == "session_expired"


def test_active_session_outlives_the_idle_timeout(sign_in, settings, monkeypatch):
    browser = sign_in("picker")
    step = settings.session_idle_minutes * 2 // 3
    for n in (1, 2, 3):
        later(monkeypatch, minutes=step * n)
        assert browser.get(ME).status_code == 200


def test_session_expires_at_the_absolute_timeout_however_active(sign_in, settings, monkeypatch):
    settings.session_absolute_hours = 1
    settings.session_idle_minutes = 40
    browser = sign_in("picker")
    for minutes in (30, 55):
        later(monkeypatch, minutes=minutes)
        assert browser.get(ME).status_code == 200
    later(monkeypatch, minutes=61)
    assert browser.get(ME).status_code == 401


def test_expired_session_stays_ended_when_the_clock_goes_back(sign_in, settings, monkeypatch):
    browser = sign_in("picker")
    later(monkeypatch, minutes=settings.session_idle_minutes + 1)
    assert browser.get(ME).status_code == 401
    monkeypatch.undo()
    assert browser.get(ME).status_code == 401


def test_deactivating_a_user_ends_their_sessions(api, sign_in, app):
    from tests.backend.auth.conftest import user_id
    browser = sign_in("picker")
    ok(api.patch(f"/api/v1/users/{user_id(app, 'picker')}", {"active": False}))
    assert browser.get(ME).status_code == 401


@pytest.mark.parametrize("header", ["Bearer nope", "Basic YWRtaW46YWRtaW4=", "Bearer "])
def test_bad_authorization_header_is_401(app, api, header):
    response = app.test_client().get("/api/v1/products", headers={"Authorization": header})
    assert response.status_code == 401 and response.json["error"]["code"] == "bad_token"
