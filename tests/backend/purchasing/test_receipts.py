"""Receipts against a PO: stock in, incoming out, over- and under-receipt visible."""
import pytest

from tests.backend.factories import balance, level, make_location, make_product, make_warehouse, ok
from tests.backend.purchasing.factories import PO, get_order, make_order, receive, submit


def test_full_receipt_puts_stock_on_hand_and_marks_the_order_received(api, site, approved):
    response = receive(api, approved, approved["lines"][0], 10, site.bin)
    assert response.status_code == 201
    assert (response.json["order_status"], response.json["over_received"]) == ("received", False)
    assert balance(api, site.product, site.bin) == 10
    line = get_order(api, approved)["lines"][0]
    assert (line["qty_received"], line["outstanding"], line["over_received"]) == (10, 0, 0)
    assert level(api, site.product, site.warehouse)["incoming"] == 0


def test_receipt_posts_a_receipt_move_at_the_line_cost(api, site, approved):
    receipt = ok(receive(api, approved, approved["lines"][0], 3, site.bin))
    moves = ok(api.get(f"/api/v1/stock/moves?doc_type=receipt&doc_id={receipt['id']}"))["items"]
    assert [(m["product_id"], m["location_id"], m["qty"], m["reason"], m["device"]) for m in moves] \
        == [(site.product["id"], site.bin["id"], 3, "receipt", "test-device")]


def test_partial_receipt_leaves_the_rest_outstanding_and_incoming(api, site, approved):
    receipt = ok(receive(api, approved, approved["lines"][0], 4, site.bin))
    assert receipt["order_status"] == "partly_received"
    assert [(l["qty"], l["qty_received"], l["outstanding"]) for l in receipt["lines"]] == [(4, 4, 6)]
    assert level(api, site.product, site.warehouse)["incoming"] == 6


def test_second_partial_receipt_completes_the_order(api, site, approved):
    ok(receive(api, approved, approved["lines"][0], 4, site.bin))
    assert ok(receive(api, approved, approved["lines"][0], 6, site.bin))["order_status"] == "received"
    order = get_order(api, approved)
    assert (order["status"], len(order["receipts"])) == ("received", 2)
    assert [r["lines"][0]["qty"] for r in order["receipts"]] == [4, 6]


def test_order_is_received_only_when_every_line_is(api, site):
    other = make_product(api)
    order = submit(api, make_order(api, site.supplier, site.warehouse,
                                   [(site.product, 2, 1), (other, 3, 1)]))
    assert ok(receive(api, order, order["lines"][0], 2, site.bin))["order_status"] == "partly_received"
    assert ok(receive(api, order, order["lines"][1], 3, site.bin))["order_status"] == "received"


@pytest.mark.parametrize("received_before, qty", [(0, 11), (4, 7), (10, 1)])
def test_over_receipt_is_refused_unless_confirmed(api, site, approved, received_before, qty):
    line = approved["lines"][0]
    if received_before:
        ok(receive(api, approved, line, received_before, site.bin))
    response = receive(api, approved, line, qty, site.bin)
    assert response.status_code == 409
    error = response.json["error"]
    assert (error["code"], error["field"], error["order_line_id"], error["outstanding"]) == \
        ("over_receipt", "lines.0.qty", line["id"], str(10 - received_before))
    assert balance(api, site.product, site.bin) == received_before  # nothing moved
    assert get_order(api, approved)["lines"][0]["qty_received"] == received_before


def test_confirmed_over_receipt_is_accepted_and_shown(api, site, approved):
    receipt = ok(receive(api, approved, approved["lines"][0], 12, site.bin, allow_over=True))
    assert (receipt["order_status"], receipt["over_received"]) == ("received", True)
    assert receipt["warnings"][0]["code"] == "over_received"
    assert [(l["qty_received"], l["outstanding"], l["over_received"]) for l in receipt["lines"]] \
        == [(12, 0, 2)]
    line = get_order(api, approved)["lines"][0]
    assert (line["qty_ordered"], line["qty_received"], line["over_received"]) == (10, 12, 2)
    assert level(api, site.product, site.warehouse)["incoming"] == 0
    assert balance(api, site.product, site.bin) == 12


def test_receiving_more_on_a_received_order_keeps_incoming_at_zero(api, site, approved):
    ok(receive(api, approved, approved["lines"][0], 10, site.bin))
    receipt = ok(receive(api, approved, approved["lines"][0], 1, site.bin, allow_over=True))
    assert (receipt["order_status"], receipt["lines"][0]["over_received"]) == ("received", 1)
    assert level(api, site.product, site.warehouse)["incoming"] == 0


