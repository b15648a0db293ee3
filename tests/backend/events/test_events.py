"""Live events: sent after commit to the rooms that may hear them, kept with a cursor, and
read again on catch-up (socket) or GET /api/v1/events."""
import pytest

from backend.realtime import socketio
from tests.backend.factories import (
    add_stock,
    limited_client,
    make_location,
    make_product,
    make_warehouse,
    ok,
)


@pytest.fixture
def shelf(api):
    """A warehouse with two bins and a product, 100 in bin a."""
    warehouse = make_warehouse(api)
    a, b = make_location(api, warehouse), make_location(api, warehouse)
    product = make_product(api)
    add_stock(api, product, a, 100)
    return {"warehouse": warehouse, "a": a, "b": b, "product": product}


def listen(app, user="picker"):
    """A connected Socket.IO test client of a test user (its received list emptied)."""
    client = socketio.test_client(app, auth={"token": app.extensions["test_tokens"][user]})
    assert client.is_connected()
    client.get_received()
    return client


def heard(client, name=None):
    return [(m["name"], m["args"][0]) for m in client.get_received()
            if name is None or m["name"] == name]


def bin_move(api, shelf, qty, source="a", to="b", **kw):
    return api.post("/api/v1/bin-moves", {
        "product_id": shelf["product"]["id"], "qty": qty,
        "from_location_id": shelf[source]["id"], "to_location_id": shelf[to]["id"]}, **kw)


def test_a_move_tells_the_warehouse_once_per_location_with_figures_and_a_cursor(app, api, shelf):
    phone = listen(app)
    ok(bin_move(api, shelf, 3))
    changed = heard(phone, "stock.changed")
    by_location = {payload["location_id"]: payload for _, payload in changed}
    assert len(changed) == 2 and set(by_location) == {shelf["a"]["id"], shelf["b"]["id"]}
    a = by_location[shelf["a"]["id"]]
    assert (a["product_id"], a["warehouse_id"]) == (shelf["product"]["id"],
                                                    shelf["warehouse"]["id"])
    assert (a["on_hand"], a["warehouse_on_hand"], a["available"]) == (97, 100, 100)
    assert by_location[shelf["b"]["id"]]["on_hand"] == 3
    assert a["cursor"] != by_location[shelf["b"]["id"]]["cursor"]


def test_an_adjustment_of_many_lines_at_one_place_is_one_event(app, api, shelf):
    product, a = shelf["product"], shelf["a"]
    adjustment = ok(api.post("/api/v1/stock/adjustments", {
        "warehouse_id": a["warehouse_id"], "reason": "found",
        "lines": [{"product_id": product["id"], "location_id": a["id"], "qty": 1}] * 3}))
    approval = next(x for x in ok(api.get("/api/v1/approvals?status=pending"))["items"]
                    if x["doc_id"] == adjustment["id"])
    phone = listen(app)
    ok(api.as_user("boss").post(f"/api/v1/approvals/{approval['id']}/approve", {}))
    changed = heard(phone, "stock.changed")
    assert [p["on_hand"] for _, p in changed] == [103]


def test_a_rolled_back_request_sends_and_keeps_nothing(app, api, shelf):
    phone = listen(app)
    before = ok(api.get("/api/v1/events?after=0&limit=500"))["items"]
    response = bin_move(api, shelf, 500)  # more than there is: 409, rolled back
    assert response.status_code == 409
    assert heard(phone) == []
    assert ok(api.get("/api/v1/events?after=0&limit=500"))["items"] == before


def test_a_user_limited_to_another_warehouse_hears_nothing_of_this_one(app, api, shelf):
    elsewhere = make_warehouse(api)
    limited_client(api, app, [elsewhere], username="faraway")
    limited_client(api, app, [shelf["warehouse"]], username="nearby")
    far, near = listen(app, "faraway"), listen(app, "nearby")
    ok(bin_move(api, shelf, 1))
    assert heard(far) == []
    assert len(heard(near, "stock.changed")) == 2
    far_api = api.as_user("faraway")
    assert ok(far_api.get("/api/v1/events?after=0&limit=500"))["items"] == []
    assert ok(api.as_user("nearby").get("/api/v1/events?after=0&limit=500"))["items"]


