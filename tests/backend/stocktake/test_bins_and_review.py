"""Stocktakes on the phone: bins in walking order, done and recounted; moves during a bin's
count; the manager's decision per place, and the approvals inbox kept consistent with it."""
import pytest

from tests.backend.factories import (
    add_stock,
    balance,
    limited_client,
    make_location,
    make_product,
    make_warehouse,
    ok,
)
from tests.backend.stocktake.test_stocktake import approval_of, count, decide, start, stocktake_moves, submit


@pytest.fixture
def w(api):
    """Zone A has bins A-2 (walked first) and A-1; product (cost 2) holds 10 in A-1, 4 in A-2."""
    warehouse = make_warehouse(api, code="WH")
    a1 = make_location(api, warehouse, code="A-1", zone="A", sort_key="020")
    a2 = make_location(api, warehouse, code="A-2", zone="A", sort_key="010")
    b1 = make_location(api, warehouse, code="B-1", zone="B")
    product = make_product(api, cost=2)
    add_stock(api, product, a1, 10)
    add_stock(api, product, a2, 4)
    return dict(warehouse=warehouse, a1=a1, a2=a2, b1=b1, product=product)


def bins(api, stocktake):
    return ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}/bins"))


def done(api, stocktake, location):
    return api.post(f"/api/v1/stocktakes/{stocktake['id']}/bins/{location['id']}/done")


def recount(api, stocktake, location):
    return api.post(f"/api/v1/stocktakes/{stocktake['id']}/bins/{location['id']}/recount")


def lines(api, stocktake):
    return {r["location"]: r for r in ok(api.get(
        f"/api/v1/stocktakes/{stocktake['id']}/variances"))["items"]}


def decide_line(api, stocktake, row, verdict):
    return api.as_user("boss").post(
        f"/api/v1/stocktakes/{stocktake['id']}/variances/{row['id']}/decision", {"decision": verdict})


def finish(api, stocktake):
    return api.as_user("boss").post(f"/api/v1/stocktakes/{stocktake['id']}/finish")


# --- bins ----------------------------------------------------------------------------------

def test_bins_of_a_zone_are_listed_to_count_in_walking_order(api, w):
    body = bins(api, start(api, w, zone="A"))
    assert [b["code"] for b in body["to_count"]] == ["A-2", "A-1"] and body["done"] == []


def test_a_done_bin_moves_to_done_with_who_and_when_and_no_ledger_figure(api, w):
    stocktake = start(api, w, zone="A")
    ok(count(api, stocktake, w["product"], w["a1"], 3))
    body = ok(done(api, stocktake, w["a1"]))
    assert [b["code"] for b in body["to_count"]] == ["A-2"]
    [bin_] = body["done"]
    assert (bin_["code"], bin_["places"], bin_["counted_qty"], bin_["done_by"]) == ("A-1", 1, 3, "Admin")
    assert bin_["done_at"] and "ledger_qty_at_count" not in bin_ and "on_hand" not in bin_


def test_a_done_bin_counts_unscanned_stock_as_zero_at_the_ledger_figure_then(api, w):
    stocktake = start(api, w, zone="A")
    ok(done(api, stocktake, w["a2"]))                      # the counter found A-2 empty
    add_stock(api, w["product"], w["a2"], 6)               # put there after it was counted
    ok(count(api, stocktake, w["product"], w["a1"], 10))
    submit(api, stocktake)
    row = lines(api, stocktake)["A-2"]
    assert (row["ledger_qty_at_count"], row["counted_qty"], row["variance"]) == (4, 0, -4)
    ok(decide(api, stocktake, "approve"))
    assert balance(api, w["product"], w["a2"]) == 6        # the later arrival survives


def test_a_move_out_between_first_scan_and_done_mark_is_not_variance(api, w):
    stocktake = start(api, w, zone="A")
    ok(count(api, stocktake, w["product"], w["a1"], 8))    # 8 of 10 counted, 2 still to count
    ok(api.as_user("picker").post("/api/v1/bin-moves", {   # another user takes 2 meanwhile
        "product_id": w["product"]["id"], "qty": 2, "from_location_id": w["a1"]["id"],
        "to_location_id": w["b1"]["id"]}))
    ok(done(api, stocktake, w["a1"]))                      # the shelf now holds what was counted
    ok(count(api, stocktake, w["product"], w["a2"], 4))
    submit(api, stocktake)
    assert ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}"))["status"] == "approved"
    assert stocktake_moves(api, stocktake) == [] and balance(api, w["product"], w["a1"]) == 8