def test_receipt_by_product_finds_the_products_line(api, site, approved):
    response = api.post(f"{PO}/{approved['id']}/receipts", {"lines": [
        {"product_id": site.product["id"], "qty": 2, "location_id": site.bin["id"]}]})
    assert ok(response, 201)["lines"][0]["order_line_id"] == approved["lines"][0]["id"]
    assert get_order(api, approved)["lines"][0]["qty_received"] == 2


def test_receipt_can_be_read_back_from_its_location(api, site, approved):
    response = receive(api, approved, approved["lines"][0], 2, site.bin)
    again = ok(api.get(response.headers["Location"]))
    assert (again["id"], again["order_status"], again["lines"][0]["qty"]) == \
        (response.json["id"], "partly_received", 2)


def test_amount_received_is_what_the_supplier_will_bill(api, site):
    other = make_product(api)
    order = submit(api, make_order(api, site.supplier, site.warehouse,
                                   [(site.product, 10, 4), (other, 5, 1.25)]))
    ok(receive(api, order, order["lines"][0], 3, site.bin))
    ok(receive(api, order, order["lines"][1], 2, site.bin))
    order = get_order(api, order)
    assert (order["total"], order["amount_received"]) == (46.25, 14.5)


@pytest.mark.parametrize("state", ["draft", "pending_approval", "cancelled", "closed"])
def test_receiving_on_an_order_not_open_for_goods_is_409(api, site, order_in, state):
    order = order_in(state)
    on_hand = balance(api, site.product, site.bin)
    response = receive(api, order, order["lines"][0], 1, site.bin)
    assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"
    assert state in response.json["error"]["message"]
    assert balance(api, site.product, site.bin) == on_hand
    assert get_order(api, order) == order


def test_lot_tracked_product_needs_a_lot(api, site):
    product = make_product(api, tracks_lots=True)
    order = submit(api, make_order(api, site.supplier, site.warehouse, [(product, 5, 1)]))
    response = receive(api, order, order["lines"][0], 5, site.bin)
    assert response.status_code == 422
    assert (response.json["error"]["code"], response.json["error"]["field"]) == ("lot_required", "lines.0.lot")
    assert balance(api, product, site.bin) == 0


def test_receipt_with_a_lot_creates_the_lot_and_stocks_it(api, site):
    product = make_product(api, tracks_lots=True)
    order = submit(api, make_order(api, site.supplier, site.warehouse, [(product, 5, 1)]))
    receipt = ok(receive(api, order, order["lines"][0], 5, site.bin, lot="L42", expiry="2027-06-30"))
    rows = ok(api.get(f"/api/v1/stock?product_id={product['id']}"))["items"]
    assert [(r["lot_id"], r["lot"], r["expiry"], r["on_hand"]) for r in rows] == \
        [(receipt["lines"][0]["lot_id"], "L42", "2027-06-30", 5)]


def test_known_lot_with_another_expiry_is_refused(api, site):
    product = make_product(api, tracks_lots=True)
    order = submit(api, make_order(api, site.supplier, site.warehouse, [(product, 5, 1)]))
    ok(receive(api, order, order["lines"][0], 2, site.bin, lot="L42", expiry="2027-06-30"))
    response = receive(api, order, order["lines"][0], 2, site.bin, lot="L42", expiry="2027-07-31")
    assert response.status_code == 422
    assert (response.json["error"]["code"], response.json["error"]["field"]) == \
        ("lot_expiry_mismatch", "lines.0.expiry")
    assert balance(api, product, site.bin) == 2


def test_lot_on_a_product_without_lots_is_refused(api, site, approved):
    response = receive(api, approved, approved["lines"][0], 1, site.bin, lot="L1")
    assert response.status_code == 422 and response.json["error"]["code"] == "lot_not_tracked"


def test_location_of_another_warehouse_is_refused(api, site, approved):
    elsewhere = make_location(api, make_warehouse(api))
    response = receive(api, approved, approved["lines"][0], 1, elsewhere)
    assert response.status_code == 422
    assert (response.json["error"]["code"], response.json["error"]["field"]) == \
        ("wrong_warehouse", "lines.0.location_id")
    assert balance(api, site.product, elsewhere) == 0
    assert get_order(api, approved)["lines"][0]["qty_received"] == 0


def _line(approved, site, **fields):
    line = {"order_line_id": approved["lines"][0]["id"], "qty": 1, "location_id": site.bin["id"],
            **fields}
    return {k: v for k, v in line.items() if v is not None}


