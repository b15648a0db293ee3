"""Quarantined returns: a list for managers, release to a bin, write-off through approval."""
from types import SimpleNamespace

import pytest

from tests.backend.factories import balance, level, limited_client, make_location, make_product, make_warehouse, ok
from tests.backend.sales.factories import special

URL = "/api/v1/quarantine"


@pytest.fixture
def site(api):
    """A warehouse whose quarantine holds 4 returned units of a product (no order known)."""
    warehouse = make_warehouse(api)
    product = make_product(api)
    ok(api.post("/api/v1/sales-returns", {
        "warehouse_id": warehouse["id"], "reason_code": "damaged", "disposition": "quarantine",
        "lines": [{"product_id": product["id"], "qty": 4}]}))
    return SimpleNamespace(warehouse=warehouse, product=product, bin=make_location(api, warehouse),
                           quarantine=special(api, warehouse, "quarantine"))


def body(site, qty, **extra):
    return {"warehouse_id": site.warehouse["id"], "product_id": site.product["id"], "qty": qty,
            **extra}


def test_the_list_shows_what_sits_in_quarantine(api, site):
    items = ok(api.as_user("boss").get(URL))["items"]
    assert [(i["product_id"], i["sku"], i["location_id"], i["on_hand"]) for i in items] == \
        [(site.product["id"], site.product["sku"], site.quarantine["id"], 4)]


def test_release_moves_units_to_a_bin_and_makes_them_sellable(api, site):
    response = api.as_user("boss").post(f"{URL}/release", body(site, 3, to_location_id=site.bin["id"]))
    move = ok(response, 201)
    assert (move["reason"], move["from_location_id"]) == ("quarantine_release",
                                                         site.quarantine["id"])
    assert (balance(api, site.product, site.quarantine), balance(api, site.product, site.bin)) \
        == (1, 3)
    assert level(api, site.product, site.warehouse)["on_hand"] == 3
    assert [i["on_hand"] for i in ok(api.get(URL))["items"]] == [1]


def test_releasing_more_than_is_quarantined_is_409(api, site):
    response = api.post(f"{URL}/release", body(site, 5, to_location_id=site.bin["id"]))
    assert response.status_code == 409
    assert response.json["error"]["code"] == "insufficient_stock"
    assert balance(api, site.product, site.quarantine) == 4


def test_the_floor_staff_may_not_release_or_write_off(api, site):
    picker = api.as_user("picker")
    assert picker.post(f"{URL}/release", body(site, 1, to_location_id=site.bin["id"])) \
        .status_code == 403
    assert picker.post(f"{URL}/write-off", body(site, 1, reason="broken")).status_code == 403


def test_write_off_waits_for_approval_then_takes_the_units_out(api, site):
    adjustment = ok(api.as_user("boss").post(f"{URL}/write-off",
                                             body(site, 3, reason="crushed")), 201)
    assert adjustment["status"] == "pending"
    assert balance(api, site.product, site.quarantine) == 4
    approvals = ok(api.get("/api/v1/approvals?status=pending&kind=stock_adjustment"))["items"]
    approval = next(a for a in approvals if a["doc_id"] == adjustment["id"])
    assert approval["summary"].endswith("write-off: crushed")
    ok(api.post(f"/api/v1/approvals/{approval['id']}/approve", {}))  # admin approves boss's ask
    assert balance(api, site.product, site.quarantine) == 1


def test_writing_off_more_than_is_quarantined_is_422(api, site):
    response = api.post(f"{URL}/write-off", body(site, 5, reason="x"))
    assert response.status_code == 422
    assert (response.json["error"]["code"], response.json["error"]["field"]) == \
        ("not_in_quarantine", "qty")


def test_a_limited_manager_sees_and_touches_only_their_warehouses(api, app, site):
    client = limited_client(api, app, [make_warehouse(api)], role="manager")
    assert ok(client.get(URL))["items"] == []
    response = client.post(f"{URL}/release", body(site, 1, to_location_id=site.bin["id"]))
    assert response.status_code == 403
    assert client.post(f"{URL}/write-off", body(site, 1, reason="x")).status_code == 403
    assert balance(api, site.product, site.quarantine) == 4


def test_the_sees_all_stock_grant_does_not_open_another_warehouses_quarantine(api, app, site):
    """Quarantine is a decision to make in the warehouse, not a stock figure to quote."""
    client = limited_client(api, app, [make_warehouse(api)], role="manager")
    me = ok(client.get("/api/v1/auth/me"))["user"]
    ok(api.patch(f"/api/v1/users/{me['id']}", {"sees_all_stock": True}))
    assert ok(client.get(f"/api/v1/stock?warehouse_id={site.warehouse['id']}"))["items"]
    assert ok(client.get(URL))["items"] == []
    response = client.get(f"{URL}?warehouse_id={site.warehouse['id']}")
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"


@pytest.mark.parametrize("change, field", [({"qty": 0}, "qty"), ({"reason": ""}, "reason"),
                                           ({"warehouse_id": "1"}, "warehouse_id")])
def test_bad_write_off_is_422_naming_the_field(api, site, change, field):
    response = api.post(f"{URL}/write-off", dict(body(site, 1, reason="x"), **change))
    assert response.status_code == 422 and response.json["error"]["field"] == field