def test_recount_clears_a_bins_counts_and_done_mark(api, w):
    stocktake = start(api, w, zone="A")
    ok(count(api, stocktake, w["product"], w["a1"], 3))
    ok(count(api, stocktake, w["product"], w["a2"], 4))
    ok(done(api, stocktake, w["a1"]))
    body = ok(recount(api, stocktake, w["a1"]))
    assert [(b["code"], b["places"]) for b in body["to_count"]] == [("A-2", 1), ("A-1", 0)]
    view = ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}"))
    assert [c["location_id"] for c in view["counts"]] == [w["a2"]["id"]]
    ok(count(api, stocktake, w["product"], w["a1"], 10))
    assert [c["counted_qty"] for c in ok(api.get(f"/api/v1/stocktakes/{stocktake['id']}"))["counts"]] == [4, 10]


@pytest.mark.parametrize("action", ["done", "recount"])
def test_bin_actions_after_submit_are_409_bad_state(api, w, action):
    stocktake = start(api, w, zone="A")
    submit(api, stocktake)
    response = api.post(f"/api/v1/stocktakes/{stocktake['id']}/bins/{w['a1']['id']}/{action}")
    assert response.status_code == 409 and response.json["error"]["code"] == "bad_state"


@pytest.mark.parametrize("action", ["done", "recount"])
def test_bin_actions_outside_the_zone_or_warehouse_name_the_location(api, w, action):
    stocktake = start(api, w, zone="A")
    elsewhere = make_location(api, make_warehouse(api), code="X-1")
    url = f"/api/v1/stocktakes/{stocktake['id']}/bins"
    outside = api.post(f"{url}/{w['b1']['id']}/{action}")
    assert (outside.status_code, outside.json["error"]["field"], outside.json["error"]["code"]) == (
        422, "location_id", "out_of_scope")
    for other in (elsewhere["id"], 99999):
        assert api.post(f"{url}/{other}/{action}").status_code == 404
    assert bins(api, stocktake)["done"] == []


def test_a_user_of_another_warehouse_cannot_see_or_touch_the_bins(api, app, w):
    stocktake = start(api, w, zone="A")
    stranger = limited_client(api, app, [make_warehouse(api)])
    url = f"/api/v1/stocktakes/{stocktake['id']}/bins"
    assert stranger.get(url).status_code == 403
    for action in ("done", "recount"):
        assert stranger.post(f"{url}/{w['a1']['id']}/{action}").status_code == 403
    assert bins(api, stocktake)["done"] == []


# --- per-place review ----------------------------------------------------------------------

@pytest.fixture
def reviewed(api, w):
    """A submitted stocktake of zone A: A-1 counted 7 (-3, value -6), A-2 counted 6 (+2, +4)."""
    stocktake = start(api, w, zone="A")
    ok(count(api, stocktake, w["product"], w["a1"], 7))
    ok(count(api, stocktake, w["product"], w["a2"], 6))
    submit(api, stocktake)
    return stocktake


def test_variances_show_value_name_and_undecided_lines(api, w, reviewed):
    rows = lines(api, reviewed)
    assert [(k, r["variance"], r["value"], r["unit_cost"], r["decision"]) for k, r in sorted(rows.items())] == [
        ("A-1", -3, -6, 2, ""), ("A-2", 2, 4, 2, "")]
    assert rows["A-1"]["name"] == w["product"]["name"]


def test_rejected_line_posts_nothing_and_approved_line_posts_its_delta(api, w, reviewed):
    rows = lines(api, reviewed)
    assert ok(decide_line(api, reviewed, rows["A-1"], "reject"))["decision"] == "rejected"
    ok(decide_line(api, reviewed, rows["A-2"], "approve"))
    assert ok(finish(api, reviewed))["status"] == "approved"
    assert stocktake_moves(api, reviewed) == [(w["a2"]["id"], 2, "stocktake")]
    assert (balance(api, w["product"], w["a1"]), balance(api, w["product"], w["a2"])) == (10, 6)
    assert approval_of(api, reviewed)["status"] == "approved"


def test_undecided_lines_follow_the_approval(api, w, reviewed):
    ok(decide_line(api, reviewed, lines(api, reviewed)["A-2"], "reject"))
    ok(finish(api, reviewed))
    assert stocktake_moves(api, reviewed) == [(w["a1"]["id"], -3, "stocktake")]
    assert {k: r["decision"] for k, r in lines(api, reviewed).items()} == {"A-1": "approved", "A-2": "rejected"}


def test_every_line_rejected_rejects_the_stocktake_and_its_approval(api, w, reviewed):
    for row in lines(api, reviewed).values():
        ok(decide_line(api, reviewed, row, "reject"))
    assert ok(finish(api, reviewed))["status"] == "rejected"
    assert approval_of(api, reviewed)["status"] == "rejected" and stocktake_moves(api, reviewed) == []


def test_approving_in_the_inbox_keeps_the_lines_rejected_on_the_phone(api, w, reviewed):
    ok(decide_line(api, reviewed, lines(api, reviewed)["A-1"], "reject"))
    ok(decide(api, reviewed, "approve"))
    assert stocktake_moves(api, reviewed) == [(w["a2"]["id"], 2, "stocktake")]


