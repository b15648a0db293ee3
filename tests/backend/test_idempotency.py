"""Exactly once: a replayed request returns the first response and changes nothing."""
import time
from datetime import UTC, datetime

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


def test_a_key_belongs_to_its_caller(api):
    """Another caller's same key is another operation: no replay of theirs, no block by them."""
    mine = ok(api.post("/api/v1/warehouses", {"code": "W1", "name": "Main"}, key="op-9"), 201)
    boss = api.as_user("boss")
    same_body = boss.post("/api/v1/warehouses", {"code": "W1", "name": "Main"}, key="op-9")
    assert same_body.status_code == 409 and "Idempotent-Replayed" not in same_body.headers
    other_body = ok(boss.post("/api/v1/warehouses", {"code": "W2", "name": "Two"}, key="op-9"), 201)
    assert other_body["id"] != mine["id"]
    assert api.post("/api/v1/warehouses", {"code": "W1", "name": "Main"},
                    key="op-9").json == mine


def test_tokens_without_a_user_each_have_their_own_keys(api, app):
    from backend.auth.tokens import issue_token
    with app.app_context():
        for name in ("erp", "crm"):
            app.extensions["test_tokens"][name] = issue_token(name, "manager")[1]
    erp = ok(api.as_user("erp").post("/api/v1/warehouses", {"code": "E", "name": "E"}, key="k"))
    crm = ok(api.as_user("crm").post("/api/v1/warehouses", {"code": "C", "name": "C"}, key="k"))
    assert erp["id"] != crm["id"]


def test_keys_older_than_the_setting_are_pruned(api, app):
    from datetime import timedelta

    from backend.db.fields import utcnow
    from backend.idempotency import IdempotencyKey
    from backend.idempotency_pruning import prune_keys
    ok(api.post("/api/v1/warehouses", {"code": "OLD", "name": "Old"}, key="old"))
    ok(api.post("/api/v1/warehouses", {"code": "NEW", "name": "New"}, key="new"))
    keep = timedelta(days=app.extensions["settings"].idempotency_keep_days)
    with app.app_context():
        (IdempotencyKey.update(created_at=utcnow() - keep - timedelta(minutes=1))
         .where(IdempotencyKey.key == "old").execute())
        assert prune_keys(keep) == 1
        assert [k.key for k in IdempotencyKey.select()] == ["new"]


def test_pruning_runs_after_a_response_once_it_is_due(api, app):
    from datetime import timedelta

    from backend import idempotency_pruning
    from backend.db.fields import utcnow
    from backend.idempotency import IdempotencyKey
    ok(api.post("/api/v1/warehouses", {"code": "OLD", "name": "Old"}, key="old"))
    with app.app_context():
        IdempotencyKey.update(created_at=utcnow() - timedelta(days=400)).execute()
    idempotency_pruning.schedule.next_at = 0  # due now
    response = api.post("/api/v1/warehouses", {"code": "NEW", "name": "New"}, key="new")
    response.close()  # as the WSGI server does once the response has gone
    with app.app_context():
        assert [k.key for k in IdempotencyKey.select()] == ["new"]


def test_the_real_server_prunes_old_keys_after_a_write(live_server, api, app):
    import requests

    from backend.db import db
    from backend.idempotency import IdempotencyKey
    from tests.conftest import auth_headers
    with app.app_context():
        IdempotencyKey.create(principal="user:1", key="ancient", fingerprint="f",
                              created_at=datetime(2020, 1, 1, tzinfo=UTC))
        db.close()
    headers = dict(auth_headers(app, "admin"), **{"Idempotency-Key": "new"})
    assert requests.post(f"{live_server}/api/v1/warehouses", json={"code": "W", "name": "W"},
                         headers=headers, timeout=10).status_code == 201
    # The worker prunes once its response has gone: wait for it (a worker's first write)
    for _ in range(300):
        with app.app_context():
            keys = [k.key for k in IdempotencyKey.select()]
            db.close()
        if keys == ["new"]:
            break
        time.sleep(0.1)
    assert keys == ["new"]
