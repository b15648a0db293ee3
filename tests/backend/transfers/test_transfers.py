"""Transfers: draft -> in transit -> received, or cancelled; stock is conserved throughout."""
import pytest

from tests.backend.factories import add_stock, balance, level, make_location, make_product, make_warehouse, ok


@pytest.fixture
def world(api):
    """Two warehouses, a bin in each, a product with 10 in the source bin."""
    source, dest = make_warehouse(api, code="SRC"), make_warehouse(api, code="DST")
    src_bin, dst_bin = make_location(api, source, code="S-1"), make_location(api, dest, code="D-1")
    product = make_product(api)
    add_stock(api, product, src_bin, 10)
    return dict(source=source, dest=dest, src_bin=src_bin, dst_bin=dst_bin, product=product,
                transit=transit_of(api, dest), src_transit=transit_of(api, source))


def transit_of(api, warehouse):
    return next(l for l in ok(api.get(f"/api/v1/warehouses/{warehouse['id']}/locations"))
                if l["kind"] == "transit")


def draft(api, w, qty=4, **line):
    body = {"from_warehouse_id": w["source"]["id"], "to_warehouse_id": w["dest"]["id"],
            "lines": [{"product_id": w["product"]["id"], "qty": qty,
                       "from_location_id": w["src_bin"]["id"], **line}]}
    return ok(api.post("/api/v1/transfers", body), 201)


def shipped(api, w, qty=4):
    transfer = draft(api, w, qty)
    return ok(api.post(f"/api/v1/transfers/{transfer['id']}/ship"))


def total_on_hand(api, w):
    return sum(level(api, w["product"], wh)["on_hand"] for wh in (w["source"], w["dest"]))


def moves_of(api, transfer):
    rows = ok(api.get(f"/api/v1/stock/moves?doc_type=transfer&doc_id={transfer['id']}"))["items"]
    return [(m["location_id"], m["qty"], m["reason"]) for m in rows]


def receive(api, transfer, body):
    return api.post(f"/api/v1/transfers/{transfer['id']}/receive", body)


# --- draft ---------------------------------------------------------------------------------

def test_create_makes_a_numbered_draft_with_location_header(api, world):
    response = api.post("/api/v1/transfers", {
        "from_warehouse_id": world["source"]["id"], "to_warehouse_id": world["dest"]["id"],
        "lines": [{"product_id": world["product"]["id"], "qty": 4,
                   "from_location_id": world["src_bin"]["id"]}]})
    body = ok(response, 201)
    assert response.headers["Location"] == f"/api/v1/transfers/{body['id']}"
    assert (body["status"], body["number"]) == ("draft", "TR-000001")
    assert [(l["qty"], l["qty_received"], l["qty_in_transit"]) for l in body["lines"]] == [(4, 0, 0)]


def test_draft_moves_no_stock(api, world):
    draft(api, world)
    assert balance(api, world["product"], world["src_bin"]) == 10
    assert level(api, world["product"], world["dest"])["incoming"] == 0


def test_draft_can_be_edited(api, world):
    transfer = draft(api, world, qty=4)
    edited = ok(api.patch(f"/api/v1/transfers/{transfer['id']}", {"lines": [
        {"product_id": world["product"]["id"], "qty": 6, "from_location_id": world["src_bin"]["id"]}]}))
    assert [l["qty"] for l in edited["lines"]] == [6]


def test_editing_the_source_warehouse_rechecks_the_lines(api, world):
    transfer = draft(api, world)
    other = make_warehouse(api)
    response = api.patch(f"/api/v1/transfers/{transfer['id']}", {"from_warehouse_id": other["id"]})
    assert response.status_code == 422 and response.json["error"]["code"] == "wrong_warehouse"
    assert ok(api.get(f"/api/v1/transfers/{transfer['id']}"))["from_warehouse_id"] == world["source"]["id"]


def test_draft_can_be_cancelled(api, world):
    transfer = draft(api, world)
    assert ok(api.post(f"/api/v1/transfers/{transfer['id']}/cancel"))["status"] == "cancelled"
    assert moves_of(api, transfer) == []


