"""A batch's outcome: one "sync.outcome" to its sender's user room once its operations are
committed, journalled with a cursor; and an event emitted inside a step of an
@own_transaction view is sent only when that step is kept."""
from werkzeug.routing import Rule

from backend.auth.permissions import ENDPOINTS, PUBLIC
from backend.db import writing
from backend.events import journal
from backend.events.rooms import user_room
from backend.request_life import emit_after_commit, own_transaction
from tests.backend.events.test_events import heard, listen, shelf  # noqa: F401
from tests.backend.factories import ok

MOVES = "/api/v1/bin-moves"


def move(shelf, qty):  # noqa: F811
    return {"product_id": shelf["product"]["id"], "qty": qty,
            "from_location_id": shelf["a"]["id"], "to_location_id": shelf["b"]["id"]}


def op(op_id, body):
    return {"id": op_id, "method": "POST", "path": MOVES, "body": body,
            "idempotency_key": f"outcome-{op_id}"}


def user_id(client):
    return ok(client.get("/api/v1/auth/me"))["user"]["id"]


def test_a_batch_tells_its_sender_alone_what_was_refused(app, api, shelf):  # noqa: F811
    picker, boss = listen(app, "picker"), listen(app, "boss")
    picker_api = api.as_user("picker")
    answers = ok(picker_api.post("/api/v1/batch", {"operations": [
        op("fits", move(shelf, 5)), op("too-many", move(shelf, 1000)),
        op("fits-too", move(shelf, 1))]}), 200)["results"]
    assert [a["status"] for a in answers] == [201, 409, 201]
    [(_, outcome)] = heard(picker, "sync.outcome")
    assert {key: outcome[key] for key in ("device", "size", "applied", "refused")} == {
        "device": picker_api.headers["X-Device"], "size": 3, "applied": 2,
        "refused": [{"id": "too-many", "status": 409,
                     "code": answers[1]["body"]["error"]["code"]}]}
    assert heard(boss, "sync.outcome") == []
    # Journalled after the operations' own events, in the picker's room: caught up on later.
    rows, _ = journal.since(0, {user_room(user_id(picker_api))}, 500)
    [row] = [r for r in rows if r.name == "sync.outcome"]
    assert row.id == outcome["cursor"]
    moves, _ = journal.since(0, {f"warehouse:{shelf['warehouse']['id']}"}, 500)
    assert max(r.id for r in moves) < row.id


def test_an_own_transaction_step_sends_its_events_only_when_kept(app, api, monkeypatch):
    """An event emitted inside a step of an @own_transaction view is journalled there and sent
    when the view is done; a rolled-back step's is neither kept nor sent."""
    listener = listen(app, "picker")
    room = user_room(user_id(api.as_user("picker")))
    during = []

    @own_transaction
    def steps():
        with writing():
            emit_after_commit("test.step", {"n": 1}, to=room)
        during.extend(heard(listener))  # nothing yet: the view is not done
        try:
            with writing():
                emit_after_commit("test.step", {"n": 2}, to=room)
                raise LookupError
        except LookupError:
            pass
        with writing():
            emit_after_commit("test.step", {"n": 3}, to=room)
        return {}

    app.view_functions["test_steps"] = steps  # a route added after the app served requests
    app.url_map.add(Rule("/api/v1/test-steps", endpoint="test_steps", methods=["POST"]))
    monkeypatch.setitem(ENDPOINTS, "test_steps", PUBLIC)
    ok(api.post("/api/v1/test-steps", {}), 200)
    assert during == []
    assert [payload["n"] for _, payload in heard(listener, "test.step")] == [1, 3]
    rows, _ = journal.since(0, {room}, 500)
    assert [row.name for row in rows].count("test.step") == 2
