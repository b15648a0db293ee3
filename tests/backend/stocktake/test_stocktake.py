"""Stocktakes: blind counting, variances against the ledger at count time, approval, posting."""
import pytest

from tests.backend.factories import add_stock, balance, make_location, make_product, make_warehouse, ok


@pytest.fixture
def w(api):
    """A warehouse with bins in zones A and B and a product (cost 2) holding 10 in A-1."""
    warehouse = make_warehouse(api, code="WH")
    a1 = make_location(api, warehouse, code="A-1", zone="A")
    a2 = make_location(api, warehouse, code="A-2", zone="A")
    b1 = make_location(api, warehouse, code="B-1", zone="B")
    product = make_product(api, cost=2)
    add_stock(api, product, a1, 10)
    return dict(warehouse=warehouse, a1=a1, a2=a2, b1=b1, product=product)


def start(api, w, zone=None):
    body = {"warehouse_id": w["warehouse"]["id"], **({"zone": zone} if zone else {})}
    return ok(api.post("/api/v1/stocktakes", body), 201)


def count(api, stocktake, product, location, qty, key=None, **extra):
    return api.post(f"/api/v1/stocktakes/{stocktake['id']}/counts",
                    {"product_id": product["id"], "location_id": location["id"], "qty": qty, **extra},
                    key=key)


def submit(api, stocktake):
    return ok(api.post(f"/api/v1/stocktakes/{stocktake['id']}/submit"))


def approval_of(api, stocktake):
    rows = ok(api.get("/api/v1/approvals?kind=stocktake_variance"))["items"]
    return next((a for a in rows if a["doc_id"] == stocktake["id"]), None)


def decide(api, stocktake, verdict):
    return api.as_user("boss").post(f"/api/v1/approvals/{approval_of(api, stocktake)['id']}/{verdict}", {})


def variances(api, stocktake):
    rows = ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}/variances"))["items"]
    return [(r["location"], r["ledger_qty_at_count"], r["counted_qty"], r["variance"], r["value"],
             r["counted"]) for r in rows]


def stocktake_moves(api, stocktake):
    rows = ok(api.get(f"/api/v1/stock/moves?doc_type=stocktake&doc_id={stocktake['id']}"))["items"]
    return [(m["location_id"], m["qty"], m["reason"]) for m in rows]


# --- opening and counting ------------------------------------------------------------------

def test_create_opens_a_numbered_count(api, w):
    response = api.post("/api/v1/stocktakes", {"warehouse_id": w["warehouse"]["id"]})
    body = ok(response, 201)
    assert response.headers["Location"] == f"/api/v1/stocktakes/{body['id']}"
    assert (body["status"], body["number"], body["zone"], body["counts"]) == ("counting", "ST-000001", "", [])


def test_scans_add_up_by_default(api, w):
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 4))
    body = ok(count(api, stocktake, w["product"], w["a1"], 3))
    assert body["counted_qty"] == 7


def test_set_mode_overwrites_the_count(api, w):
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 4))
    assert ok(count(api, stocktake, w["product"], w["a1"], 9, mode="set"))["counted_qty"] == 9


def test_counting_view_is_blind(api, w):
    stocktake = start(api, w)
    scanned = ok(count(api, stocktake, w["product"], w["a1"], 4))
    view = ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}"))
    assert [(c["location_id"], c["counted_qty"]) for c in view["counts"]] == [(w["a1"]["id"], 4)]
    for shown in (scanned, view["counts"][0]):
        assert not {"ledger_qty_at_count", "variance", "counted"} & set(shown)


def test_variances_are_refused_while_counting(api, w):
    stocktake = start(api, w)
    response = api.get(f"/api/v1/stocktakes/{stocktake['id']}/variances")
    assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"


def test_replayed_scan_with_the_same_key_counts_once(api, w):
    stocktake = start(api, w)
    first = ok(count(api, stocktake, w["product"], w["a1"], 4, key="scan-1"))
    again = count(api, stocktake, w["product"], w["a1"], 4, key="scan-1")
    assert ok(again) == first and again.headers["Idempotent-Replayed"] == "true"
    view = ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}"))
    assert [c["counted_qty"] for c in view["counts"]] == [4]


