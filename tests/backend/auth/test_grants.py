"""Nobody grants more than they hold: roles, warehouses and enrolment links of other users."""
import pytest

from tests.backend.auth.conftest import user_id
from tests.backend.factories import make_location, make_product, make_warehouse, ok
from tests.conftest import ApiClient

USERS = "/api/v1/users"


def give_passkey(app, username):
    """Register a (made-up) passkey for a user, as enrolling would."""
    from backend.auth.models import Passkey
    with app.app_context():
        Passkey.create(user=user_id(app, username), credential_id=f"cred-{username}",
                       public_key=b"key", name="Phone")


@pytest.fixture
def limited(api, app):
    """(client of a manager limited to warehouse A, A, B)."""
    from backend.auth.tokens import issue_token
    a, b = make_warehouse(api), make_warehouse(api)
    user = ok(api.post(USERS, {"username": "limited", "display_name": "Limited",
                               "role": "manager", "warehouses": [a["id"]]}))
    with app.app_context():
        app.extensions["test_tokens"]["limited"] = issue_token("t", user_id=user["id"])[1]
    return ApiClient(app.test_client(), "limited"), a, b


def new_user(role, warehouses=None, username="newbie"):
    body = {"username": username, "display_name": "New", "role": role}
    return body if warehouses is None else dict(body, warehouses=warehouses)


@pytest.mark.parametrize("warehouses", [None, []])  # both mean every warehouse
def test_limited_manager_cannot_create_an_unlimited_user(limited, api, warehouses):
    client, _a, _b = limited
    response = client.post(USERS, new_user("warehouse", warehouses))
    assert response.status_code == 403 and response.json["error"]["field"] == "warehouses"
    assert "newbie" not in [u["username"] for u in ok(api.get(USERS))["items"]]


def test_limited_manager_cannot_grant_another_warehouse(limited):
    client, a, b = limited
    response = client.post(USERS, new_user("warehouse", [a["id"], b["id"]]))
    assert response.status_code == 403 and response.json["error"]["field"] == "warehouses"


def test_limited_manager_creates_users_within_their_warehouses(limited):
    client, a, _b = limited
    created = ok(client.post(USERS, new_user("warehouse", [a["id"]])), 201)
    assert (created["role"], created["warehouses"]) == ("warehouse", [a["id"]])


@pytest.mark.parametrize("role", ["admin"])
def test_nobody_grants_a_role_with_permissions_they_lack(api, role):
    response = api.as_user("boss").post(USERS, new_user(role))
    assert response.status_code == 403 and response.json["error"]["field"] == "role"


def test_a_scoped_admin_token_cannot_grant_areas_outside_its_scopes(api, app):
    from backend.auth.tokens import issue_token
    with app.app_context():
        app.extensions["test_tokens"]["scoped"] = issue_token("s", "admin", ["users"])[1]
    response = api.as_user("scoped").post(USERS, new_user("readonly"))
    assert response.status_code == 403 and response.json["error"]["field"] == "role"


def test_limited_manager_cannot_enrol_an_unlimited_user(limited, app):
    client, _a, _b = limited
    response = client.post(f"{USERS}/{user_id(app, 'picker')}/enrolment")
    assert response.status_code == 403 and response.json["error"]["field"] == "warehouses"


@pytest.mark.parametrize("warehouses", ["own", None])
def test_only_an_admin_makes_or_enrols_an_approver(limited, api, warehouses):
    """Else a manager could approve their own requests through a second account of theirs."""
    client, a, _b = limited
    limit = [a["id"]] if warehouses == "own" else None
    response = client.post(USERS, new_user("manager", limit))
    assert response.status_code == 403 and response.json["error"]["code"] == "grant_needs_admin"
    approver = ok(api.post(USERS, new_user("manager", [a["id"]], "approver")))  # no passkey yet
    response = client.post(f"{USERS}/{approver['id']}/enrolment")
    assert response.status_code == 403 and response.json["error"]["code"] == "grant_needs_admin"
    assert ok(api.post(f"{USERS}/{approver['id']}/enrolment"), 201)["url"]


def test_re_enrolling_someone_who_has_a_passkey_needs_an_admin(api, app):
    give_passkey(app, "picker")
    response = api.as_user("boss").post(f"{USERS}/{user_id(app, 'picker')}/enrolment")
    assert response.status_code == 403 and response.json["error"]["code"] == "re_enrolment"


def test_admin_re_enrolment_is_audited_and_shown_to_the_user(api, app, sign_in):
    give_passkey(app, "boss")
    boss = user_id(app, "boss")
    ok(api.post(f"{USERS}/{boss}/enrolment"), 201)
    audit = ok(api.get("/api/v1/audit?action=users.create_enrolment_link"))["items"]
    assert [(e["user_id"], e["target_type"]) for e in audit] == [(user_id(app, "admin"),
                                                                   "enrolment_link")]
    links = ok(sign_in("boss").get("/api/v1/auth/enrolment-links"))
    assert [(l["created_by"], l["used_at"]) for l in links] == [("admin", None)]


def test_an_admin_limited_to_a_warehouse_cannot_widen_a_user(api, app):
    from backend.auth.tokens import issue_token
    a = make_warehouse(api)
    admin = ok(api.post(USERS, new_user("admin", [a["id"]], "admin-a")))
    with app.app_context():
        app.extensions["test_tokens"]["admin-a"] = issue_token("a", user_id=admin["id"])[1]
    client = api.as_user("admin-a")
    mine = ok(client.post(USERS, new_user("warehouse", [a["id"]], "pick-a")))
    response = client.patch(f"{USERS}/{mine['id']}", {"warehouses": None})
    assert response.status_code == 403 and response.json["error"]["field"] == "warehouses"
    unlimited = client.patch(f"{USERS}/{user_id(app, 'picker')}", {"display_name": "P"})
    assert unlimited.status_code == 403
    give_passkey(app, "picker")
    assert client.post(f"{USERS}/{user_id(app, 'picker')}/revoke-passkeys").status_code == 403


def test_a_limited_manager_cannot_make_a_second_self_to_approve_their_own_request(limited, api,
                                                                                  app):
    """The chain the finding showed: ask, get an unlimited (or taken-over) manager, approve."""
    client, a, _b = limited
    product, bin_ = make_product(api), make_location(api, a)
    ok(client.post("/api/v1/stock/adjustments", {
        "warehouse_id": a["id"], "reason": "found",
        "lines": [{"product_id": product["id"], "location_id": bin_["id"], "qty": 5}]}))
    approval = ok(api.get("/api/v1/approvals?status=pending"))["items"][0]
    give_passkey(app, "boss")
    for limit in (None, [a["id"]]):  # an unlimited manager, or one in the same warehouse
        assert client.post(USERS, new_user("manager", limit)).status_code == 403
    assert client.post(f"{USERS}/{user_id(app, 'boss')}/enrolment").status_code == 403
    assert client.post(f"/api/v1/approvals/{approval['id']}/approve", {}).status_code == 403
    assert ok(api.get(f"/api/v1/approvals/{approval['id']}"))["status"] == "pending"
