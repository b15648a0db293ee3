"""Exactly once: a replayed request returns the first response and changes nothing."""
from tests.backend.factories import ok


def test_replay_returns_first_response_and_creates_nothing_more(api):
    first = api.post("/api/v1/warehouses", {"code": "W1", "name": "Main"}, key="op-1")
    again = api.post("/api/v1/warehouses", {"code": "W1", "name": "Main"}, key="op-1")
    assert (first.status_code, first.json) == (again.status_code, again.json)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(ok(api.get("/api/v1/warehouses"))) == 1


def test_same_key_with_a_different_body_is_refused(api):
    api.post("/api/v1/warehouses", {"code": "W1", "name": "Main"}, key="op-2")
    response = api.post("/api/v1/warehouses", {"code": "W2", "name": "Other"}, key="op-2")
    assert response.status_code == 422
    assert response.json["error"]["code"] == "idempotency_key_reused"
    assert len(ok(api.get("/api/v1/warehouses"))) == 1


def test_failed_request_is_not_remembered_so_a_retry_can_succeed(api):
    ok(api.post("/api/v1/warehouses", {"code": "W1", "name": "Main"}))
    assert api.post("/api/v1/warehouses", {"code": "W1", "name": "Dup"}, key="op-3").status_code == 409
    retry = api.post("/api/v1/warehouses", {"code": "W1", "name": "Dup"}, key="op-3")
    assert retry.status_code == 409 and "Idempotent-Replayed" not in retry.headers


def test_overlong_key_is_400(api):
    response = api.post("/api/v1/warehouses", {"code": "W1", "name": "Main"}, key="k" * 201)
    assert response.status_code == 400 and response.json["error"]["field"] == "Idempotency-Key"
    assert ok(api.get("/api/v1/warehouses")) == []
