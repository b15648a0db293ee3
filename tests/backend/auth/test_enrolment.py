"""Users and enrolment links: who may create whom, links that expire and work once."""
from datetime import timedelta

import pytest

from backend.auth import enrolment
from backend.db.fields import utcnow
from tests.backend.factories import make_warehouse, ok

USERS = "/api/v1/users"


def make_user(api, username="alice", role="sales", **extra):
    """A user made through the API."""
    return ok(api.post(USERS, dict({"username": username, "display_name": username.title(),
                                    "role": role}, **extra)))


def enrol_link(api, user):
    """A fresh enrolment link's token for a user."""
    body = ok(api.post(f"{USERS}/{user['id']}/enrolment"))
    return body["url"].rsplit("/", 1)[1]


def test_create_user_returns_201_location_and_no_passkey(api):
    response = api.post(USERS, {"username": "alice", "display_name": "Alice", "role": "sales"})
    assert response.status_code == 201
    assert response.headers["Location"] == f"{USERS}/{response.json['id']}"
    assert response.json["has_passkey"] is False and response.json["warehouses"] is None


def test_user_limited_to_warehouses_lists_them(api):
    warehouse = make_warehouse(api)
    user = make_user(api, warehouses=[warehouse["id"]])
    assert ok(api.get(f"{USERS}/{user['id']}"))["warehouses"] == [warehouse["id"]]


@pytest.mark.parametrize("role,status", [("warehouse", 201), ("admin", 403)])
def test_manager_may_create_only_non_admin_users(api, role, status):
    response = api.as_user("boss").post(USERS, {"username": "x1", "display_name": "X",
                                                "role": role})
    assert response.status_code == status


@pytest.mark.parametrize("who,status", [("boss", 403), ("picker", 403), ("admin", 200)])
def test_only_admins_change_users(api, who, status):
    user = make_user(api)
    response = api.as_user(who).patch(f"{USERS}/{user['id']}", {"role": "readonly"})
    assert response.status_code == status


def test_enrolment_gives_a_link_to_the_pwa_and_a_qr_code(api):
    user = make_user(api)
    body = ok(api.post(f"{USERS}/{user['id']}/enrolment"))
    assert body["url"].startswith("http://localhost:8000/#/enrol/")
    assert body["qr_svg"].startswith("<svg") and body["expires_at"]


def test_enrolment_link_names_the_user(api, app):
    user = make_user(api)
    token = enrol_link(api, user)
    body = ok(app.test_client().get(f"/api/v1/auth/enrol/{token}"))
    assert (body["username"], body["display_name"]) == ("alice", "Alice")


def test_enrolment_link_is_stored_hashed(api, app):
    from backend.auth.models import EnrolmentLink
    from backend.auth.sessions import hash_secret
    token = enrol_link(api, make_user(api))
    with app.app_context():
        assert [link.token_hash for link in EnrolmentLink.select()] == [hash_secret(token)]


def test_enrolment_response_is_not_kept_in_the_idempotency_store(api, app):
    from backend.idempotency import IdempotencyKey
    user = make_user(api)
    ok(api.post(f"{USERS}/{user['id']}/enrolment", key="enrol-1"))
    with app.app_context():
        assert IdempotencyKey.get_or_none(IdempotencyKey.key == "enrol-1") is None


def test_manager_cannot_enrol_an_admin(api):
    admin = ok(api.get(USERS))["items"][0]
    response = api.as_user("boss").post(f"{USERS}/{admin['id']}/enrolment")
    assert response.status_code == 403


def test_expired_enrolment_link_is_410(api, app, monkeypatch):
    token = enrol_link(api, make_user(api))
    moment = utcnow() + timedelta(hours=app.extensions["settings"].enrolment_hours, minutes=1)
    monkeypatch.setattr(enrolment, "utcnow", lambda: moment)
    response = app.test_client().get(f"/api/v1/auth/enrol/{token}")
    assert response.status_code == 410 and response.json["error"]["code"] == "enrolment_expired"


def test_used_and_unknown_links_get_the_same_404(api, app):
    from backend.auth.models import EnrolmentLink
    token = enrol_link(api, make_user(api))
    with app.app_context():
        EnrolmentLink.update(used_at=utcnow()).execute()
    used = app.test_client().get(f"/api/v1/auth/enrol/{token}")
    unknown = app.test_client().get("/api/v1/auth/enrol/not-a-token")
    assert used.status_code == unknown.status_code == 404
    assert used.json == unknown.json


def test_used_link_gives_no_registration_options(api, app):
    from backend.auth.models import EnrolmentLink
    token = enrol_link(api, make_user(api))
    with app.app_context():
        EnrolmentLink.update(used_at=utcnow()).execute()
    response = app.test_client().post(f"/api/v1/auth/enrol/{token}/options", json={})
    assert response.status_code == 404


def test_a_new_link_replaces_the_older_one(api, app):
    user = make_user(api)
    old, new = enrol_link(api, user), enrol_link(api, user)
    client = app.test_client()
    assert client.get(f"/api/v1/auth/enrol/{old}").status_code == 410
    assert client.get(f"/api/v1/auth/enrol/{new}").status_code == 200


def test_registration_options_require_a_resident_key_and_user_verification(api, app):
    token = enrol_link(api, make_user(api))
    body = ok(app.test_client().post(f"/api/v1/auth/enrol/{token}/options", json={}))
    options = body["options"]
    assert options["rp"] == {"id": "localhost", "name": "Stocktap"}
    assert options["user"]["name"] == "alice"
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert body["challenge_id"]


def test_login_options_use_discoverable_credentials(app, api):
    body = ok(app.test_client().post("/api/v1/auth/login/options", json={}))
    assert body["options"]["allowCredentials"] == []
    assert body["options"]["userVerification"] == "required"
    assert body["options"]["rpId"] == "localhost"


def test_verify_with_an_unknown_challenge_is_refused(app, api):
    response = app.test_client().post("/api/v1/auth/login/verify", json={
        "challenge_id": "nope", "credential": {"id": "x"}})
    assert response.status_code == 422 and response.json["error"]["code"] == "challenge"


def test_revoking_passkeys_ends_sessions_and_allows_a_new_link(api, sign_in, app):
    from tests.backend.auth.conftest import user_id
    browser = sign_in("picker")
    picker = user_id(app, "picker")
    assert ok(api.post(f"{USERS}/{picker}/revoke-passkeys")) == {"revoked": 0}
    assert browser.get("/api/v1/auth/me").status_code == 401
    assert api.post(f"{USERS}/{picker}/enrolment").status_code == 201