def test_each_lot_is_its_own_place(api, w):
    product = make_product(api, tracks_lots=True)
    lots = [ok(api.post(f"/api/v1/products/{product['id']}/lots", {"code": c}))["id"] for c in ("L1", "L2")]
    add_stock(api, product, w["a2"], 3, lot_id=lots[0])
    add_stock(api, product, w["a2"], 5, lot_id=lots[1])
    stocktake = start(api, w)
    ok(count(api, stocktake, product, w["a2"], 3, lot_id=lots[0]))
    ok(count(api, stocktake, product, w["a2"], 4, lot_id=lots[1]))
    ok(count(api, stocktake, w["product"], w["a1"], 10))
    submit(api, stocktake)
    rows = ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}/variances?nonzero=true"))["items"]
    assert [(r["lot_id"], r["variance"]) for r in rows] == [(lots[1], -1)]


# --- submit --------------------------------------------------------------------------------

def test_submit_without_variance_is_approved_at_once_with_nothing_posted(api, w):
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 10))
    body = submit(api, stocktake)
    assert body["status"] == "approved"
    assert approval_of(api, stocktake) is None and stocktake_moves(api, stocktake) == []


def test_submit_with_variance_asks_for_approval_of_its_value(api, w):
    other = make_product(api, cost=3)
    add_stock(api, other, w["b1"], 2)
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 7))   # -3 x 2 = -6
    ok(count(api, stocktake, other, w["b1"], 5))          # +3 x 3 = +9
    assert submit(api, stocktake)["status"] == "submitted"
    approval = approval_of(api, stocktake)
    assert (approval["status"], approval["doc_type"], approval["amount"]) == ("pending", "stocktake", 15)


def test_submitted_view_reveals_the_ledger_figures(api, w):
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 7))
    counts = submit(api, stocktake)["counts"]
    assert [(c["ledger_qty_at_count"], c["counted_qty"], c["variance"]) for c in counts] == [(10, 7, -3)]


def test_uncounted_place_with_stock_is_a_variance_of_minus_on_hand(api, w):
    add_stock(api, w["product"], w["b1"], 4)
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 10))
    submit(api, stocktake)
    assert variances(api, stocktake) == [("A-1", 10, 10, 0, 0, True), ("B-1", 4, 0, -4, -8, False)]


def test_uncounted_place_takes_its_on_hand_at_submit(api, w):
    stocktake = start(api, w)
    add_stock(api, w["product"], w["b1"], 4)   # arrives during the count, in a place nobody scanned
    ok(count(api, stocktake, w["product"], w["a1"], 10))
    submit(api, stocktake)
    assert ("B-1", 4, 0, -4, -8, False) in variances(api, stocktake)


# --- moves during the count ----------------------------------------------------------------

def test_stock_added_after_a_place_was_counted_is_not_variance_and_survives_approval(api, w):
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 9))      # ledger said 10: one missing
    add_stock(api, w["product"], w["a1"], 5)                 # a receipt while counting goes on
    submit(api, stocktake)
    assert variances(api, stocktake) == [("A-1", 10, 9, -1, -2, True)]
    ok(decide(api, stocktake, "approve"))
    assert balance(api, w["product"], w["a1"]) == 14


def test_stock_added_between_scans_of_a_place_is_expected_at_its_last_scan(api, w):
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 6))
    add_stock(api, w["product"], w["a1"], 5)                 # 15 in the ledger now
    ok(count(api, stocktake, w["product"], w["a1"], 4))      # the sweep ends with 10 seen
    submit(api, stocktake)
    assert variances(api, stocktake) == [("A-1", 15, 10, -5, -10, True)]


def test_stock_taken_out_between_scans_of_a_place_is_not_variance(api, w):
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 3))      # 3 of the shelf's 10 counted
    ok(api.post("/api/v1/bin-moves", {"product_id": w["product"]["id"], "qty": 2,
                                      "from_location_id": w["a1"]["id"],
                                      "to_location_id": w["b1"]["id"]}))  # another client
    ok(count(api, stocktake, w["product"], w["a1"], 5))      # the 5 still there
    submit(api, stocktake)
    assert variances(api, stocktake)[0] == ("A-1", 8, 8, 0, 0, True)


def test_write_off_larger_than_what_is_left_is_409_explained_and_posts_nothing(api, w):
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 2))      # -8 against the ledger's 10
    add_stock(api, w["product"], w["a1"], -5)                # 5 leave after the count: 5 on hand
    submit(api, stocktake)
    response = decide(api, stocktake, "approve")
    assert response.status_code == 409
    error = response.json["error"]
    assert error["code"] == "variance_exceeds_stock" and "only 5 is on hand now" in error["message"]
    assert balance(api, w["product"], w["a1"]) == 5 and stocktake_moves(api, stocktake) == []
    assert ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}"))["status"] == "submitted"
    assert approval_of(api, stocktake)["status"] == "pending"


