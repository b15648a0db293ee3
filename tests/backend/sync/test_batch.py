"""POST /api/v1/batch: queued writes applied in order, each exactly once, each answered as if
sent alone (status and body), on both databases."""
import uuid
from types import SimpleNamespace

import pytest

from tests.backend.factories import add_stock, balance, make_location, make_product, make_warehouse, ok

URL = "/api/v1/batch"
MOVES = "/api/v1/bin-moves"


@pytest.fixture
def site(api):
    """A warehouse with bins A (10 units) and B."""
    warehouse = make_warehouse(api)
    bin_a, bin_b = make_location(api, warehouse), make_location(api, warehouse)
    product = make_product(api)
    add_stock(api, product, bin_a, 10)
    return SimpleNamespace(warehouse=warehouse, a=bin_a, b=bin_b, product=product)


def move_body(site, qty, source=None, target=None):
    return {"product_id": site.product["id"], "qty": qty,
            "from_location_id": (source or site.a)["id"], "to_location_id": (target or site.b)["id"]}


def op(op_id, body, path=MOVES, method="POST", key=None, after=None):
    operation = {"id": op_id, "method": method, "path": path, "body": body,
                 "idempotency_key": key or f"key-{op_id}-{uuid.uuid4().hex[:8]}"}
    if after is not None:
        operation["after"] = after
    return operation


def batch(client, operations):
    return ok(client.post(URL, {"operations": operations}), 200)["results"]


def moved_between(api, site):
    return balance(api, site.product, site.a), balance(api, site.product, site.b)


def test_answers_are_those_each_operation_gets_alone(api, site):
    """A 201, a 422 naming its field, a 409 and a 404, each as the single request answers it."""
    alone_api = api.as_user("picker")
    ops = [op("ok", move_body(site, 2)),
           op("bad-field", dict(move_body(site, 1), qty=-1)),
           op("too-many", move_body(site, 1000)),
           op("no-such", move_body(site, 1), path="/api/v1/bin-movez")]
    answers = batch(alone_api, ops)
    assert [a["id"] for a in answers] == ["ok", "bad-field", "too-many", "no-such"]
    assert [a["status"] for a in answers] == [201, 422, 409, 404]
    assert answers[1]["body"]["error"]["field"] == "qty"
    # The same operations sent alone (fresh keys for the refused ones: they are not remembered).
    for answer, operation in zip(answers[1:], ops[1:], strict=True):
        alone = alone_api.post(operation["path"], operation["body"])
        assert (alone.status_code, alone.get_json()) == (answer["status"], answer["body"])
    replayed = alone_api.post(MOVES, ops[0]["body"], key=ops[0]["idempotency_key"])
    assert (replayed.status_code, replayed.get_json()) == (201, answers[0]["body"])
    assert moved_between(api, site) == (8, 2)


def test_operations_apply_in_order_and_a_refusal_loses_nothing_after_it(api, site):
    ops = [op("1", move_body(site, 6)),
           op("2", move_body(site, 6)),  # only 4 left in A: refused
           op("3", move_body(site, 4)),
           op("4", move_body(site, 3, site.b, site.a))]
    assert [a["status"] for a in batch(api, ops)] == [201, 409, 201, 201]
    assert moved_between(api, site) == (3, 7)


def test_an_operation_after_a_refused_one_answers_424_and_changes_nothing(api, site):
    ops = [op("first", move_body(site, 99)),
           op("needs-first", move_body(site, 1), after=["first"]),
           op("needs-that", move_body(site, 1), after=["needs-first"]),
           op("free", move_body(site, 1))]
    answers = batch(api, ops)
    assert [a["status"] for a in answers] == [409, 424, 424, 201]
    assert answers[1]["body"]["error"]["code"] == "dependency_failed"
    assert answers[1]["body"]["error"]["after"] == "first"
    assert moved_between(api, site) == (9, 1)


def test_a_replayed_batch_replays_each_answer_and_changes_nothing_more(api, site):
    ops = [op(str(i), move_body(site, 1)) for i in range(5)] + [op("bad", move_body(site, 99))]
    first = batch(api, ops)
    again = batch(api, ops)
    assert again == first
    assert moved_between(api, site) == (5, 5)
    moves = ok(api.get("/api/v1/stock/moves?doc_type=bin_move&limit=100"))["items"]
    assert len(moves) == 10


def test_each_operation_needs_its_own_permission(api, app, site):
    """A warehouse clerk may batch bin moves but cannot slip a manager's operation in."""
    clerk = api.as_user("picker")
    ops = [op("warehouse", {"code": "SNEAK", "name": "Sneaky"}, path="/api/v1/warehouses"),
           op("adjust", {"warehouse_id": site.warehouse["id"], "reason": "x", "lines": [
               {"product_id": site.product["id"], "location_id": site.a["id"], "qty": 50}]},
              path="/api/v1/stock/adjustments"),
           op("move", move_body(site, 1))]
    answers = batch(clerk, ops)
    assert [a["status"] for a in answers] == [403, 403, 201]
    assert [w["code"] for w in ok(api.get("/api/v1/warehouses"))] == [site.warehouse["code"]]


