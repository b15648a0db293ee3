"""Each approval says whether the caller may decide it, and why not; a manager limited to some
warehouses neither lists nor decides another warehouse's approvals (403 "warehouse", the house
rule for another warehouse's documents)."""
from types import SimpleNamespace

import pytest

from tests.backend.auth.factories import make_limited
from tests.backend.factories import limited_client, make_partner, make_product, make_warehouse, ok
from tests.backend.purchasing.factories import make_order, submit


def big_po(api, warehouse, supplier, product):
    """A PO above the approval amount, submitted by the client's user (with its approval_id)."""
    order = submit(api, make_order(api, supplier, warehouse, [(product, 10, 1000)]))
    return ok(api.get(f"/api/v1/purchase-orders/{order['id']}"))


@pytest.fixture
def two(api, app):
    """Warehouses A and B and a manager limited to A."""
    a, b = make_warehouse(api), make_warehouse(api)
    return SimpleNamespace(a=a, b=b, supplier=make_partner(api, "suppliers"),
                           product=make_product(api),
                           manager_a=make_limited(api, app, "boss-a", "manager", [a["id"]]))


def seen_by(client, approval):
    body = ok(client.get(f"/api/v1/approvals/{approval}"))
    return body["can_decide"], body["cannot_decide_reason"]


def test_a_manager_may_decide_someone_elses_request(api, two):
    order = big_po(api, two.a, two.supplier, two.product)
    assert seen_by(api.as_user("boss"), order["approval_id"]) == (True, None)


def test_the_requester_is_told_it_is_their_own_request(api, two):
    order = big_po(api.as_user("boss"), two.a, two.supplier, two.product)
    assert seen_by(api.as_user("boss"), order["approval_id"]) == (False, "own_request")
    listed = ok(api.as_user("boss").get("/api/v1/approvals?status=pending"))["items"]
    assert [(a["can_decide"], a["cannot_decide_reason"]) for a in listed] == [(False, "own_request")]


def test_the_requester_cannot_approve_their_own_request(api, two):
    order = big_po(api.as_user("boss"), two.a, two.supplier, two.product)
    response = api.as_user("boss").post(f"/api/v1/approvals/{order['approval_id']}/approve", {})
    assert response.status_code == 403 and response.json["error"]["code"] == "self_approval"
    assert ok(api.get(f"/api/v1/purchase-orders/{order['id']}"))["status"] == "pending_approval"


def test_a_role_that_may_only_read_is_told_it_has_no_permission(api, app, two):
    order = big_po(api, two.a, two.supplier, two.product)
    reader = limited_client(api, app, [], role="readonly")
    assert seen_by(reader, order["approval_id"]) == (False, "no_permission")


def test_a_decided_approval_is_already_decided(api, two):
    order = big_po(api, two.a, two.supplier, two.product)
    decided = ok(api.as_user("boss").post(f"/api/v1/approvals/{order['approval_id']}/approve", {}))
    assert (decided["status"], decided["can_decide"], decided["cannot_decide_reason"]) == (
        "approved", False, "already_decided")


def test_a_limited_manager_lists_only_their_warehouses_approvals(api, two):
    mine = big_po(api, two.a, two.supplier, two.product)
    big_po(api, two.b, two.supplier, two.product)
    listed = ok(two.manager_a.get("/api/v1/approvals?status=pending"))["items"]
    assert [(a["id"], a["detail"]["warehouse"]["id"]) for a in listed] == [
        (mine["approval_id"], two.a["id"])]


@pytest.mark.parametrize("verb", ["approve", "reject"])
def test_a_limited_manager_cannot_decide_another_warehouses_po(api, two, verb):
    theirs = big_po(api, two.b, two.supplier, two.product)
    response = two.manager_a.post(f"/api/v1/approvals/{theirs['approval_id']}/{verb}", {})
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"
    assert ok(api.get(f"/api/v1/purchase-orders/{theirs['id']}"))["status"] == "pending_approval"


def test_a_limited_manager_cannot_read_another_warehouses_approval(api, two):
    theirs = big_po(api, two.b, two.supplier, two.product)
    response = two.manager_a.get(f"/api/v1/approvals/{theirs['approval_id']}")
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"
