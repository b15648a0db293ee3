"""Races through the real HTTP server with several gunicorn workers, on both databases."""
import pytest

from tests.backend.factories import make_location, make_product, make_warehouse, ok
from tests.conftest import hammer

pytestmark = pytest.mark.slow


def _headers(api, user="admin"):
    """The user's bearer token, as the phones' requests would carry credentials."""
    return dict(api.as_user(user).headers, **{"X-Device": "race"})


def test_same_idempotency_key_racing_on_many_workers_creates_one_warehouse(live_server, api):
    body = {"code": "RACE", "name": "Race"}
    responses = hammer(live_server, [("POST", "/api/v1/warehouses", body,
                                      dict(_headers(api), **{"Idempotency-Key": "race-1"}))] * 24)
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert [w["code"] for w in ok(api.get("/api/v1/warehouses"))] == ["RACE"]


def test_many_clients_taking_the_last_units_take_exactly_what_is_there(live_server, api):
    warehouse, product = make_warehouse(api), make_product(api)
    bin_ = make_location(api, warehouse)
    from tests.backend.factories import add_stock, balance
    add_stock(api, product, bin_, 5)
    adjustments = [("POST", "/api/v1/stock/adjustments",
                    {"warehouse_id": warehouse["id"], "reason": "take one",
                     "lines": [{"product_id": product["id"], "location_id": bin_["id"], "qty": -1}]},
                    dict(_headers(api), **{"Idempotency-Key": f"adj-{i}"})) for i in range(12)]
    created = [r.json() for r in hammer(live_server, adjustments)]
    pending = ok(api.get("/api/v1/approvals?status=pending&limit=100"))["items"]
    approvals = [("POST", f"/api/v1/approvals/{a['id']}/approve", {},
                  dict(_headers(api, "boss"), **{"Idempotency-Key": f"ap-{a['id']}"})) for a in pending]
    assert len(approvals) == len(created) == 12
    statuses = sorted(r.status_code for r in hammer(live_server, approvals))
    assert statuses == [200] * 5 + [409] * 7
    assert balance(api, product, bin_) == 0


def test_documents_created_at_once_all_get_their_own_number(live_server, api):
    from tests.backend.factories import make_partner
    warehouse, product = make_warehouse(api), make_product(api)
    customer = make_partner(api, "customers")
    body = {"customer_id": customer["id"], "warehouse_id": warehouse["id"],
            "lines": [{"product_id": product["id"], "qty_ordered": 1}]}
    responses = hammer(live_server, [("POST", "/api/v1/sales-orders", body,
                                      dict(_headers(api), **{"Idempotency-Key": f"so-{i}"}))
                                     for i in range(16)])
    assert [r.status_code for r in responses] == [201] * 16, {r.text for r in responses}
    assert len({r.json()["number"] for r in responses}) == 16