# --- approval ------------------------------------------------------------------------------

def test_approval_posts_exactly_the_variances(api, w):
    add_stock(api, w["product"], w["b1"], 4)
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 12))
    ok(count(api, stocktake, w["product"], w["a2"], 1))
    submit(api, stocktake)
    ok(decide(api, stocktake, "approve"))
    assert ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}"))["status"] == "approved"
    assert sorted(stocktake_moves(api, stocktake)) == sorted([
        (w["a1"]["id"], 2, "stocktake"), (w["a2"]["id"], 1, "stocktake"), (w["b1"]["id"], -4, "stocktake")])
    assert [balance(api, w["product"], w[k]) for k in ("a1", "a2", "b1")] == [12, 1, 0]


def test_rejection_posts_nothing(api, w):
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 3))
    submit(api, stocktake)
    ok(decide(api, stocktake, "reject"))
    assert ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}"))["status"] == "rejected"
    assert stocktake_moves(api, stocktake) == [] and balance(api, w["product"], w["a1"]) == 10


def test_the_counter_cannot_approve_their_own_stocktake(api, w):
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 3))
    submit(api, stocktake)
    assert api.post(f"/api/v1/approvals/{approval_of(api, stocktake)['id']}/approve", {}).status_code == 403


# --- scope ---------------------------------------------------------------------------------

def test_zone_stocktake_refuses_locations_outside_the_zone(api, w):
    stocktake = start(api, w, zone="A")
    response = count(api, stocktake, w["product"], w["b1"], 1)
    assert response.status_code == 422 and response.json["error"]["code"] == "out_of_scope"
    assert ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}"))["counts"] == []


def test_zone_stocktake_ignores_uncounted_stock_outside_the_zone(api, w):
    add_stock(api, w["product"], w["b1"], 4)
    stocktake = start(api, w, zone="A")
    submit(api, stocktake)
    assert variances(api, stocktake) == [("A-1", 10, 0, -10, -20, False)]


def test_unknown_zone_is_422(api, w):
    response = api.post("/api/v1/stocktakes", {"warehouse_id": w["warehouse"]["id"], "zone": "Z"})
    assert response.status_code == 422 and response.json["error"]["code"] == "unknown_zone"


@pytest.mark.parametrize("where,status,code", [("other_warehouse", 422, "wrong_warehouse"),
                                               ("transit", 422, "out_of_scope"),
                                               ("nowhere", 422, "unknown_location")])
def test_scan_outside_the_warehouse_or_in_transit_is_refused(api, w, where, status, code):
    locations = ok(api.get(f"/api/v1/warehouses/{w['warehouse']['id']}/locations"))
    target = {"other_warehouse": make_location(api, make_warehouse(api)),
              "transit": next(l for l in locations if l["kind"] == "transit"),
              "nowhere": {"id": 9999}}[where]
    stocktake = start(api, w)
    response = count(api, stocktake, w["product"], target, 1)
    assert response.status_code == status and response.json["error"]["code"] == code


def test_goods_in_transit_are_not_written_off(api, w):
    source = make_warehouse(api)
    src_bin = make_location(api, source)
    add_stock(api, w["product"], src_bin, 3)
    transfer = ok(api.post("/api/v1/transfers", {
        "from_warehouse_id": source["id"], "to_warehouse_id": w["warehouse"]["id"],
        "lines": [{"product_id": w["product"]["id"], "qty": 3, "from_location_id": src_bin["id"]}]}))
    ok(api.post(f"/api/v1/transfers/{transfer['id']}/ship"))
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 10))
    assert submit(api, stocktake)["status"] == "approved"


def test_overlapping_open_stocktakes_are_refused(api, w):
    start(api, w, zone="A")
    for zone in ("A", None):
        body = {"warehouse_id": w["warehouse"]["id"], **({"zone": zone} if zone else {})}
        response = api.post("/api/v1/stocktakes", body)
        assert response.status_code == 409 and response.json["error"]["code"] == "stocktake_open"
    assert start(api, w, zone="B")["status"] == "counting"


# --- the state machine ---------------------------------------------------------------------