@pytest.mark.parametrize("fields,status,field", [
    ({"qty": 1.5}, 422, "lines.0.qty"),
    ({"qty": 0}, 422, "lines.0.qty"),
    ({"qty": -1}, 422, "lines.0.qty"),
    ({"qty": "two"}, 422, "lines.0.qty"),
    ({"qty": 1.0001}, 422, "lines.0.qty"),
    ({"qty": None}, 422, "lines.0.qty"),
    ({"order_line_id": 999}, 422, "lines.0.order_line_id"),
    ({"order_line_id": None, "product_id": 999}, 422, "lines.0.product_id"),
    ({"order_line_id": None}, 422, "lines.0.order_line_id"),
    ({"product_id": 1}, 422, "lines.0.order_line_id"),
    ({"location_id": 999}, 422, "lines.0.location_id"),
    ({"location_id": None}, 422, "lines.0.location_id"),
    ({"expiry": "2027-01-01"}, 422, "lines.0.expiry"),
    ({"colour": "red"}, 422, "lines.0.colour"),
])
def test_bad_receipt_line_is_4xx_and_changes_nothing(api, site, approved, fields, status, field):
    response = api.post(f"{PO}/{approved['id']}/receipts", {"lines": [_line(approved, site, **fields)]})
    assert response.status_code == status, response.json
    assert response.json["error"]["field"] == field
    assert balance(api, site.product, site.bin) == 0
    assert level(api, site.product, site.warehouse)["incoming"] == 10
    assert get_order(api, approved) == approved


def test_receipt_without_lines_is_422(api, approved):
    assert api.post(f"{PO}/{approved['id']}/receipts", {"lines": []}).status_code == 422


def test_one_bad_line_rolls_back_the_whole_receipt(api, site, approved):
    response = api.post(f"{PO}/{approved['id']}/receipts", {"lines": [
        _line(approved, site, qty=2), _line(approved, site, order_line_id=999)]})
    assert response.status_code == 422 and response.json["error"]["field"] == "lines.1.order_line_id"
    assert balance(api, site.product, site.bin) == 0
    assert get_order(api, approved) == approved
    assert ok(api.get(f"/api/v1/products/{site.product['id']}"))["cost"] == 2


def test_replayed_receipt_changes_nothing_and_answers_the_same(api, site, approved):
    first = receive(api, approved, approved["lines"][0], 4, site.bin, key="scan-1")
    again = receive(api, approved, approved["lines"][0], 4, site.bin, key="scan-1")
    assert (again.status_code, again.json, again.headers["Location"]) == \
        (first.status_code, first.json, first.headers["Location"])
    assert again.headers["Idempotent-Replayed"] == "true"
    assert balance(api, site.product, site.bin) == 4
    order = get_order(api, approved)
    assert (order["lines"][0]["qty_received"], len(order["receipts"])) == (4, 1)
    assert level(api, site.product, site.warehouse)["incoming"] == 6


def test_same_scan_with_a_new_key_is_a_second_receipt(api, site, approved):
    receive(api, approved, approved["lines"][0], 4, site.bin, key="scan-1")
    receive(api, approved, approved["lines"][0], 4, site.bin, key="scan-2")
    assert balance(api, site.product, site.bin) == 8


def test_decimal_quantities_of_a_weighed_product_are_received_exactly(api, site):
    product = make_product(api, unit="kg", unit_decimals=3)
    order = submit(api, make_order(api, site.supplier, site.warehouse, [(product, 2.5, 3)]))
    receipt = ok(receive(api, order, order["lines"][0], 1.125, site.bin))
    assert (receipt["lines"][0]["qty_received"], receipt["lines"][0]["outstanding"]) == (1.125, 1.375)
    assert level(api, product, site.warehouse)["incoming"] == 1.375


def test_a_scanned_receipt_is_audited_record_by_record(api, site, approved):
    receipt = ok(receive(api, approved, approved["lines"][0], 4, site.bin))
    found = ok(api.as_user("boss").get("/api/v1/audit?action=purchasing.receive_purchase_order&limit=50"))["items"]
    changes = {e["target_type"]: (e["before"], e["after"]) for e in found}
    assert set(changes) == {"receipt", "receipt_line", "purchase_order_line", "purchase_order",
                            "product"}  # the moving-average cost
    assert changes["product"][1] == {"cost": "4"}
    assert changes["receipt"][1]["id"] == receipt["id"] and changes["receipt"][1]["device"] == "test-device"
    assert changes["receipt_line"][1]["qty"] == "4"
    assert changes["purchase_order_line"] == ({"qty_received": "0"}, {"qty_received": "4"})
    assert changes["purchase_order"][0]["status"] == "approved"
    assert changes["purchase_order"][1]["status"] == "partly_received"
