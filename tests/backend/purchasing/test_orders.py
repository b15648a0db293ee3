"""Purchase orders: drafts, editing, submission, approval, cancel and close."""
import pytest

from tests.backend.factories import level, make_partner, make_product, make_warehouse, ok
from tests.backend.purchasing.factories import PO, approve_pending, get_order, make_order, submit

STATES = ("draft", "pending_approval", "approved", "partly_received", "received", "closed",
          "cancelled")


def test_new_order_is_a_numbered_draft_with_its_lines_and_total(api, site):
    other = make_product(api)
    order = make_order(api, site.supplier, site.warehouse, [(site.product, 10, 4), (other, 3, 2.5)])
    assert (order["number"], order["status"], order["total"]) == ("PO-000001", "draft", 47.5)
    assert [(l["product_id"], l["qty_ordered"], l["unit_cost"], l["amount"]) for l in order["lines"]] \
        == [(site.product["id"], 10, 4, 40), (other["id"], 3, 2.5, 7.5)]


def test_create_returns_location_of_the_order(api, site):
    response = api.post(PO, {"supplier_id": site.supplier["id"], "warehouse_id": site.warehouse["id"]})
    assert response.status_code == 201
    assert ok(api.get(response.headers["Location"]))["id"] == response.json["id"]


def test_draft_adds_no_incoming(api, site):
    make_order(api, site.supplier, site.warehouse, [(site.product, 10, 4)])
    assert level(api, site.product, site.warehouse)["incoming"] == 0


@pytest.mark.parametrize("line,field,code", [
    ({"product_id": 999, "qty_ordered": 1, "unit_cost": 1}, "lines.0.product_id", "unknown_product"),
    ({"product_id": "P", "qty_ordered": 1, "unit_cost": 1}, "lines.0.product_id", "invalid"),
    ({"product_id": None, "qty_ordered": 1, "unit_cost": 1}, "lines.0.product_id", "invalid"),
    ({"qty_ordered": 1.5, "unit_cost": 1}, "lines.0.qty_ordered", "fractional_quantity"),
    ({"qty_ordered": 0, "unit_cost": 1}, "lines.0.qty_ordered", "invalid"),
    ({"qty_ordered": -2, "unit_cost": 1}, "lines.0.qty_ordered", "invalid"),
    ({"qty_ordered": 1, "unit_cost": -1}, "lines.0.unit_cost", "invalid"),
    ({"qty_ordered": 1}, "lines.0.unit_cost", "invalid"),
])
def test_bad_order_line_is_422_and_no_order_is_created(api, site, line, field, code):
    line = {k: v for k, v in {"product_id": site.product["id"], **line}.items() if v is not None}
    response = api.post(PO, {"supplier_id": site.supplier["id"], "warehouse_id": site.warehouse["id"],
                             "lines": [line]})
    assert response.status_code == 422, response.json
    assert (response.json["error"]["field"], response.json["error"]["code"]) == (field, code)
    assert ok(api.get(PO))["items"] == []


@pytest.mark.parametrize("body,field", [
    ({"supplier_id": 999}, "supplier_id"),
    ({"warehouse_id": 999}, "warehouse_id"),
])
def test_unknown_supplier_or_warehouse_is_422(api, site, body, field):
    body = {"supplier_id": site.supplier["id"], "warehouse_id": site.warehouse["id"], **body}
    response = api.post(PO, body)
    assert response.status_code == 422 and response.json["error"]["field"] == field
    assert ok(api.get(PO))["items"] == []


def test_inactive_supplier_is_refused(api, site):
    ok(api.patch(f"/api/v1/suppliers/{site.supplier['id']}", {"active": False}))
    response = api.post(PO, {"supplier_id": site.supplier["id"], "warehouse_id": site.warehouse["id"]})
    assert response.status_code == 422 and response.json["error"]["code"] == "inactive_supplier"


def test_same_product_twice_is_refused(api, site):
    response = api.post(PO, {"supplier_id": site.supplier["id"], "warehouse_id": site.warehouse["id"],
                             "lines": [{"product_id": site.product["id"], "qty_ordered": 1, "unit_cost": 1}] * 2})
    assert response.status_code == 409 and response.json["error"]["code"] == "duplicate_product"
    assert ok(api.get(PO))["items"] == []


