"""Bad input to sales: 4xx with the error shape, and nothing changed."""
import pytest

from tests.backend.factories import balance, level, make_product, ok
from tests.backend.sales.factories import SO, get_order, line_of


@pytest.mark.parametrize("qty, status, code", [
    ("1.5", 422, "fractional_quantity"), (0, 422, "invalid"), (-2, 422, "invalid"),
    ("1.0001", 422, "invalid"), ("abc", 422, "invalid"), (None, 422, "invalid"),
])
def test_bad_ordered_quantity_creates_no_order(api, site, qty, status, code):
    response = api.post(SO, {"customer_id": site.customer["id"],
                             "warehouse_id": site.warehouse["id"],
                             "lines": [{"product_id": site.product["id"], "qty_ordered": qty}]})
    assert response.status_code == status and response.json["error"]["code"] == code
    assert ok(api.get(SO))["items"] == []


@pytest.mark.parametrize("field", ["customer_id", "warehouse_id", "product_id"])
def test_unknown_ids_on_a_new_order_are_422_and_create_nothing(api, site, field):
    body = {"customer_id": site.customer["id"], "warehouse_id": site.warehouse["id"],
            "lines": [{"product_id": site.product["id"], "qty_ordered": 1}]}
    if field == "product_id":
        body["lines"][0]["product_id"] = 999
    else:
        body[field] = 999
    response = api.post(SO, body)
    assert response.status_code == 422 and response.json["error"]["field"].endswith(field)
    assert ok(api.get(SO))["items"] == []


def test_unknown_fields_and_ids_of_the_wrong_type_are_refused(api, site):
    base = {"customer_id": site.customer["id"], "warehouse_id": site.warehouse["id"]}
    assert api.post(SO, dict(base, colour="red")).status_code == 422
    assert api.post(SO, dict(base, customer_id="1")).status_code == 422
    assert ok(api.get(SO))["items"] == []


def test_negative_or_zero_unit_price_rules(api, site):
    base = {"customer_id": site.customer["id"], "warehouse_id": site.warehouse["id"]}
    line = {"product_id": site.product["id"], "qty_ordered": 1}
    assert api.post(SO, dict(base, lines=[dict(line, unit_price=-1)])).status_code == 422
    free = ok(api.post(SO, dict(base, lines=[dict(line, unit_price=0)])), 201)
    assert line_of(free)["unit_price"] == 0


@pytest.mark.parametrize("change, status, code", [
    ({"qty": "1.5"}, 422, "fractional_quantity"),
    ({"qty": 0}, 422, "invalid"),
    ({"qty": -1}, 422, "invalid"),
    ({"location_id": 999}, 422, "unknown_location"),
    ({"lot_id": 999}, 422, "unknown_lot"),
    ({"order_line_id": 999}, 422, "unknown_line"),
    ({"order_line_id": None}, 422, "invalid"),
    ({"extra": 1}, 422, "invalid"),
])
def test_bad_pick_changes_nothing(api, site, order_in, change, status, code):
    order = order_in("confirmed")
    body = {"order_line_id": line_of(order)["id"], "qty": 1, "location_id": site.bin["id"],
            **change}
    response = api.post(f"{SO}/{order['id']}/picks", {k: v for k, v in body.items()
                                                      if v is not None})
    assert response.status_code == status and response.json["error"]["code"] == code
    assert get_order(api, order) == order
    assert balance(api, site.product, site.bin) == 10


def test_pick_of_a_lot_of_another_product_is_refused(api, site, order_in):
    other = make_product(api)
    lot = ok(api.post(f"/api/v1/products/{other['id']}/lots", {"code": "X"}))
    order = order_in("confirmed")
    response = api.post(f"{SO}/{order['id']}/picks", {"order_line_id": line_of(order)["id"],
                                                      "qty": 1, "location_id": site.bin["id"],
                                                      "lot_id": lot["id"]})
    assert response.status_code == 422 and response.json["error"]["code"] == "wrong_lot"
    assert get_order(api, order) == order


def test_line_of_another_order_cannot_be_picked(api, site, order_in):
    order, other = order_in("confirmed"), order_in("confirmed")
    response = api.post(f"{SO}/{order['id']}/picks", {"order_line_id": line_of(other)["id"],
                                                      "qty": 1, "location_id": site.bin["id"]})
    assert response.status_code == 422 and response.json["error"]["code"] == "unknown_line"
    assert get_order(api, order) == order and get_order(api, other) == other


@pytest.mark.parametrize("qty, code", [("0.5", "fractional_quantity"), (0, "invalid"),
                                       (-1, "invalid")])
def test_bad_short_changes_nothing(api, site, order_in, qty, code):
    order = order_in("confirmed")
    response = api.post(f"{SO}/{order['id']}/short", {"order_line_id": line_of(order)["id"],
                                                      "qty": qty})
    assert response.status_code == 422 and response.json["error"]["code"] == code
    assert get_order(api, order) == order
    assert level(api, site.product, site.warehouse)["reserved"] == 4


@pytest.mark.parametrize("qty, code", [("1.5", "fractional_quantity"), (0, "invalid"),
                                       (-1, "invalid")])
def test_bad_return_quantity_changes_nothing(api, site, qty, code):
    response = api.post("/api/v1/sales-returns", {
        "warehouse_id": site.warehouse["id"], "reason": "x", "disposition": "restock",
        "lines": [{"product_id": site.product["id"], "qty": qty, "location_id": site.bin["id"]}]})
    assert response.status_code == 422 and response.json["error"]["code"] == code
    assert balance(api, site.product, site.bin) == 10


@pytest.mark.parametrize("verb", ["confirm", "cancel", "ship", "picks", "short"])
def test_actions_on_an_unknown_order_are_404(api, site, verb):
    body = {"order_line_id": 1, "qty": 1, "location_id": site.bin["id"]} if verb == "picks" \
        else {"order_line_id": 1, "qty": 1} if verb == "short" else None
    response = api.post(f"{SO}/999/{verb}", body)
    assert response.status_code == 404 and response.json["error"]["code"] == "not_found"
    assert api.get(f"{SO}/999").status_code == 404
    assert api.get(f"{SO}/999/pick-list").status_code == 404