def test_rejecting_in_the_inbox_rejects_every_line_even_approved_ones(api, w, reviewed):
    ok(decide_line(api, reviewed, lines(api, reviewed)["A-1"], "approve"))
    ok(decide(api, reviewed, "reject"))
    assert {r["decision"] for r in lines(api, reviewed).values()} == {"rejected"}
    assert stocktake_moves(api, reviewed) == []


def test_the_counter_cannot_decide_lines_or_finish_their_own_stocktake(api, w, reviewed):
    row = lines(api, reviewed)["A-1"]
    response = api.post(f"/api/v1/stocktakes/{reviewed['id']}/variances/{row['id']}/decision",
                        {"decision": "approve"})
    assert (response.status_code, response.json["error"]["code"]) == (403, "self_approval")
    assert api.post(f"/api/v1/stocktakes/{reviewed['id']}/finish").status_code == 403
    assert lines(api, reviewed)["A-1"]["decision"] == ""


def test_a_worker_without_the_decide_permission_is_refused(api, w, reviewed):
    row = lines(api, reviewed)["A-1"]
    picker = api.as_user("picker")
    assert picker.post(f"/api/v1/stocktakes/{reviewed['id']}/variances/{row['id']}/decision",
                       {"decision": "approve"}).status_code == 403
    assert picker.post(f"/api/v1/stocktakes/{reviewed['id']}/finish").status_code == 403


def test_a_manager_of_another_warehouse_cannot_decide(api, app, w, reviewed):
    stranger = limited_client(api, app, [make_warehouse(api)], role="manager")
    row = lines(api, reviewed)["A-1"]
    assert stranger.post(f"/api/v1/stocktakes/{reviewed['id']}/variances/{row['id']}/decision",
                         {"decision": "reject"}).status_code == 403
    assert stranger.post(f"/api/v1/stocktakes/{reviewed['id']}/finish").status_code == 403
    assert lines(api, reviewed)["A-1"]["decision"] == ""


@pytest.mark.parametrize("body,field", [({}, "decision"), ({"decision": "maybe"}, "decision"),
                                        ({"decision": "approve", "extra": 1}, "extra")])
def test_a_bad_decision_is_422_naming_the_field(api, w, reviewed, body, field):
    row = lines(api, reviewed)["A-1"]
    response = api.as_user("boss").post(
        f"/api/v1/stocktakes/{reviewed['id']}/variances/{row['id']}/decision", body)
    assert (response.status_code, response.json["error"]["field"]) == (422, field)


def test_a_line_of_another_stocktake_is_404(api, w, reviewed):
    other = start(api, w, zone="B")
    ok(count(api, other, w["product"], w["b1"], 1))
    submit(api, other)
    foreign = next(iter(lines(api, other).values()))
    response = decide_line(api, reviewed, foreign, "approve")
    assert (response.status_code, response.json["error"]["field"]) == (404, "count_id")


def test_decisions_while_counting_or_after_finishing_are_409(api, w, reviewed):
    row = lines(api, reviewed)["A-1"]
    ok(finish(api, reviewed))
    assert decide_line(api, reviewed, row, "reject").status_code == 409
    assert finish(api, reviewed).status_code == 409
    counting = start(api, w, zone="B")
    assert finish(api, counting).status_code == 409


# --- a move racing a scan (PostgreSQL: real concurrent transactions) -------------------------

@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_move_committed_while_a_scan_waits_is_in_the_expected_figure(api, w, database_url):
    import threading

    import psycopg2

    from tests.backend.test_deadlocks import _wait_for_a_blocked_backend
    stocktake = start(api, w, zone="A")
    ok(count(api, stocktake, w["product"], w["a1"], 7))      # the first scan: 10 in the ledger
    other = psycopg2.connect(database_url)                    # someone holds the stocktake...
    cur = other.cursor()
    cur.execute("SELECT id FROM stocktake WHERE id = %s FOR UPDATE", (stocktake["id"],))
    answer = {}
    scanning = threading.Thread(target=lambda: answer.update(
        response=count(api, stocktake, w["product"], w["a1"], 1)))
    scanning.start()                                          # ...so the last scan waits,
    _wait_for_a_blocked_backend(other.cursor())
    ok(api.as_user("picker").post("/api/v1/bin-moves", {     # while a picker takes 2 out
        "product_id": w["product"]["id"], "qty": 2, "from_location_id": w["a1"]["id"],
        "to_location_id": w["b1"]["id"]}))
    other.commit()
    other.close()
    scanning.join(timeout=30)
    assert ok(answer["response"])["counted_qty"] == 8
    ok(count(api, stocktake, w["product"], w["a2"], 4))
    assert submit(api, stocktake)["status"] == "approved"    # 8 counted, 8 expected
    assert stocktake_moves(api, stocktake) == [] and balance(api, w["product"], w["a1"]) == 8