# --- ship ----------------------------------------------------------------------------------

def test_ship_moves_stock_into_the_destinations_transit_area(api, world):
    transfer = shipped(api, world, qty=4)
    assert transfer["status"] == "in_transit"
    assert moves_of(api, transfer) == [(world["src_bin"]["id"], -4, "transfer_out"),
                                       (world["transit"]["id"], 4, "transfer_in_transit")]
    assert balance(api, world["product"], world["src_bin"]) == 6
    assert balance(api, world["product"], world["transit"]) == 4


def test_ship_adds_incoming_in_the_destination(api, world):
    shipped(api, world, qty=4)
    assert level(api, world["product"], world["dest"])["incoming"] == 4
    assert level(api, world["product"], world["source"])["incoming"] == 0


def test_stock_in_transit_is_incoming_not_on_hand_at_the_destination(api, world):
    shipped(api, world, qty=4)
    dest = level(api, world["product"], world["dest"])
    assert (dest["on_hand"], dest["available"], dest["incoming"]) == (0, 0, 4)
    assert total_on_hand(api, world) + dest["incoming"] == 10
    assert ok(api.get("/api/v1/transfers?status=in_transit"))["items"][0]["lines"][0]["qty_in_transit"] == 4


def test_ship_without_enough_stock_is_409_and_moves_nothing(api, world):
    other = make_product(api)
    transfer = ok(api.post("/api/v1/transfers", {
        "from_warehouse_id": world["source"]["id"], "to_warehouse_id": world["dest"]["id"],
        "lines": [{"product_id": world["product"]["id"], "qty": 4, "from_location_id": world["src_bin"]["id"]},
                  {"product_id": other["id"], "qty": 1, "from_location_id": world["src_bin"]["id"]}]}))
    response = api.post(f"/api/v1/transfers/{transfer['id']}/ship")
    assert response.status_code == 409 and response.json["error"]["code"] == "insufficient_stock"
    assert ok(api.get(f"/api/v1/transfers/{transfer['id']}"))["status"] == "draft"
    assert balance(api, world["product"], world["src_bin"]) == 10
    assert level(api, world["product"], world["dest"])["incoming"] == 0


def test_ship_carries_the_lot(api, world):
    product = make_product(api, tracks_lots=True)
    lot = ok(api.post(f"/api/v1/products/{product['id']}/lots", {"code": "L9"}))
    add_stock(api, product, world["src_bin"], 5, lot_id=lot["id"])
    world = dict(world, product=product)
    transfer = draft(api, world, qty=5, lot_id=lot["id"])
    ok(api.post(f"/api/v1/transfers/{transfer['id']}/ship"))
    ok(receive(api, transfer, {"to_location_id": world["dst_bin"]["id"]}))
    rows = ok(api.get(f"/api/v1/stock?product_id={product['id']}&location_id={world['dst_bin']['id']}"))["items"]
    assert [(r["lot"], r["on_hand"]) for r in rows] == [("L9", 5)]


# --- receive -------------------------------------------------------------------------------

def test_receive_everything_into_one_bin_by_default(api, world):
    transfer = shipped(api, world, qty=4)
    body = ok(receive(api, transfer, {"to_location_id": world["dst_bin"]["id"]}))
    assert body["status"] == "received" and body["closed_at"]
    assert balance(api, world["product"], world["dst_bin"]) == 4
    assert balance(api, world["product"], world["transit"]) == 0
    assert level(api, world["product"], world["dest"])["incoming"] == 0
    assert total_on_hand(api, world) == 10
    assert moves_of(api, transfer)[2:] == [(world["transit"]["id"], -4, "transfer_receive"),
                                           (world["dst_bin"]["id"], 4, "transfer_receive")]


