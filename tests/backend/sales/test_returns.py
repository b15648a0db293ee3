"""Sales returns: one tap, restock to a bin or quarantine, limited to what was shipped."""
import pytest

from tests.backend.factories import balance, level, make_location, make_product, make_warehouse, ok
from tests.backend.sales.factories import get_order, line_of

URL = "/api/v1/sales-returns"


def ret(api, site, lines, disposition="restock", order=None, **extra):
    body = {"warehouse_id": site.warehouse["id"], "reason": "damaged box",
            "disposition": disposition, "lines": lines, **extra}
    if order is not None:
        body["order_id"] = order["id"]
    return api.post(URL, body)


def return_moves(api, sales_return):
    items = ok(api.get(f"/api/v1/stock/moves?doc_type=sales_return&doc_id={sales_return['id']}"))
    return [(m["product_id"], m["location_id"], m["qty"], m["reason"]) for m in items["items"]]


def test_restock_puts_units_back_in_the_named_bin(api, site, order_in):
    order = order_in("shipped")  # 4 shipped from the bin: 6 left
    response = ret(api, site, [{"product_id": site.product["id"], "qty": 2,
                                "location_id": site.bin["id"]}], order=order)
    body = ok(response, 201)
    assert response.headers["Location"] == f"{URL}/{body['id']}"
    assert (body["order_id"], body["disposition"], body["reason"]) == \
        (order["id"], "restock", "damaged box")
    assert [(l["product_id"], l["qty"], l["order_line_id"]) for l in body["lines"]] == \
        [(site.product["id"], 2, line_of(order)["id"])]
    assert balance(api, site.product, site.bin) == 8
    assert return_moves(api, body) == [(site.product["id"], site.bin["id"], 2, "sales_return")]
    assert line_of(get_order(api, order))["qty_returned"] == 2


def test_quarantine_puts_units_in_the_quarantine_area(api, site, order_in):
    order = order_in("shipped")
    body = ok(ret(api, site, [{"product_id": site.product["id"], "qty": 3}], "quarantine",
                  order=order), 201)
    assert balance(api, site.product, site.quarantine) == 3
    assert balance(api, site.product, site.bin) == 6
    assert return_moves(api, body) == [(site.product["id"], site.quarantine["id"], 3,
                                        "sales_return")]
    # Quarantined units are not sellable: the warehouse's on hand is its bins and staging.
    assert level(api, site.product, site.warehouse)["on_hand"] == 6


def test_return_without_an_order_is_allowed(api, site):
    body = ok(ret(api, site, [{"product_id": site.product["id"], "qty": 1,
                               "location_id": site.bin["id"]}]), 201)
    assert body["order_id"] is None and balance(api, site.product, site.bin) == 11


@pytest.mark.parametrize("earlier, qty", [(0, 5), (3, 2), (4, 1)])
def test_returning_more_than_shipped_minus_returned_is_409(api, site, order_in, earlier, qty):
    order = order_in("shipped")  # 4 shipped
    line = {"product_id": site.product["id"], "location_id": site.bin["id"]}
    if earlier:
        ok(ret(api, site, [dict(line, qty=earlier)], order=order))
    response = ret(api, site, [dict(line, qty=qty)], order=order)
    assert response.status_code == 409
    assert response.json["error"]["code"] == "return_exceeds_shipped"
    assert response.json["error"]["returnable"] == str(4 - earlier)
    assert balance(api, site.product, site.bin) == 6 + earlier
    assert line_of(get_order(api, order))["qty_returned"] == earlier


def test_two_lines_of_one_return_count_together_against_the_order(api, site, order_in):
    order = order_in("shipped")
    line = {"product_id": site.product["id"], "location_id": site.bin["id"], "qty": 3}
    assert ret(api, site, [line, line], order=order).status_code == 409
    assert balance(api, site.product, site.bin) == 6
    assert ok(api.get(f"{URL}?order_id={order['id']}"))["items"] == []


def test_return_against_an_order_not_yet_shipped_is_a_bad_state(api, site, order_in):
    order = order_in("picked")
    response = ret(api, site, [{"product_id": site.product["id"], "qty": 1,
                                "location_id": site.bin["id"]}], order=order)
    assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"


def test_product_not_on_the_order_is_refused(api, site, order_in):
    order = order_in("shipped")
    other = make_product(api)
    response = ret(api, site, [{"product_id": other["id"], "qty": 1,
                                "location_id": site.bin["id"]}], order=order)
    assert response.status_code == 422 and response.json["error"]["code"] == "not_on_order"
    assert balance(api, other, site.bin) == 0


@pytest.mark.parametrize("line, code", [
    ({"qty": 1}, "location_required"),
    ({"qty": 1, "location_id": "staging"}, "not_a_bin"),
    ({"qty": 1, "location_id": "foreign"}, "wrong_warehouse"),
])
def test_restock_needs_a_bin_of_the_warehouse(api, site, line, code):
    places = {"staging": site.staging["id"],
              "foreign": make_location(api, make_warehouse(api))["id"]}
    if "location_id" in line:
        line = dict(line, location_id=places[line["location_id"]])
    response = ret(api, site, [dict(line, product_id=site.product["id"])])
    assert response.status_code == 422 and response.json["error"]["code"] == code
    assert level(api, site.product, site.warehouse)["on_hand"] == 10


def test_quarantine_refuses_a_location(api, site):
    response = ret(api, site, [{"product_id": site.product["id"], "qty": 1,
                                "location_id": site.bin["id"]}], "quarantine")
    assert response.status_code == 422
    assert balance(api, site.product, site.bin) == 10


@pytest.mark.parametrize("body", [
    {"reason": ""}, {"disposition": "bin"}, {"lines": []}, {"reason": None},
])
def test_return_needs_reason_disposition_and_lines(api, site, body):
    full = {"warehouse_id": site.warehouse["id"], "reason": "x", "disposition": "quarantine",
            "lines": [{"product_id": site.product["id"], "qty": 1}]}
    assert api.post(URL, dict(full, **body)).status_code == 422
    assert balance(api, site.product, site.quarantine) == 0


def test_returns_can_be_listed_and_fetched(api, site, order_in):
    order = order_in("shipped")
    first = ok(ret(api, site, [{"product_id": site.product["id"], "qty": 1}], "quarantine",
                   order=order))
    second = ok(ret(api, site, [{"product_id": site.product["id"], "qty": 1,
                                 "location_id": site.bin["id"]}]))
    assert [r["id"] for r in ok(api.get(URL))["items"]] == [first["id"], second["id"]]
    assert [r["id"] for r in ok(api.get(f"{URL}?order_id={order['id']}"))["items"]] == \
        [first["id"]]
    assert ok(api.get(f"{URL}/{second['id']}")) == second
    assert api.get(f"{URL}/999").status_code == 404


def test_quarantined_units_cannot_be_promised_to_a_customer(api, site, order_in):
    from tests.backend.factories import make_partner
    from tests.backend.sales.factories import act, make_order
    ok(ret(api, site, [{"product_id": site.product["id"], "qty": 3}], "quarantine",
           order=order_in("shipped")), 201)  # 6 left in the bin, 3 in quarantine
    order = make_order(api, make_partner(api, "customers"), site.warehouse,
                       [(site.product, 7)])
    response = act(api, order, "confirm")
    assert response.status_code == 409 and response.json["error"]["code"] == "insufficient_stock"
