"""Purchase returns: received goods go back, never more than arrived and was not yet returned."""
import pytest

from tests.backend.factories import balance, make_location, make_product, make_warehouse, ok
from tests.backend.purchasing.factories import PO, get_order, make_order, receive, submit


def _return(api, order, site, qty, line=None, key=None, **fields):
    line = line or order["lines"][0]
    return api.post(f"{PO}/{order['id']}/returns", {"reason": "damaged", "lines": [
        {"order_line_id": line["id"], "qty": qty, "location_id": site.bin["id"], **fields}]},
        key=key)


@pytest.fixture
def received(api, site, approved):
    ok(receive(api, approved, approved["lines"][0], 6, site.bin))
    return get_order(api, approved)


def test_return_takes_stock_out_and_counts_on_the_line(api, site, received):
    response = _return(api, received, site, 2)
    assert response.status_code == 201
    assert ok(api.get(response.headers["Location"]))["reason"] == "damaged"
    assert balance(api, site.product, site.bin) == 4
    order = get_order(api, received)
    line = order["lines"][0]
    assert (line["qty_received"], line["qty_returned"], line["outstanding"]) == (6, 2, 4)
    assert (order["amount_received"], order["amount_returned"]) == (24, 8)
    assert [r["lines"][0]["qty"] for r in order["returns"]] == [2]


def test_return_posts_a_negative_purchase_return_move(api, site, received):
    purchase_return = ok(_return(api, received, site, 2))
    moves = ok(api.get(f"/api/v1/stock/moves?doc_type=purchase_return&doc_id={purchase_return['id']}"))
    assert [(m["qty"], m["reason"]) for m in moves["items"]] == [(-2, "purchase_return")]


def test_returning_more_than_received_is_refused_and_changes_nothing(api, site, received):
    response = _return(api, received, site, 7)
    assert response.status_code == 409
    assert response.json["error"]["code"] == "exceeds_returnable"
    assert "at most 6" in response.json["error"]["message"]
    assert balance(api, site.product, site.bin) == 6
    assert get_order(api, received) == received


def test_what_was_already_returned_cannot_be_returned_again(api, site, received):
    ok(_return(api, received, site, 4))
    response = _return(api, received, site, 3)
    assert response.status_code == 409 and "at most 2" in response.json["error"]["message"]
    ok(_return(api, received, site, 2))
    assert get_order(api, received)["lines"][0]["qty_returned"] == 6


def test_lines_of_one_request_together_cannot_exceed_what_arrived(api, site, received):
    line = {"order_line_id": received["lines"][0]["id"], "qty": 4, "location_id": site.bin["id"]}
    response = api.post(f"{PO}/{received['id']}/returns", {"reason": "x", "lines": [line, line]})
    assert response.status_code == 409 and response.json["error"]["field"] == "lines.1.qty"
    assert balance(api, site.product, site.bin) == 6


def test_over_received_goods_can_all_be_returned(api, site, approved):
    ok(receive(api, approved, approved["lines"][0], 12, site.bin, allow_over=True))
    ok(_return(api, approved, site, 12))
    assert balance(api, site.product, site.bin) == 0


@pytest.mark.parametrize("state", ["draft", "pending_approval", "cancelled"])
def test_return_on_an_order_that_never_received_is_409(api, site, order_in, state):
    order = order_in(state)
    response = _return(api, order, site, 1)
    assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"


def test_return_on_a_closed_order_is_allowed_within_what_arrived(api, site, order_in):
    order = order_in("closed")
    ok(_return(api, order, site, 10))
    assert _return(api, order, site, 1).status_code == 409


def test_return_of_goods_no_longer_in_the_location_is_409(api, site, received):
    other_bin = make_location(api, site.warehouse)
    response = api.post(f"{PO}/{received['id']}/returns", {"reason": "x", "lines": [
        {"order_line_id": received["lines"][0]["id"], "qty": 1, "location_id": other_bin["id"]}]})
    assert response.status_code == 409 and response.json["error"]["code"] == "insufficient_stock"
    assert get_order(api, received) == received


def test_lot_tracked_return_needs_the_lot(api, site):
    product = make_product(api, tracks_lots=True)
    order = submit(api, make_order(api, site.supplier, site.warehouse, [(product, 5, 1)]))
    lot_id = ok(receive(api, order, order["lines"][0], 5, site.bin, lot="L1"))["lines"][0]["lot_id"]
    response = _return(api, order, site, 1)
    assert response.status_code == 422 and response.json["error"]["code"] == "lot_required"
    ok(_return(api, order, site, 2, lot_id=lot_id))
    rows = ok(api.get(f"/api/v1/stock?product_id={product['id']}"))["items"]
    assert [(r["lot"], r["on_hand"]) for r in rows] == [("L1", 3)]


@pytest.mark.parametrize("fields,field", [
    ({"qty": 0.5}, "lines.0.qty"),
    ({"qty": 0}, "lines.0.qty"),
    ({"qty": -1}, "lines.0.qty"),
    ({"order_line_id": 999}, "lines.0.order_line_id"),
])
def test_bad_return_line_is_422_and_changes_nothing(api, site, received, fields, field):
    line = {"order_line_id": received["lines"][0]["id"], "qty": 1, "location_id": site.bin["id"],
            **fields}
    response = api.post(f"{PO}/{received['id']}/returns", {"reason": "x", "lines": [line]})
    assert response.status_code == 422 and response.json["error"]["field"] == field
    assert get_order(api, received) == received


def test_location_of_another_warehouse_is_refused_for_a_return(api, site, received):
    elsewhere = make_location(api, make_warehouse(api))
    response = api.post(f"{PO}/{received['id']}/returns", {"reason": "x", "lines": [
        {"order_line_id": received["lines"][0]["id"], "qty": 1, "location_id": elsewhere["id"]}]})
    assert response.status_code == 422 and response.json["error"]["code"] == "wrong_warehouse"


def test_replayed_return_changes_nothing(api, site, received):
    first = _return(api, received, site, 2, key="ret-1")
    again = _return(api, received, site, 2, key="ret-1")
    assert (again.status_code, again.json) == (first.status_code, first.json)
    assert balance(api, site.product, site.bin) == 4
    assert get_order(api, received)["lines"][0]["qty_returned"] == 2