def test_partial_receive_keeps_the_rest_in_transit(api, world):
    transfer = shipped(api, world, qty=4)
    line_id = transfer["lines"][0]["id"]
    body = ok(receive(api, transfer, {"lines": [
        {"transfer_line_id": line_id, "qty": 3, "to_location_id": world["dst_bin"]["id"]}]}))
    assert body["status"] == "in_transit"
    assert [(l["qty_received"], l["qty_in_transit"]) for l in body["lines"]] == [(3, 1)]
    assert balance(api, world["product"], world["transit"]) == 1
    assert level(api, world["product"], world["dest"])["incoming"] == 1
    final = ok(receive(api, transfer, {"to_location_id": world["dst_bin"]["id"]}))
    assert final["status"] == "received"
    assert balance(api, world["product"], world["dst_bin"]) == 4


def test_lines_can_go_to_different_bins(api, world):
    transfer = shipped(api, world, qty=4)
    other_bin = make_location(api, world["dest"])
    line_id = transfer["lines"][0]["id"]
    ok(receive(api, transfer, {"to_location_id": world["dst_bin"]["id"], "lines": [
        {"transfer_line_id": line_id, "qty": 1},
        {"transfer_line_id": line_id, "qty": 3, "to_location_id": other_bin["id"]}]}))
    assert (balance(api, world["product"], world["dst_bin"]),
            balance(api, world["product"], other_bin)) == (1, 3)


@pytest.mark.parametrize("qty", [5, 100])
def test_receiving_more_than_shipped_is_409_and_changes_nothing(api, world, qty):
    transfer = shipped(api, world, qty=4)
    response = receive(api, transfer, {"lines": [{"transfer_line_id": transfer["lines"][0]["id"],
                                                  "qty": qty, "to_location_id": world["dst_bin"]["id"]}]})
    assert response.status_code == 409 and response.json["error"]["code"] == "over_receipt"
    assert balance(api, world["product"], world["transit"]) == 4
    assert ok(api.get(f"/api/v1/transfers/{transfer['id']}"))["lines"][0]["qty_received"] == 0


def test_receiving_the_rest_twice_is_409(api, world):
    transfer = shipped(api, world, qty=4)
    line_id = transfer["lines"][0]["id"]
    ok(receive(api, transfer, {"lines": [{"transfer_line_id": line_id, "qty": 3,
                                          "to_location_id": world["dst_bin"]["id"]}]}))
    response = receive(api, transfer, {"lines": [{"transfer_line_id": line_id, "qty": 2,
                                                  "to_location_id": world["dst_bin"]["id"]}]})
    assert response.status_code == 409
    assert balance(api, world["product"], world["dst_bin"]) == 3


@pytest.mark.parametrize("where,code", [("source_bin", "wrong_warehouse"), ("transit", "transit_location")])
def test_receiving_outside_the_destinations_bins_is_422(api, world, where, code):
    transfer = shipped(api, world)
    location = world["src_bin"] if where == "source_bin" else world["transit"]
    response = receive(api, transfer, {"to_location_id": location["id"]})
    assert response.status_code == 422 and response.json["error"]["code"] == code
    assert balance(api, world["product"], world["transit"]) == 4


def test_receive_line_of_another_transfer_is_422(api, world):
    transfer, other = shipped(api, world, qty=2), shipped(api, world, qty=2)
    response = receive(api, transfer, {"lines": [{"transfer_line_id": other["lines"][0]["id"],
                                                  "to_location_id": world["dst_bin"]["id"]}]})
    assert response.status_code == 422 and response.json["error"]["code"] == "unknown_line"


def test_receive_without_a_location_is_422(api, world):
    transfer = shipped(api, world)
    response = receive(api, transfer, {})
    assert response.status_code == 422 and response.json["error"]["field"] == "to_location_id"


# --- cancel in transit ---------------------------------------------------------------------