def test_draft_lines_can_be_replaced_added_changed_and_removed(api, site):
    order = make_order(api, site.supplier, site.warehouse, [(site.product, 10, 4)])
    second, third = make_product(api), make_product(api)
    order = ok(api.patch(f"{PO}/{order['id']}", {"notes": "rush", "lines": [
        {"product_id": second["id"], "qty_ordered": 2, "unit_cost": 3}]}))
    assert (order["notes"], [l["product_id"] for l in order["lines"]]) == ("rush", [second["id"]])
    added = api.post(f"{PO}/{order['id']}/lines", {"product_id": third["id"], "qty_ordered": 1, "unit_cost": 1})
    assert added.status_code == 201 and ok(api.get(added.headers["Location"]))["id"] == added.json["id"]
    ok(api.patch(f"{PO}/{order['id']}/lines/{added.json['id']}", {"qty_ordered": 5, "unit_cost": 0.5}))
    order = ok(api.delete(f"{PO}/{order['id']}/lines/{order['lines'][0]['id']}"))
    assert [(l["product_id"], l["qty_ordered"], l["unit_cost"]) for l in order["lines"]] == [(third["id"], 5, 0.5)]
    assert order["total"] == 2.5


def test_line_of_another_order_is_404(api, site):
    first = make_order(api, site.supplier, site.warehouse, [(site.product, 1, 1)])
    second = make_order(api, site.supplier, site.warehouse, [])
    response = api.patch(f"{PO}/{second['id']}/lines/{first['lines'][0]['id']}", {"qty_ordered": 2})
    assert response.status_code == 404


@pytest.mark.parametrize("state", ["pending_approval", "approved", "received"])
@pytest.mark.parametrize("edit", ["patch", "add_line", "change_line", "delete_line"])
def test_only_a_draft_can_be_edited(api, site, order_in, state, edit):
    order = order_in(state)
    url, line_url = f"{PO}/{order['id']}", f"{PO}/{order['id']}/lines/{order['lines'][0]['id']}"
    response = {
        "patch": lambda: api.patch(url, {"notes": "late change"}),
        "add_line": lambda: api.post(f"{url}/lines", {"product_id": make_product(api)["id"],
                                                      "qty_ordered": 1, "unit_cost": 1}),
        "change_line": lambda: api.patch(line_url, {"qty_ordered": 99}),
        "delete_line": lambda: api.delete(line_url),
    }[edit]()
    assert response.status_code == 409
    assert response.json["error"]["code"] == "bad_state" and state in response.json["error"]["message"]
    assert get_order(api, order) == order


def test_submit_at_the_approval_amount_approves_and_makes_stock_incoming(api, site):
    order = make_order(api, site.supplier, site.warehouse, [(site.product, 1000, 5)])
    assert submit(api, order)["status"] == "approved"
    assert level(api, site.product, site.warehouse)["incoming"] == 1000
    assert ok(api.get("/api/v1/approvals"))["items"] == []


def test_submit_above_the_approval_amount_waits_for_approval(api, site):
    order = make_order(api, site.supplier, site.warehouse, [(site.product, 1000, 5.0001)])
    order = submit(api, order)
    assert order["status"] == "pending_approval"
    approval = ok(api.get(f"/api/v1/approvals/{order['approval_id']}"))
    assert (approval["kind"], approval["doc_type"], approval["doc_id"], approval["amount"]) == \
        ("purchase_order", "purchase_order", order["id"], 5000.1)
    assert level(api, site.product, site.warehouse)["incoming"] == 0


def test_approval_amount_comes_from_the_settings(api, app, site):
    app.extensions["settings"].po_approval_amount = "30"
    order = make_order(api, site.supplier, site.warehouse, [(site.product, 10, 4)])
    assert submit(api, order)["status"] == "pending_approval"


def test_approving_releases_the_order_and_makes_stock_incoming(api, site, order_in):
    order = order_in("pending_approval")
    approve_pending(api, order)
    assert get_order(api, order)["status"] == "approved"
    assert get_order(api, order)["approval_id"] is None
    assert level(api, site.product, site.warehouse)["incoming"] == 10


def test_rejecting_sends_the_order_back_to_draft_and_it_can_be_resubmitted(api, site, order_in):
    order = order_in("pending_approval")
    approve_pending(api, order, approved=False)
    assert get_order(api, order)["status"] == "draft"
    assert level(api, site.product, site.warehouse)["incoming"] == 0
    assert submit(api, order)["status"] == "pending_approval"


def test_submitter_cannot_approve_their_own_order(api, order_in):
    order = order_in("pending_approval")
    assert api.post(f"/api/v1/approvals/{order['approval_id']}/approve", {}).status_code == 403