def _in_state(api, w, state):
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 10 if state == "approved" else 8))
    if state in ("submitted", "approved", "rejected"):
        submit(api, stocktake)
    if state == "rejected":
        ok(decide(api, stocktake, "reject"))
    if state == "cancelled":
        ok(api.post(f"/api/v1/stocktakes/{stocktake['id']}/cancel"))
    return stocktake


@pytest.mark.parametrize("state", ["submitted", "approved", "rejected", "cancelled"])
@pytest.mark.parametrize("action", ["counts", "submit", "cancel"])
def test_after_counting_scans_submit_and_cancel_are_409_bad_state(api, w, state, action):
    stocktake = _in_state(api, w, state)
    body = {"product_id": w["product"]["id"], "location_id": w["a1"]["id"], "qty": 1} if action == "counts" else None
    response = api.post(f"/api/v1/stocktakes/{stocktake['id']}/{action}", body)
    assert response.status_code == 409
    assert response.json["error"]["code"] == "bad_state" and state in response.json["error"]["message"]
    view = ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}"))
    assert view["status"] == state and [c["counted_qty"] for c in view["counts"]] == [10 if state == "approved" else 8]


def test_cancel_while_counting_posts_nothing_and_stays_blind(api, w):
    stocktake = start(api, w)
    ok(count(api, stocktake, w["product"], w["a1"], 3))
    body = ok(api.post(f"/api/v1/stocktakes/{stocktake['id']}/cancel"))
    assert body["status"] == "cancelled" and "ledger_qty_at_count" not in body["counts"][0]
    assert stocktake_moves(api, stocktake) == [] and approval_of(api, stocktake) is None


def test_a_decided_stocktake_cannot_be_decided_again(api, w):
    stocktake = _in_state(api, w, "rejected")
    assert decide(api, stocktake, "approve").status_code == 409


def test_list_filters_by_status_and_warehouse(api, w):
    other = make_warehouse(api)
    make_location(api, other)
    a, b = start(api, w, zone="A"), start(api, w, zone="B")
    ok(api.post(f"/api/v1/stocktakes/{b['id']}/cancel"))
    c = ok(api.post("/api/v1/stocktakes", {"warehouse_id": other["id"]}))

    def ids(q):
        return [s["id"] for s in ok(api.get(f"/api/v1/stocktakes?{q}"))["items"]]
    assert ids("status=counting") == [a["id"], c["id"]]
    assert ids(f"warehouse_id={w['warehouse']['id']}") == [a["id"], b["id"]]


# --- bad input -----------------------------------------------------------------------------

BAD_SCANS = [
    ({"qty": -1}, 422, "qty"),
    ({"qty": 1.5}, 422, "qty"),
    ({"qty": "lots"}, 422, "qty"),
    ({"mode": "multiply"}, 422, "mode"),
    ({"surprise": 1}, 422, "surprise"),
    ({"product_id": 9999}, 422, "product_id"),
    ({"product_id": "1"}, 422, "product_id"),
    ({"lot_id": 9999}, 422, "lot_id"),
]


@pytest.mark.parametrize("change,status,field", BAD_SCANS)
def test_bad_scan_is_4xx_naming_the_field_and_counts_nothing(api, w, change, status, field):
    stocktake = start(api, w)
    body = {"product_id": w["product"]["id"], "location_id": w["a1"]["id"], "qty": 1, **change}
    response = api.post(f"/api/v1/stocktakes/{stocktake['id']}/counts", body)
    assert response.status_code == status, response.json
    assert response.json["error"]["field"] == field
    assert ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}"))["counts"] == []


@pytest.mark.parametrize("body,status", [({}, 422), ({"warehouse_id": 9999}, 422),
                                         ({"warehouse_id": 1, "zone": "x" * 21}, 422),
                                         ({"warehouse_id": 1, "extra": True}, 422)])
def test_bad_stocktake_is_4xx_and_creates_nothing(api, w, body, status):
    assert api.post("/api/v1/stocktakes", body).status_code == status
    assert ok(api.get("/api/v1/stocktakes"))["items"] == []


def test_unknown_stocktake_is_404(api):
    assert api.get("/api/v1/stocktakes/999").status_code == 404
    assert api.post("/api/v1/stocktakes/999/submit").status_code == 404


def test_a_refused_move_names_what_the_status_allows(api, w):
    stocktake = _in_state(api, w, "submitted")
    error = api.post(f"/api/v1/stocktakes/{stocktake['id']}/cancel").json["error"]
    assert (error["status"], error["allowed"]) == ("submitted",
                                                   ["approve", "reject", "decide_line",
                                                    "show_variances"])