def test_cancel_in_transit_returns_stock_to_the_source_bin(api, world):
    transfer = shipped(api, world, qty=4)
    body = ok(api.post(f"/api/v1/transfers/{transfer['id']}/cancel"))
    assert body["status"] == "cancelled" and body["lines"][0]["qty_returned"] == 4
    assert balance(api, world["product"], world["src_bin"]) == 10
    assert balance(api, world["product"], world["transit"]) == 0
    assert level(api, world["product"], world["dest"])["incoming"] == 0
    assert moves_of(api, transfer)[2:] == [(world["transit"]["id"], -4, "transfer_return"),
                                           (world["src_bin"]["id"], 4, "transfer_return")]


def test_cancel_after_partial_receipt_returns_only_the_rest(api, world):
    transfer = shipped(api, world, qty=4)
    ok(receive(api, transfer, {"lines": [{"transfer_line_id": transfer["lines"][0]["id"], "qty": 1,
                                          "to_location_id": world["dst_bin"]["id"]}]}))
    ok(api.post(f"/api/v1/transfers/{transfer['id']}/cancel"))
    assert (balance(api, world["product"], world["src_bin"]),
            balance(api, world["product"], world["dst_bin"]),
            balance(api, world["product"], world["transit"])) == (9, 1, 0)
    assert total_on_hand(api, world) == 10


# --- the state machine ---------------------------------------------------------------------

def _to_state(api, world, state):
    transfer = draft(api, world, qty=2)
    if state in ("in_transit", "received"):
        ok(api.post(f"/api/v1/transfers/{transfer['id']}/ship"))
    if state == "received":
        ok(receive(api, transfer, {"to_location_id": world["dst_bin"]["id"]}))
    if state == "cancelled":
        ok(api.post(f"/api/v1/transfers/{transfer['id']}/cancel"))
    return transfer


REFUSED = [("in_transit", "ship"), ("received", "ship"), ("cancelled", "ship"),
           ("draft", "receive"), ("received", "receive"), ("cancelled", "receive"),
           ("received", "cancel"), ("cancelled", "cancel"),
           ("in_transit", "edit"), ("received", "edit"), ("cancelled", "edit")]


@pytest.mark.parametrize("state,action", REFUSED)
def test_wrong_transition_is_409_bad_state_naming_the_status(api, world, state, action):
    transfer = _to_state(api, world, state)
    before = balance(api, world["product"], world["src_bin"])
    url = f"/api/v1/transfers/{transfer['id']}"
    if action == "edit":
        response = api.patch(url, {"to_warehouse_id": world["dest"]["id"]})
    elif action == "receive":
        response = api.post(f"{url}/receive", {"to_location_id": world["dst_bin"]["id"]})
    else:
        response = api.post(f"{url}/{action}")
    assert response.status_code == 409
    assert response.json["error"]["code"] == "bad_state" and state in response.json["error"]["message"]
    assert ok(api.get(url))["status"] == state
    assert balance(api, world["product"], world["src_bin"]) == before


# --- reading -------------------------------------------------------------------------------

def test_list_filters_by_status_and_warehouse(api, world):
    third = make_warehouse(api)
    a, b = draft(api, world), shipped(api, world)
    c = ok(api.post("/api/v1/transfers", {"from_warehouse_id": world["source"]["id"], "to_warehouse_id": third["id"],
                                          "lines": [{"product_id": world["product"]["id"], "qty": 1,
                                                     "from_location_id": world["src_bin"]["id"]}]}))

    def ids(q):
        return [t["id"] for t in ok(api.get(f"/api/v1/transfers?{q}"))["items"]]
    assert ids("status=draft") == [a["id"], c["id"]]
    assert ids(f"warehouse_id={third['id']}") == [c["id"]]
    assert ids(f"warehouse_id={world['dest']['id']}&status=in_transit") == [b["id"]]
    assert ids(f"warehouse_id={world['source']['id']}") == [a["id"], b["id"], c["id"]]


def test_list_is_paginated(api, world):
    made = [draft(api, world, qty=1)["id"] for _ in range(3)]
    first = ok(api.get("/api/v1/transfers?limit=2"))
    second = ok(api.get(f"/api/v1/transfers?limit=2&after={first['next']}"))
    assert [t["id"] for t in first["items"] + second["items"]] == made and second["next"] is None


