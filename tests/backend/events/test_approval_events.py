"""approval.requested / approval.decided reach only who may read the approval: approvals.read
in its warehouse (socket, socket catch-up and GET /api/v1/events alike)."""
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
from tests.backend.transfers import test_transfers as transfers

world = transfers.world  # two warehouses, a bin in each, 10 of a product in the source bin

APPROVAL_EVENTS = ("approval.requested", "approval.decided")


def stocked_warehouse(api):
    """A warehouse with a bin holding 10 of a product: (warehouse, bin, product)."""
    warehouse = make_warehouse(api)
    place, product = make_location(api, warehouse), make_product(api)
    add_stock(api, product, place, 10)
    return warehouse, place, product


def listen(app, user):
    client = socketio.test_client(app, auth={"token": app.extensions["test_tokens"][user]})
    assert client.is_connected()
    client.get_received()
    return client


def approval_events_heard(client, approval_id):
    """The approval events of one approval a connection received."""
    return [m["name"] for m in client.get_received()
            if m["name"] in APPROVAL_EVENTS and m["args"][0]["id"] == approval_id]


def approval_events_kept(api, user, approval_id):
    """The approval events of one approval GET /api/v1/events gives the user."""
    items = ok(api.as_user(user).get("/api/v1/events?after=0&limit=500"))["items"]
    return [e["event"] for e in items
            if e["event"] in APPROVAL_EVENTS and e["payload"]["id"] == approval_id]


def approval_events_caught_up(client, approval_id):
    """The approval events of one approval a socket catch-up gives the connection."""
    answer = client.emit("live.catch_up", {"after": 0}, callback=True)
    return [e["event"] for e in answer["events"]
            if e["event"] in APPROVAL_EVENTS and e["payload"]["id"] == approval_id]


def ask_and_approve(api, warehouse, place, product):
    """An adjustment needing approval (asked by the admin), approved by the manager "boss";
    the approval's id."""
    adjustment = ok(api.post("/api/v1/stock/adjustments", {
        "warehouse_id": warehouse["id"], "reason": "found",
        "lines": [{"product_id": product["id"], "location_id": place["id"], "qty": 1}]}))
    approval = next(a for a in ok(api.get("/api/v1/approvals?status=pending"))["items"]
                    if (a["doc_type"], a["doc_id"]) == ("adjustment", adjustment["id"]))
    ok(api.as_user("boss").post(f"/api/v1/approvals/{approval['id']}/approve", {}))
    return approval["id"]


@pytest.mark.parametrize("role, where, hears", [
    ("warehouse", "this", False),
    ("sales", "this", False),
    ("manager", "this", True),
    ("manager", "another", False),
    ("admin", "every", True),
])
def test_approval_events_reach_only_who_may_read_the_warehouses_approvals(
        app, api, role, where, hears):
    warehouse, place, product = stocked_warehouse(api)
    limits = {"this": [warehouse], "another": [make_warehouse(api)], "every": []}[where]
    limited_client(api, app, limits, role=role, username="listener")
    phone = listen(app, "listener")
    approval_id = ask_and_approve(api, warehouse, place, product)
    expected = list(APPROVAL_EVENTS) if hears else []
    assert approval_events_heard(phone, approval_id) == expected
    assert approval_events_caught_up(phone, approval_id) == expected
    assert approval_events_kept(api, "listener", approval_id) == expected


def test_an_approval_of_a_warehouse_made_after_connecting_reaches_only_unlimited_readers(
        app, api):
    """The admin (approvals.read, no limit) hears a new warehouse's approvals; the picker (no
    limit, no approvals.read) hears the warehouse's stock but not its approvals."""
    admin, picker = listen(app, "admin"), listen(app, "picker")
    approval_id = ask_and_approve(api, *stocked_warehouse(api))
    assert approval_events_heard(admin, approval_id) == list(APPROVAL_EVENTS)
    assert approval_events_caught_up(admin, approval_id) == list(APPROVAL_EVENTS)
    assert approval_events_heard(picker, approval_id) == []
    assert approval_events_caught_up(picker, approval_id) == []
    assert approval_events_kept(api, "picker", approval_id) == []


def test_a_connection_whose_user_loses_approvals_read_stops_hearing_approvals(app, api):
    """The periodic check takes the connection out of the approvals rooms its role lost."""
    from backend.events.socket import recheck_connections
    warehouse, place, product = stocked_warehouse(api)
    user = limited_client(api, app, [warehouse], role="manager", username="demoted")
    phone = listen(app, "demoted")
    users = ok(api.get("/api/v1/users?limit=500"))["items"]
    user_id = next(u["id"] for u in users if u["username"] == "demoted")
    ok(api.patch(f"/api/v1/users/{user_id}", {"role": "warehouse"}))
    recheck_connections(app)
    approval_id = ask_and_approve(api, warehouse, place, product)
    assert approval_events_heard(phone, approval_id) == []
    assert user.get("/api/v1/approvals").status_code == 403


def test_a_transfer_differences_approval_reaches_the_destinations_readers_only(
        app, api, world):
    """A transfer finished short asks the destination's managers (its approval's warehouse):
    they hear of it, the source's manager (who may not read it) does not."""
    places = world
    limited_client(api, app, [places["dest"]], role="manager", username="receiver")
    limited_client(api, app, [places["source"]], role="manager", username="sender")
    receiver, sender = listen(app, "receiver"), listen(app, "sender")
    transfer = transfers.shipped(api, places, qty=4)
    ok(transfers.receive(api, transfer, {"lines": [{"transfer_line_id": transfer["lines"][0]["id"],
                                          "qty": 3, "to_location_id": places["dst_bin"]["id"]}]}))
    ok(api.post(f"/api/v1/transfers/{transfer['id']}/finish", {"note": "one box missing"}))
    [approval] = ok(api.as_user("receiver").get(
        "/api/v1/approvals?status=pending&kind=transfer_difference"))["items"]
    assert approval_events_heard(receiver, approval["id"]) == ["approval.requested"]
    assert approval_events_heard(sender, approval["id"]) == []
    assert approval_events_kept(api, "sender", approval["id"]) == []