def transfer(api, shelf, to_warehouse):
    return ok(api.post("/api/v1/transfers", {
        "from_warehouse_id": shelf["warehouse"]["id"], "to_warehouse_id": to_warehouse["id"],
        "lines": [{"product_id": shelf["product"]["id"], "qty": 1,
                   "from_location_id": shelf["a"]["id"]}]}))


def test_document_rooms_are_joined_on_request_and_checked(app, api, shelf):
    elsewhere, third = make_warehouse(api), make_warehouse(api)
    limited_client(api, app, [third], username="faraway")
    limited_client(api, app, [elsewhere], username="receiver")
    moved = transfer(api, shelf, elsewhere)
    room = f"document:transfer:{moved['id']}"
    far, receiver = listen(app, "faraway"), listen(app, "receiver")
    refused = far.emit("live.join", {"room": room}, callback=True)
    assert refused["error"]["code"] == "forbidden_room"
    assert far.emit("live.join", {"room": "document:transfer:999999"},
                    callback=True)["error"]["code"] == "forbidden_room"
    assert far.emit("live.join", {"room": f"warehouse:{shelf['warehouse']['id']}"},
                    callback=True)["error"]["code"] == "forbidden_room"
    assert receiver.emit("live.join", {"room": room}, callback=True) == {"ok": True}
    ok(api.post(f"/api/v1/transfers/{moved['id']}/ship", {}))
    assert heard(far) == []
    assert heard(receiver, "document.changed") == [("document.changed", {
        "type": "transfer", "id": moved["id"], "number": moved["number"], "status": "in_transit",
        "cursor": heard_cursor(api, room)})]


def test_a_document_room_needs_the_read_permission_of_the_document_too(app, api, shelf):
    """A sales rep may not read transfers: it may not follow one, nor read its events."""
    limited_client(api, app, [shelf["warehouse"]], role="sales", username="rep")
    moved = transfer(api, shelf, make_warehouse(api))
    room = f"document:transfer:{moved['id']}"
    rep = listen(app, "rep")
    assert api.as_user("rep").get(f"/api/v1/transfers/{moved['id']}").status_code == 403
    assert rep.emit("live.join", {"room": room}, callback=True)["error"]["code"] == "forbidden_room"
    ok(api.post(f"/api/v1/transfers/{moved['id']}/ship", {}))
    assert heard(rep, "document.changed") == []
    events = ok(api.as_user("rep").get("/api/v1/events?after=0&limit=500"))["items"]
    assert [e for e in events if e["room"] == room] == []
    assert [e for e in ok(api.get("/api/v1/events?after=0&limit=500"))["items"]
            if e["room"] == room]  # the admin reads them


def test_a_room_whose_id_is_a_digit_of_another_kind_is_refused_not_a_crash(app, api, shelf):
    """"²" is a digit to str.isdigit() but not to int()."""
    answer = listen(app).emit("live.join", {"room": "document:transfer:²"}, callback=True)
    assert answer["error"]["code"] == "forbidden_room"


def heard_cursor(api, room):
    items = ok(api.get("/api/v1/events?after=0&limit=500"))["items"]
    return [e["cursor"] for e in items if e["room"] == room][-1]


def test_approvals_are_announced_to_the_documents_warehouse(app, api, shelf):
    manager = listen(app, "boss")
    adjustment = ok(api.post("/api/v1/stock/adjustments", {
        "warehouse_id": shelf["warehouse"]["id"], "reason": "found",
        "lines": [{"product_id": shelf["product"]["id"], "location_id": shelf["a"]["id"],
                   "qty": 1}]}))
    [(_, requested)] = heard(manager, "approval.requested")
    assert (requested["doc_type"], requested["doc_id"], requested["status"]) == (
        "adjustment", adjustment["id"], "pending")
    ok(api.as_user("boss").post(f"/api/v1/approvals/{requested['id']}/approve", {}))
    [(_, decided)] = heard(manager, "approval.decided")
    assert (decided["id"], decided["status"]) == (requested["id"], "approved")