def test_each_operation_is_audited_as_the_caller_on_its_own_path(api, site):
    picker = ok(api.as_user("picker").get("/api/v1/auth/me"))["user"]
    answers = batch(api.as_user("picker"), [op("m", move_body(site, 1))])
    entries = ok(api.get("/api/v1/audit?action=transfers.create_bin_move&limit=200"))["items"]
    assert answers[0]["status"] == 201 and entries
    assert {(e["user_id"], e["method"], e["path"], e["device"]) for e in entries} == {
        (picker["id"], "POST", MOVES, "test-device")}
    assert str(answers[0]["body"]["id"]) in {e["target_id"] for e in entries}


@pytest.mark.parametrize("operation, field", [
    ({"method": "GET", "path": "/api/v1/warehouses"}, "method"),
    ({"path": "/api/v1/batch", "body": {"operations": []}}, "path"),
    ({"path": "/api/v1/auth/logout"}, "path"),
    ({"path": "/api/v1/tokens", "body": {"name": "x", "role": "admin"}}, "path"),
    ({"path": "/healthz"}, "path"),
    ({"path": "/api/v1/bin-moves?x=1"}, "path"),
    # paths the router would redirect (merged slashes) are not followed to another endpoint
    ({"path": "/api/v1//batch", "body": {"operations": []}}, "path"),
    ({"path": "/api/v1//bin-moves"}, "path"),
])
def test_operations_a_batch_cannot_hold_are_refused_one_by_one(api, site, operation, field):
    bad = {"id": "bad", "method": "POST", "body": {}, "idempotency_key": "k-bad", **operation}
    answers = batch(api, [bad, op("fine", move_body(site, 1))])
    assert answers[0]["body"]["error"]["code"] == "not_batchable"
    assert answers[0]["body"]["error"]["field"] == field
    assert answers[1]["status"] == 201


@pytest.mark.parametrize("path", ["/api/v1/bin-moves\u2028", "/api/v1/仓库"])
def test_a_path_of_any_unicode_is_answered_as_alone_and_the_batch_goes_on(api, site, path):
    answers = batch(api, [op("odd", move_body(site, 1), path=path), op("fine", move_body(site, 1))])
    assert [a["status"] for a in answers] == [404, 201]
    assert answers[0]["body"]["error"]["code"] == "not_found"


@pytest.mark.parametrize("body, field", [
    ({}, "operations"),
    ({"operations": []}, "operations"),
    ({"operations": "all"}, "operations"),
    ({"operations": [{"id": "a"}]}, "operations.0.method"),
    ({"operations": [{"id": "a", "method": "POST", "path": MOVES, "idempotency_key": "k",
                      "body": [1, 2]}]}, "operations.0.body"),
    ({"operations": [{"id": "a", "method": "POST", "path": MOVES, "idempotency_key": "k" * 201}]},
     "operations.0.idempotency_key"),
    ({"operations": [{"id": "a", "method": "POST", "path": MOVES, "idempotency_key": "k1"},
                     {"id": "a", "method": "POST", "path": MOVES, "idempotency_key": "k2"}]},
     "operations.1.id"),
    ({"operations": [{"id": "a", "method": "POST", "path": MOVES, "idempotency_key": "k1"},
                     {"id": "b", "method": "POST", "path": MOVES, "idempotency_key": "k1"}]},
     "operations.1.idempotency_key"),
    ({"operations": [{"id": "a", "method": "POST", "path": MOVES, "idempotency_key": "k1",
                      "after": ["b"]},
                     {"id": "b", "method": "POST", "path": MOVES, "idempotency_key": "k2"}]},
     "operations.0.after.0"),
    ({"operations": [{"id": str(i), "method": "POST", "path": MOVES, "idempotency_key": str(i)}
                     for i in range(501)]}, "operations"),
])
def test_a_malformed_batch_is_refused_whole_naming_the_field(api, site, body, field):
    response = api.post(URL, body)
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["error"]["field"] == field
    assert moved_between(api, site) == (10, 0)


def test_a_batch_larger_than_its_limit_is_413(api, site):
    huge = {"operations": [op("a", dict(move_body(site, 1), note="x" * (3 * 1024 * 1024)))]}
    response = api.post(URL, huge)
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "batch_too_large"


def test_signing_out_inside_a_batch_is_not_possible_and_a_stranger_is_401(api, site):
    stranger = api.as_user("nobody")
    response = stranger.post(URL, {"operations": [op("m", move_body(site, 1))]})
    assert response.status_code == 401
    assert moved_between(api, site) == (10, 0)
