"""Customers: create, list with a filter and pages, get, change."""
from tests.backend.factories import ok
from tests.backend.sales.factories import make_customer

URL = "/api/v1/customers"


def test_create_customer_returns_201_with_location(api):
    response = api.post(URL, {"code": "C-1", "name": "Acme", "phone": "123"})
    body = ok(response, 201)
    assert response.headers["Location"] == f"{URL}/{body['id']}"
    assert (body["code"], body["name"], body["phone"], body["email"], body["active"]) == \
        ("C-1", "Acme", "123", "", True)


def test_duplicate_customer_code_is_a_conflict(api):
    make_customer(api, code="C-1")
    response = api.post(URL, {"code": "C-1", "name": "Other"})
    assert response.status_code == 409 and response.json["error"]["code"] == "duplicate_code"


def test_list_filters_by_name_or_code_fragment(api):
    make_customer(api, code="BJ-1", name="Beijing Foods")
    make_customer(api, code="SH-1", name="Shanghai Tea")
    assert [c["code"] for c in ok(api.get(f"{URL}?q=tea"))["items"]] == ["SH-1"]
    assert [c["code"] for c in ok(api.get(f"{URL}?q=BJ"))["items"]] == ["BJ-1"]


def test_list_is_paginated(api):
    for n in range(3):
        make_customer(api, code=f"P-{n}")
    first = ok(api.get(f"{URL}?limit=2"))
    second = ok(api.get(f"{URL}?limit=2&after={first['next']}"))
    assert [c["code"] for c in first["items"] + second["items"]] == ["P-0", "P-1", "P-2"]
    assert second["next"] is None


def test_patch_changes_only_given_fields(api):
    customer = make_customer(api, code="C-1", email="a@example.com")
    body = ok(api.patch(f"{URL}/{customer['id']}", {"name": "Renamed", "active": False}))
    assert (body["code"], body["name"], body["email"], body["active"]) == \
        ("C-1", "Renamed", "a@example.com", False)
    assert ok(api.get(f"{URL}/{customer['id']}"))["name"] == "Renamed"


def test_patch_to_a_taken_code_is_a_conflict(api):
    make_customer(api, code="C-1")
    other = make_customer(api, code="C-2")
    assert api.patch(f"{URL}/{other['id']}", {"code": "C-1"}).status_code == 409


def test_unknown_customer_is_404(api):
    assert api.get(f"{URL}/999").status_code == 404
    assert api.patch(f"{URL}/999", {"name": "x"}).status_code == 404