def test_unknown_transfer_is_404(api):
    assert api.get("/api/v1/transfers/999").status_code == 404
    assert api.post("/api/v1/transfers/999/ship").status_code == 404


# --- bad input -----------------------------------------------------------------------------

def _bad_bodies(w):
    good_line = {"product_id": w["product"]["id"], "qty": 1, "from_location_id": w["src_bin"]["id"]}
    base = {"from_warehouse_id": w["source"]["id"], "to_warehouse_id": w["dest"]["id"]}
    return {
        "same_warehouse": (dict(base, to_warehouse_id=w["source"]["id"], lines=[good_line]), 422, "to_warehouse_id"),
        "no_lines": (dict(base, lines=[]), 422, "lines"),
        "zero_qty": (dict(base, lines=[dict(good_line, qty=0)]), 422, "lines.0.qty"),
        "negative_qty": (dict(base, lines=[dict(good_line, qty=-1)]), 422, "lines.0.qty"),
        "fraction_of_pcs": (dict(base, lines=[dict(good_line, qty=1.5)]), 422, "lines.0.qty"),
        "bin_of_destination": (dict(base, lines=[dict(good_line, from_location_id=w["dst_bin"]["id"])]), 422, "lines.0.from_location_id"),
        "source_transit": (dict(base, lines=[dict(good_line, from_location_id=w["src_transit"]["id"])]), 422, "lines.0.from_location_id"),
        "unknown_product": (dict(base, lines=[dict(good_line, product_id=9999)]), 422, "lines.0.product_id"),
        "unknown_warehouse": (dict(base, to_warehouse_id=9999, lines=[good_line]), 422, "to_warehouse_id"),
        "unknown_field": (dict(base, lines=[good_line], note="x"), 422, "note"),
        "string_id": (dict(base, from_warehouse_id=str(w["source"]["id"]), lines=[good_line]), 422, "from_warehouse_id"),
        "lot_of_other_product": (dict(base, lines=[dict(good_line, lot_id=9999)]), 422, "lines.0.lot_id"),
    }


BAD = ["same_warehouse", "no_lines", "zero_qty", "negative_qty", "fraction_of_pcs", "bin_of_destination",
       "source_transit", "unknown_product", "unknown_warehouse", "unknown_field", "string_id",
       "lot_of_other_product"]


@pytest.mark.parametrize("case", BAD)
def test_bad_transfer_is_4xx_naming_the_field_and_creates_nothing(api, world, case):
    body, status, field = _bad_bodies(world)[case]
    response = api.post("/api/v1/transfers", body)
    assert response.status_code == status, response.json
    assert response.json["error"]["field"] == field
    assert ok(api.get("/api/v1/transfers"))["items"] == []


def test_replayed_ship_with_the_same_key_moves_once(api, world):
    transfer = draft(api, world, qty=4)
    for _ in range(2):
        ok(api.post(f"/api/v1/transfers/{transfer['id']}/ship", key="ship-once"))
    assert balance(api, world["product"], world["src_bin"]) == 6
    assert level(api, world["product"], world["dest"])["incoming"] == 4


def test_stock_in_transit_cannot_be_promised_to_a_customer_at_the_destination(api, world):
    from tests.backend.factories import make_partner
    from tests.backend.sales.factories import act, make_order
    shipped(api, world, qty=4)
    order = make_order(api, make_partner(api, "customers"), world["dest"],
                       [(world["product"], 1)])
    response = act(api, order, "confirm")
    assert response.status_code == 409 and response.json["error"]["code"] == "insufficient_stock"
    assert level(api, world["product"], world["dest"])["reserved"] == 0


def test_a_refused_move_names_what_the_status_allows(api, world):
    transfer = _to_state(api, world, "in_transit")
    error = api.post(f"/api/v1/transfers/{transfer['id']}/ship").json["error"]
    assert (error["status"], error["allowed"]) == ("in_transit", ["receive", "cancel", "finish"])
