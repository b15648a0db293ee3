"""Finishing a transfer short: the difference goes to a manager; approved, exactly the shortage
is written off from transit; rejected, it stays in transit to be found."""
import pytest

from tests.backend.factories import level, limited_client, ok
from tests.backend.transfers import test_transfers as base
from tests.backend.transfers.test_transfers import draft, moves_of, receive, shipped

world = base.world  # two warehouses, a bin in each, 10 of a product in the source bin


def finish(api, transfer, key=None, **body):
    return api.post(f"/api/v1/transfers/{transfer['id']}/finish", body, key=key)


def difference_approval(api, transfer):
    approvals = ok(api.get("/api/v1/approvals?kind=transfer_difference"))["items"]
    return next(a for a in approvals if transfer["number"] in a["summary"])


def decide(api, approval, verdict):
    return api.as_user("boss").post(f"/api/v1/approvals/{approval['id']}/{verdict}", {})


@pytest.fixture
def short_by_one(api, world):
    """Shipped 4, received 3: one short, finished and waiting for a manager."""
    transfer = shipped(api, world, qty=4)
    line = transfer["lines"][0]
    ok(receive(api, transfer, {"lines": [{"transfer_line_id": line["id"], "qty": 3,
                                          "to_location_id": world["dst_bin"]["id"]}]}))
    return ok(finish(api, transfer, note="one box missing"))


def test_finish_short_records_the_difference_and_asks_a_manager(api, world, short_by_one):
    assert short_by_one["status"] == "awaiting_approval"
    approval = difference_approval(api, short_by_one)
    assert approval["status"] == "pending" and approval["doc_type"] == "transfer_difference"
    assert "1 short on 1 line" in approval["summary"]
    assert approval["amount"] == world["product"]["cost"] * 1


def test_the_manager_sees_what_was_shipped_what_arrived_and_the_note(api, world, short_by_one):
    detail = difference_approval(api, short_by_one)["detail"]
    assert (detail["number"], detail["status"], detail["reason"]) == \
        (short_by_one["number"], "awaiting_approval", "one box missing")
    assert detail["warehouse"]["id"] == world["dest"]["id"]
    assert [(l["product_id"], l["expected"], l["counted"], l["qty"], l["value"]) for l in detail["lines"]] == \
        [(world["product"]["id"], 4, 3, -1, "-2.00")]


def test_approval_writes_off_exactly_the_shortage_from_transit(api, world, short_by_one):
    ok(decide(api, difference_approval(api, short_by_one), "approve"))
    transfer = ok(api.get(f"/api/v1/transfers/{short_by_one['id']}"))
    assert transfer["status"] == "received" and transfer["closed_at"]
    assert [(l["qty_received"], l["qty_written_off"], l["qty_in_transit"])
            for l in transfer["lines"]] == [(3, 1, 0)]
    assert moves_of(api, transfer)[-1] == (world["transit"]["id"], -1, "transfer_shortage")
    assert level(api, world["product"], world["dest"])["incoming"] == 0
    assert level(api, world["product"], world["dest"])["on_hand"] == 3


def test_rejection_leaves_the_shortage_in_transit_to_be_found(api, world, short_by_one):
    ok(decide(api, difference_approval(api, short_by_one), "reject"))
    transfer = ok(api.get(f"/api/v1/transfers/{short_by_one['id']}"))
    assert transfer["status"] == "in_transit"
    assert [l["qty_in_transit"] for l in transfer["lines"]] == [1]
    assert "transfer_shortage" not in [m[2] for m in moves_of(api, transfer)]
    assert level(api, world["product"], world["dest"])["incoming"] == 1
    ok(receive(api, transfer, {"to_location_id": world["dst_bin"]["id"]}))  # found after all
    assert ok(api.get(f"/api/v1/transfers/{transfer['id']}"))["status"] == "received"


def test_no_receipt_or_cancel_while_the_difference_waits(api, world, short_by_one):
    response = receive(api, short_by_one, {"to_location_id": world["dst_bin"]["id"]})
    assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"
    response = api.post(f"/api/v1/transfers/{short_by_one['id']}/cancel")
    assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"
    response = finish(api, short_by_one)
    assert response.status_code == 409
    assert response.json["error"]["status"] == "awaiting_approval"


def test_a_finish_replayed_with_its_key_reports_once(api, world):
    transfer = shipped(api, world, qty=4)
    first = finish(api, transfer, key="finish-1")
    again = finish(api, transfer, key="finish-1")
    assert ok(first)["status"] == ok(again)["status"] == "awaiting_approval"
    approvals = ok(api.get("/api/v1/approvals?kind=transfer_difference"))["items"]
    assert len([a for a in approvals if transfer["number"] in a["summary"]]) == 1


def test_only_the_destination_finishes_and_its_manager_decides(api, app, world):
    transfer = shipped(api, world, qty=4)
    shipper = limited_client(api, app, [world["source"]])
    response = finish(shipper, transfer)
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"
    receiver = limited_client(api, app, [world["dest"]])
    ok(finish(receiver, transfer))
    approval = difference_approval(api, transfer)
    source_manager = limited_client(api, app, [world["source"]], role="manager")
    response = source_manager.post(f"/api/v1/approvals/{approval['id']}/approve", {})
    assert response.status_code == 403 and response.json["error"]["code"] == "warehouse"
    assert approval["id"] not in [a["id"] for a in ok(source_manager.get(
        "/api/v1/approvals?kind=transfer_difference"))["items"]]
    dest_manager = limited_client(api, app, [world["dest"]], role="manager")
    ok(dest_manager.post(f"/api/v1/approvals/{approval['id']}/approve", {}))
    assert ok(api.get(f"/api/v1/transfers/{transfer['id']}"))["status"] == "received"


def test_the_receiver_may_not_approve_their_own_difference(api, app, world):
    transfer = shipped(api, world, qty=4)
    receiver = limited_client(api, app, [world["dest"]], role="manager")
    ok(finish(receiver, transfer))
    response = receiver.post(f"/api/v1/approvals/{difference_approval(api, transfer)['id']}/approve", {})
    assert response.status_code == 403 and response.json["error"]["code"] == "self_approval"


def test_a_draft_cannot_be_finished(api, world):
    response = finish(api, draft(api, world))
    assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"


def test_finish_of_an_unknown_transfer_is_404_naming_it(api):
    response = api.post("/api/v1/transfers/999999/finish", {})
    assert response.status_code == 404 and response.json["error"]["field"] == "transfer_id"


# --- made and shipped in one write (the phone's ship) --------------------------------------

def ship_at_once(api, w, qty):
    return api.post("/api/v1/transfers", {
        "from_warehouse_id": w["source"]["id"], "to_warehouse_id": w["dest"]["id"], "ship": True,
        "lines": [{"product_id": w["product"]["id"], "qty": qty,
                   "from_location_id": w["src_bin"]["id"]}]})


def test_a_transfer_made_with_ship_true_is_in_transit_at_once(api, world):
    transfer = ok(ship_at_once(api, world, 4), 201)
    assert transfer["status"] == "in_transit" and transfer["shipped_at"]
    assert [l["qty_in_transit"] for l in transfer["lines"]] == [4]
    assert moves_of(api, transfer) == [(world["src_bin"]["id"], -4, "transfer_out"),
                                       (world["transit"]["id"], 4, "transfer_in_transit")]


def test_ship_true_with_too_little_in_the_bin_keeps_nothing(api, world):
    response = ship_at_once(api, world, 11)
    assert response.status_code == 409 and response.json["error"]["code"] == "insufficient_stock"
    assert ok(api.get("/api/v1/transfers"))["items"] == []
