"""Suppliers and customers: create, list with a filter and pages, get, change; each role."""
import pytest

from tests.backend.factories import make_partner, ok

ROLES = pytest.mark.parametrize("role", ["suppliers", "customers"])


@ROLES
def test_create_returns_201_with_location_of_the_partner(api, role):
    response = api.post(f"/api/v1/{role}", {"code": "ACME", "name": "Acme Ltd",
                                            "email": "a@acme.test"})
    body = ok(response, 201)
    assert response.headers["Location"] == f"/api/v1/{role}/{body['id']}"
    assert ok(api.get(response.headers["Location"])) == {
        "id": body["id"], "code": "ACME", "name": "Acme Ltd", "email": "a@acme.test",
        "phone": "", "active": True, "payment_terms": ""}


@ROLES
def test_duplicate_code_is_a_conflict(api, role):
    make_partner(api, role, code="ACME")
    response = api.post(f"/api/v1/{role}", {"code": "ACME", "name": "Other"})
    assert response.status_code == 409 and response.json["error"]["code"] == "duplicate_code"


@ROLES
@pytest.mark.parametrize("body,field", [
    ({"name": "No code"}, "code"),
    ({"code": "", "name": "Empty"}, "code"),
    ({"code": "X", "name": "X", "fax": "1"}, "fax"),
    ({"code": "X" * 31, "name": "X"}, "code"),
])
def test_bad_partner_is_422_and_nothing_is_created(api, role, body, field):
    response = api.post(f"/api/v1/{role}", body)
    assert response.status_code == 422 and response.json["error"]["field"] == field
    assert ok(api.get(f"/api/v1/{role}"))["items"] == []


@ROLES
def test_list_filters_by_code_or_name_fragment(api, role):
    make_partner(api, role, code="ACME", name="Acme Ltd")
    make_partner(api, role, code="BOLT", name="Bolts and Nuts")
    make_partner(api, role, code="CASK", name="Acme Barrels")
    url = f"/api/v1/{role}"
    assert [p["code"] for p in ok(api.get(f"{url}?q=acme"))["items"]] == ["ACME", "CASK"]
    assert [p["code"] for p in ok(api.get(f"{url}?q=bol"))["items"]] == ["BOLT"]


@ROLES
def test_list_filters_by_the_active_flag(api, role):
    make_partner(api, role, code="OPEN")
    make_partner(api, role, code="SHUT", active=False)
    url = f"/api/v1/{role}"
    assert [p["code"] for p in ok(api.get(f"{url}?active=false"))["items"]] == ["SHUT"]


@ROLES
def test_list_is_paginated(api, role):
    codes = [make_partner(api, role)["code"] for _ in range(3)]
    first = ok(api.get(f"/api/v1/{role}?limit=2"))
    second = ok(api.get(f"/api/v1/{role}?limit=2&after={first['next']}"))
    assert [p["code"] for p in first["items"] + second["items"]] == codes
    assert second["next"] is None


@ROLES
def test_patch_changes_only_given_fields(api, role):
    partner = make_partner(api, role, code="ACME", phone="123")
    url = f"/api/v1/{role}/{partner['id']}"
    changed = ok(api.patch(url, {"name": "Acme Group", "active": False}))
    assert (changed["code"], changed["name"], changed["phone"], changed["active"]) == \
        ("ACME", "Acme Group", "123", False)
    assert ok(api.get(url))["name"] == "Acme Group"


@ROLES
@pytest.mark.parametrize("field", ["code", "name"])
def test_patch_cannot_empty_the_code_or_name(api, role, field):
    partner = make_partner(api, role, code="ACME")
    response = api.patch(f"/api/v1/{role}/{partner['id']}", {field: ""})
    assert response.status_code == 422 and response.json["error"]["field"] == field


@ROLES
def test_patch_to_a_taken_code_is_a_conflict(api, role):
    make_partner(api, role, code="ACME")
    other = make_partner(api, role, code="BOLT")
    assert api.patch(f"/api/v1/{role}/{other['id']}", {"code": "ACME"}).status_code == 409
    assert ok(api.get(f"/api/v1/{role}/{other['id']}"))["code"] == "BOLT"


@ROLES
def test_unknown_partner_is_404(api, role):
    assert api.get(f"/api/v1/{role}/999").status_code == 404
    assert api.patch(f"/api/v1/{role}/999", {"name": "x"}).status_code == 404
