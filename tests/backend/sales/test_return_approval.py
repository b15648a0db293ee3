"""Returns with a reason code; above RETURN_APPROVAL_AMOUNT they wait for a manager."""
import pytest

from tests.backend.factories import balance, limited_client, make_warehouse, ok
from tests.backend.sales.factories import get_order, line_of

URL = "/api/v1/sales-returns"


@pytest.fixture
def threshold(app):
    """Returns worth more than 10 (the product sells at 5) need approval."""
    app.extensions["settings"].return_approval_amount = "10"


def ret(api, site, order, qty, reason_code="damaged", **extra):
    return api.post(URL, {"warehouse_id": site.warehouse["id"], "order_id": order["id"],
                          "reason_code": reason_code, "disposition": "restock",
                          "lines": [{"product_id": site.product["id"], "qty": qty,
                                     "location_id": site.bin["id"]}], **extra})


def pending_approval(api, sales_return):
    items = ok(api.get("/api/v1/approvals?status=pending&kind=sales_return"))["items"]
    return next(a for a in items if a["doc_id"] == sales_return["id"])


@pytest.mark.parametrize("code", ["damaged", "wrong_item", "not_wanted", "defective", "other"])
def test_a_reason_button_is_enough(api, site, order_in, code):
    body = ok(ret(api.as_user("picker"), site, order_in("shipped"), 1, code), 201)
    assert (body["reason_code"], body["reason"], body["status"]) == (code, code, "completed")


def test_a_reason_in_words_goes_with_the_code(api, site, order_in):
    body = ok(ret(api, site, order_in("shipped"), 1, "other", reason="left in the rain"))
    assert (body["reason_code"], body["reason"]) == ("other", "left in the rain")


@pytest.mark.parametrize("change", [{"reason_code": "broken"}, {"reason_code": None}])
def test_an_unknown_reason_code_is_422(api, site, order_in, change):
    order = order_in("shipped")
    response = api.post(URL, {"warehouse_id": site.warehouse["id"], "order_id": order["id"],
                              "disposition": "quarantine",
                              "lines": [{"product_id": site.product["id"], "qty": 1}], **change})
    assert response.status_code == 422 and response.json["error"]["field"] == "reason_code"
    assert balance(api, site.product, site.quarantine) == 0


def test_no_reason_at_all_is_422(api, site, order_in):
    order = order_in("shipped")
    response = api.post(URL, {"warehouse_id": site.warehouse["id"], "order_id": order["id"],
                              "disposition": "quarantine",
                              "lines": [{"product_id": site.product["id"], "qty": 1}]})
    assert response.status_code == 422 and response.json["error"]["field"] == "reason"


def test_a_return_at_the_limit_takes_effect_at_once(api, site, order_in, threshold):
    body = ok(ret(api, site, order_in("shipped"), 2))  # 2 x 5 = 10: not above
    assert (body["status"], body["approval_id"]) == ("completed", None)
    assert balance(api, site.product, site.bin) == 8


def test_a_return_above_the_limit_waits_for_approval_and_moves_nothing(api, site, order_in,
                                                                       threshold):
    order = order_in("shipped")
    body = ok(ret(api.as_user("picker"), site, order, 3), 201)  # 15
    assert body["status"] == "pending_approval"
    approval = pending_approval(api, body)
    assert (approval["id"], approval["amount"], approval["doc_type"]) == \
        (body["approval_id"], 15, "sales_return")
    assert balance(api, site.product, site.bin) == 6
    assert ok(api.get(f"/api/v1/stock/moves?doc_type=sales_return&doc_id={body['id']}"))[
        "items"] == []
    # The units are spoken for: the same units cannot come back twice meanwhile.
    assert line_of(get_order(api, order))["qty_returned"] == 3
    assert ret(api, site, order, 2).status_code == 409


def test_approval_books_the_return_into_the_bin(api, site, order_in, threshold):
    body = ok(ret(api.as_user("picker"), site, order_in("shipped"), 3))
    ok(api.as_user("boss").post(f"/api/v1/approvals/{body['approval_id']}/approve", {}))
    assert ok(api.get(f"{URL}/{body['id']}"))["status"] == "completed"
    assert balance(api, site.product, site.bin) == 9
    moves = ok(api.get(f"/api/v1/stock/moves?doc_type=sales_return&doc_id={body['id']}"))
    assert [(m["location_id"], m["qty"]) for m in moves["items"]] == [(site.bin["id"], 3)]


def test_rejection_gives_the_units_back_to_the_order(api, site, order_in, threshold):
    order = order_in("shipped")
    body = ok(ret(api.as_user("picker"), site, order, 3))
    ok(api.as_user("boss").post(f"/api/v1/approvals/{body['approval_id']}/reject", {}))
    assert ok(api.get(f"{URL}/{body['id']}"))["status"] == "rejected"
    assert balance(api, site.product, site.bin) == 6
    assert line_of(get_order(api, order))["qty_returned"] == 0


def test_nobody_approves_their_own_return(api, site, order_in, threshold):
    body = ok(ret(api.as_user("boss"), site, order_in("shipped"), 3))
    response = api.as_user("boss").post(f"/api/v1/approvals/{body['approval_id']}/approve", {})
    assert response.status_code == 403
    assert balance(api, site.product, site.bin) == 6


def test_a_limited_user_cannot_return_on_another_warehouses_order(api, app, site, order_in):
    order = order_in("shipped")
    mine = make_warehouse(api)
    client = limited_client(api, app, [mine])
    response = client.post(URL, {"warehouse_id": mine["id"], "order_id": order["id"],
                                 "reason_code": "damaged", "disposition": "quarantine",
                                 "lines": [{"product_id": site.product["id"], "qty": 1}]})
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"
    assert line_of(get_order(api, order))["qty_returned"] == 0


def test_the_return_list_keeps_to_the_users_warehouses(api, app, site, order_in):
    ok(ret(api, site, order_in("shipped"), 1))
    client = limited_client(api, app, [make_warehouse(api)])
    assert ok(client.get(URL))["items"] == []
    assert len(ok(api.get(URL))["items"]) == 1