def test_catch_up_sends_what_was_missed_of_the_connections_rooms(app, api, shelf):
    elsewhere = make_warehouse(api)
    limited_client(api, app, [shelf["warehouse"]], username="nearby")
    phone = listen(app, "nearby")
    ok(bin_move(api, shelf, 1))
    last = max(p["cursor"] for _, p in heard(phone))
    phone.disconnect()
    other = {"warehouse": elsewhere, "a": make_location(api, elsewhere),
             "b": make_location(api, elsewhere), "product": shelf["product"]}
    add_stock(api, shelf["product"], other["a"], 5)
    ok(bin_move(api, other, 1))  # another warehouse's: not for this user
    for _ in range(3):
        ok(bin_move(api, shelf, 1))
    phone = listen(app, "nearby")
    answer = phone.emit("live.catch_up", {"after": last}, callback=True)
    missed = [e for e in answer["events"] if e["cursor"] > last]
    assert [e["event"] for e in missed] == ["stock.changed"] * 6
    assert {e["room"] for e in answer["events"]} == {f"warehouse:{shelf['warehouse']['id']}"}
    assert [e["payload"]["on_hand"] for e in missed
            if e["payload"]["location_id"] == shelf["b"]["id"]] == [2, 3, 4]
    assert answer["next"] is None
    assert phone.emit("live.catch_up", {"after": "x"}, callback=True)["error"]["code"] == \
        "bad_cursor"


def test_events_are_paged_by_cursor_and_none_comes_twice(app, api, shelf):
    for _ in range(5):
        ok(bin_move(api, shelf, 1))
    everything = ok(api.get("/api/v1/events?after=0&limit=500"))["items"]
    pages, after = [], 0
    while True:
        page = ok(api.get(f"/api/v1/events?after={after}&limit=3"))
        pages += page["items"]
        if page["next"] is None:
            break
        after = page["next"]
    assert [e["cursor"] for e in pages] == [e["cursor"] for e in everything]
    assert len(everything) >= 10 and len(set(e["cursor"] for e in pages)) == len(pages)


def test_old_events_are_pruned(app, api, shelf):
    from datetime import timedelta

    from backend.events.journal import prune_events
    ok(bin_move(api, shelf, 1))
    with app.app_context():
        assert prune_events(timedelta(hours=1)) == 0
        assert prune_events(timedelta(seconds=-1)) > 0
    assert ok(api.get("/api/v1/events?after=0"))["items"] == []


def test_a_connection_is_told_the_newest_cursor(app, api, shelf):
    ok(bin_move(api, shelf, 1))
    newest = ok(api.get("/api/v1/events?after=0&limit=500"))["items"][-1]["cursor"]
    client = listen(app)
    assert client.emit("live.hello", callback=True) == {"cursor": newest}


def user_id(api, username):
    users = ok(api.get("/api/v1/users?limit=500"))["items"]
    return next(u["id"] for u in users if u["username"] == username)


def test_an_open_connection_stops_hearing_a_warehouse_its_user_no_longer_works_in(
        app, api, shelf):
    """Rooms are joined at connect: the periodic check takes the connection out of the rooms
    its user may no longer hear (and into those it now may)."""
    from backend.events.socket import recheck_connections
    elsewhere = make_warehouse(api)
    limited_client(api, app, [shelf["warehouse"]], username="moved")
    phone = listen(app, "moved")
    moved = transfer(api, shelf, make_warehouse(api))
    assert phone.emit("live.join", {"room": f"document:transfer:{moved['id']}"},
                      callback=True) == {"ok": True}
    ok(api.patch(f"/api/v1/users/{user_id(api, 'moved')}", {"warehouses": [elsewhere["id"]]}))
    recheck_connections(app)
    ok(bin_move(api, shelf, 1))
    ok(api.post(f"/api/v1/transfers/{moved['id']}/ship", {}))
    assert heard(phone) == []
    there = {"warehouse": elsewhere, "a": make_location(api, elsewhere),
             "b": make_location(api, elsewhere), "product": shelf["product"]}
    add_stock(api, shelf["product"], there["a"], 5)
    heard(phone)
    ok(bin_move(api, there, 1))
    assert {p["warehouse_id"] for _, p in heard(phone, "stock.changed")} == {elsewhere["id"]}


def test_an_open_connection_of_a_deactivated_user_is_closed(app, api, shelf):
    from backend.events.socket import recheck_connections
    limited_client(api, app, [shelf["warehouse"]], username="leaver")
    phone = listen(app, "leaver")
    ok(api.patch(f"/api/v1/users/{user_id(api, 'leaver')}", {"active": False}))
    recheck_connections(app)
    assert not phone.is_connected()