def test_order_without_lines_cannot_be_submitted(api, site):
    order = make_order(api, site.supplier, site.warehouse, [])
    response = api.post(f"{PO}/{order['id']}/submit")
    assert response.status_code == 422 and response.json["error"]["code"] == "no_lines"
    assert get_order(api, order)["status"] == "draft"


@pytest.mark.parametrize("state", [s for s in STATES if s != "draft"])
def test_only_a_draft_can_be_submitted(api, order_in, state):
    order = order_in(state)
    response = api.post(f"{PO}/{order['id']}/submit")
    assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"
    assert get_order(api, order)["status"] == state


@pytest.mark.parametrize("state,allowed", [(s, s in ("draft", "pending_approval", "approved"))
                                           for s in STATES])
def test_cancel_is_allowed_only_before_receiving(api, site, order_in, state, allowed):
    order = order_in(state)
    response = api.post(f"{PO}/{order['id']}/cancel")
    if allowed:
        assert ok(response)["status"] == "cancelled"
        assert level(api, site.product, site.warehouse)["incoming"] == 0
    else:
        assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"
        assert f"it is {state}" in response.json["error"]["message"]
        assert get_order(api, order)["status"] == state


def test_deciding_on_an_order_cancelled_while_pending_changes_nothing(api, site, order_in):
    order = order_in("pending_approval")
    ok(api.post(f"{PO}/{order['id']}/cancel"))
    ok(api.as_user("boss").post(f"/api/v1/approvals/{order['approval_id']}/approve", {}))
    assert get_order(api, order)["status"] == "cancelled"
    assert level(api, site.product, site.warehouse)["incoming"] == 0


@pytest.mark.parametrize("state,allowed", [(s, s in ("partly_received", "received"))
                                           for s in STATES])
def test_close_is_allowed_only_once_goods_arrived(api, order_in, state, allowed):
    order = order_in(state)
    response = api.post(f"{PO}/{order['id']}/close")
    if allowed:
        assert ok(response)["status"] == "closed"
    else:
        assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"
        assert get_order(api, order)["status"] == state


def test_short_close_releases_what_is_still_incoming(api, site, order_in):
    order = order_in("partly_received")
    assert level(api, site.product, site.warehouse)["incoming"] == 6
    closed = ok(api.post(f"{PO}/{order['id']}/close"))
    assert level(api, site.product, site.warehouse)["incoming"] == 0
    assert (closed["lines"][0]["qty_received"], closed["lines"][0]["outstanding"]) == (4, 6)


def test_list_filters_by_status_supplier_and_warehouse(api, site):
    other_supplier, other_warehouse = make_partner(api, "suppliers"), make_warehouse(api)
    draft = make_order(api, site.supplier, site.warehouse, [(site.product, 1, 1)])
    approved = submit(api, make_order(api, site.supplier, site.warehouse, [(site.product, 1, 1)]))
    elsewhere = make_order(api, site.supplier, other_warehouse, [(site.product, 1, 1)])
    theirs = make_order(api, other_supplier, site.warehouse, [(site.product, 1, 1)])
    ids = lambda query: [o["id"] for o in ok(api.get(f"{PO}?{query}"))["items"]]  # noqa: E731
    assert ids("status=draft") == [draft["id"], elsewhere["id"], theirs["id"]]
    assert ids("status=approved") == [approved["id"]]
    assert ids(f"supplier_id={other_supplier['id']}") == [theirs["id"]]
    assert ids(f"warehouse_id={other_warehouse['id']}") == [elsewhere["id"]]
    assert ids(f"status=draft&supplier_id={site.supplier['id']}&warehouse_id={site.warehouse['id']}") \
        == [draft["id"]]


def test_list_is_paginated_and_rejects_an_unknown_status(api, site):
    orders = [make_order(api, site.supplier, site.warehouse, []) for _ in range(3)]
    first = ok(api.get(f"{PO}?limit=2"))
    rest = ok(api.get(f"{PO}?limit=2&after={first['next']}"))
    assert [o["id"] for o in first["items"] + rest["items"]] == [o["id"] for o in orders]
    assert api.get(f"{PO}?status=lost").status_code == 422


def test_unknown_order_is_404(api):
    assert api.get(f"{PO}/999").status_code == 404
    assert api.post(f"{PO}/999/submit").status_code == 404


def test_a_refused_move_names_the_status_and_what_it_allows(api, site, order_in):
    order = order_in("partly_received")
    error = api.post(f"{PO}/{order['id']}/cancel").json["error"]
    assert (error["code"], error["status"]) == ("bad_state", "partly_received")
    assert error["allowed"] == ["receive", "return_goods", "close"]
