"""Suppliers: create, list, get, change."""
import pytest

from tests.backend.factories import ok
from tests.backend.purchasing.factories import make_supplier

URL = "/api/v1/suppliers"


def test_create_returns_201_with_location_of_the_supplier(api):
    response = api.post(URL, {"code": "ACME", "name": "Acme Ltd", "email": "a@acme.test"})
    assert response.status_code == 201
    assert ok(api.get(response.headers["Location"])) == {
        "id": response.json["id"], "code": "ACME", "name": "Acme Ltd", "email": "a@acme.test",
        "phone": "", "active": True}


def test_duplicate_code_is_a_conflict(api):
    make_supplier(api, code="ACME")
    response = api.post(URL, {"code": "ACME", "name": "Other"})
    assert response.status_code == 409 and response.json["error"]["code"] == "duplicate_code"


@pytest.mark.parametrize("body,field", [
    ({"name": "No code"}, "code"),
    ({"code": "", "name": "Empty"}, "code"),
    ({"code": "X", "name": "X", "fax": "1"}, "fax"),
    ({"code": "X" * 31, "name": "X"}, "code"),
])
def test_bad_supplier_is_422_and_nothing_is_created(api, body, field):
    response = api.post(URL, body)
    assert response.status_code == 422 and response.json["error"]["field"] == field
    assert ok(api.get(URL))["items"] == []


def test_list_filters_by_code_or_name_fragment(api):
    make_supplier(api, code="ACME", name="Acme Ltd")
    make_supplier(api, code="BOLT", name="Bolts and Nuts")
    make_supplier(api, code="CASK", name="Acme Barrels")
    assert [s["code"] for s in ok(api.get(f"{URL}?q=acme"))["items"]] == ["ACME", "CASK"]
    assert [s["code"] for s in ok(api.get(f"{URL}?q=bol"))["items"]] == ["BOLT"]


def test_list_is_paginated(api):
    codes = [make_supplier(api)["code"] for _ in range(3)]
    first = ok(api.get(f"{URL}?limit=2"))
    second = ok(api.get(f"{URL}?limit=2&after={first['next']}"))
    assert [s["code"] for s in first["items"] + second["items"]] == codes
    assert second["next"] is None


def test_patch_changes_only_given_fields(api):
    supplier = make_supplier(api, code="ACME", phone="123")
    changed = ok(api.patch(f"{URL}/{supplier['id']}", {"name": "Acme Group", "active": False}))
    assert (changed["code"], changed["name"], changed["phone"], changed["active"]) == \
        ("ACME", "Acme Group", "123", False)


def test_patch_to_a_taken_code_is_a_conflict(api):
    make_supplier(api, code="ACME")
    other = make_supplier(api, code="BOLT")
    assert api.patch(f"{URL}/{other['id']}", {"code": "ACME"}).status_code == 409
    assert ok(api.get(f"{URL}/{other['id']}"))["code"] == "BOLT"


def test_unknown_supplier_is_404(api):
    assert api.get(f"{URL}/999").status_code == 404
    assert api.patch(f"{URL}/999", {"name": "x"}).status_code == 404
