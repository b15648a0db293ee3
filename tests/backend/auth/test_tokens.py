"""API tokens: made by admins, shown once, stored hashed, scoped, revocable."""
import pytest

from backend.auth.sessions import hash_secret
from tests.backend.factories import ok

TOKENS = "/api/v1/tokens"


def bearer(app, token):
    """A test client sending only this bearer token."""
    client = app.test_client()
    return lambda method, url, **kw: getattr(client, method)(
        url, headers={"Authorization": f"Bearer {token}"}, **kw)


def test_token_is_shown_once_at_creation(api):
    created = ok(api.post(TOKENS, {"name": "erp", "role": "readonly"}))
    assert created["token"].startswith("stk_") and len(created["token"]) > 40
    listed = ok(api.get(TOKENS))
    assert [t["name"] for t in listed if t["id"] == created["id"]] == ["erp"]
    assert all("token" not in t for t in listed)


def test_token_is_stored_only_as_its_hash(api, app):
    from backend.auth.models import ApiToken
    from backend.idempotency import IdempotencyKey
    created = ok(api.post(TOKENS, {"name": "erp", "role": "readonly"}, key="tok-1"))
    with app.app_context():
        row = ApiToken.get_by_id(created["id"])
        assert row.token_hash == hash_secret(created["token"])
        assert created["token"] not in repr(row.__data__)
        assert created["token"].encode() not in bytes(IdempotencyKey.get(key="tok-1").body)


def test_a_replayed_token_creation_makes_no_second_token_and_shows_no_secret(api):
    first = ok(api.post(TOKENS, {"name": "erp", "role": "readonly"}, key="tok-2"), 201)
    again = api.post(TOKENS, {"name": "erp", "role": "readonly"}, key="tok-2")
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json == {k: v for k, v in first.items() if k != "token"}
    assert [t["id"] for t in ok(api.get(TOKENS)) if t["name"] == "erp"] == [first["id"]]


def test_token_acts_with_its_role(api, app):
    token = ok(api.post(TOKENS, {"name": "erp", "role": "readonly"}))["token"]
    call = bearer(app, token)
    assert call("get", "/api/v1/products").status_code == 200
    assert call("post", "/api/v1/warehouses", json={"code": "W", "name": "W"}).status_code == 403


def test_token_needs_no_csrf_token(api, app):
    token = ok(api.post(TOKENS, {"name": "script", "role": "manager"}))["token"]
    response = bearer(app, token)("post", "/api/v1/warehouses", json={"code": "W", "name": "W"})
    assert response.status_code == 201


def test_scoped_token_reaches_only_its_areas(api, app):
    token = ok(api.post(TOKENS, {"name": "crm", "role": "manager", "scopes": ["catalog"]}))["token"]
    call = bearer(app, token)
    assert call("get", "/api/v1/products").status_code == 200
    assert call("get", "/api/v1/warehouses").status_code == 403


def test_unknown_scope_is_422(api):
    response = api.post(TOKENS, {"name": "crm", "role": "manager", "scopes": ["moon"]})
    assert response.status_code == 422 and response.json["error"]["field"].startswith("scopes")


def test_revoked_token_is_refused_at_once(api, app):
    created = ok(api.post(TOKENS, {"name": "erp", "role": "readonly"}))
    call = bearer(app, created["token"])
    assert call("get", "/api/v1/products").status_code == 200
    assert api.delete(f"{TOKENS}/{created['id']}").status_code == 204
    response = call("get", "/api/v1/products")
    assert response.status_code == 401 and response.json["error"]["code"] == "bad_token"
    assert created["id"] not in [t["id"] for t in ok(api.get(TOKENS))]


def test_revoking_twice_is_404(api):
    created = ok(api.post(TOKENS, {"name": "erp", "role": "readonly"}))
    api.delete(f"{TOKENS}/{created['id']}")
    assert api.delete(f"{TOKENS}/{created['id']}").status_code == 404


@pytest.mark.parametrize("who", ["boss", "picker"])
def test_only_admins_manage_tokens(api, who):
    assert api.as_user(who).post(TOKENS, {"name": "x", "role": "readonly"}).status_code == 403
    assert api.as_user(who).get(TOKENS).status_code == 403


def test_token_of_a_user_acts_as_that_user_within_their_role(api, app):
    from tests.backend.auth.conftest import user_id
    created = ok(api.post(TOKENS, {"name": "picker-script", "role": "admin",
                                   "user_id": user_id(app, "picker")}))
    me = ok(bearer(app, created["token"])("get", "/api/v1/auth/me"))
    assert me["user"]["username"] == "picker" and "users.admin" not in me["permissions"]


@pytest.mark.parametrize("method,url", [
    ("get", "/api/v1/auth/passkeys"), ("post", "/api/v1/auth/passkeys/options"),
    ("post", "/api/v1/auth/logout-everywhere"), ("delete", "/api/v1/auth/passkeys/1"),
])
def test_token_tied_to_no_user_has_no_account_of_its_own(api, app, method, url):
    token = ok(api.post(TOKENS, {"name": "erp", "role": "admin"}))["token"]
    response = bearer(app, token)(method, url, json={} if method == "post" else None)
    assert response.status_code == 403 and response.json["error"]["code"] == "no_user"


def test_create_token_command_prints_a_working_token(app):
    from backend.auth.models import User
    with app.app_context():
        User.create(username="erp-bot", display_name="ERP", role="sales")
    result = app.test_cli_runner().invoke(args=["create-token", "erp", "--user", "erp-bot",
                                                "--scope", "catalog"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    call = bearer(app, token)
    assert call("get", "/api/v1/products").status_code == 200
    assert call("get", "/api/v1/warehouses").status_code == 403  # outside its scope


@pytest.mark.parametrize("args, message", [
    (["create-token", "erp"], "A token needs a role"),
    (["create-token", "erp", "--role", "readonly", "--scope", "nope"], "Unknown scope 'nope'"),
    (["create-token", "erp", "--user", "ghost"], "There is no user ghost."),
])
def test_create_token_command_refuses_bad_options(app, args, message):
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code != 0 and message in result.output
