"""Low-stock alerts: one per crossing of the threshold, cleared with hysteresis, on the API."""
from tests.backend.alerts.conftest import low_events, move, open_alerts, set_thresholds
from tests.backend.factories import limited_client, make_partner, make_warehouse, ok
from tests.backend.purchasing.factories import make_order, submit
from tests.backend.sales import factories as sales


def test_stock_going_below_the_reorder_point_raises_one_alert_and_restocking_clears_it(
        api, site, events):
    move(api, site, 15)
    set_thresholds(api, site, reorder_point=10, max_qty=40)
    move(api, site, -3)   # 12: above
    move(api, site, -3)   # 9: below, raised
    move(api, site, -2)   # 7: still below, nothing new
    move(api, site, 3)    # 10: at the threshold, inside the band: stays open
    move(api, site, -1)   # 9: no second alert
    assert [e[0] for e in low_events(events)] == ["stock.low"]
    move(api, site, 3)    # 12: past threshold + 10%: cleared
    low, restored = low_events(events)
    room = f"warehouse:{site.warehouse['id']}"
    assert low[2] == restored[2] == room
    assert low[1]["position"] == 9 and low[1]["threshold"] == 10
    assert restored[0] == "stock.restored" and restored[1]["alert_id"] == low[1]["alert_id"]
    assert open_alerts(api) == []


def test_the_open_alert_shows_its_figures_and_what_to_order(api, site):
    set_thresholds(api, site, reorder_point=10, max_qty=40)
    move(api, site, 8)
    [alert] = open_alerts(api)
    assert (alert["product_id"], alert["warehouse_id"]) == (site.product["id"],
                                                          site.warehouse["id"])
    assert (alert["on_hand"], alert["available"], alert["incoming"], alert["threshold"]) == \
        (8, 8, 0, 10)
    # up to the maximum (40 - 8 = 32), in whole packs of 6: 36
    assert alert["suggested_qty"] == 36
    assert alert["supplier_id"] == site.supplier["id"]


def test_raising_the_thresholds_above_the_stock_raises_at_once_and_lowering_clears(
        api, site, events):
    move(api, site, 8)
    assert open_alerts(api) == []
    set_thresholds(api, site, min_qty=10)
    assert len(open_alerts(api)) == 1
    set_thresholds(api, site, min_qty=8)
    assert open_alerts(api) == []
    assert [e[0] for e in low_events(events)] == ["stock.low", "stock.restored"]


def test_stock_on_an_approved_purchase_order_counts_as_coming(api, site):
    set_thresholds(api, site, reorder_point=10)
    move(api, site, 4)
    assert len(open_alerts(api)) == 1
    submit(api, make_order(api, site.supplier, site.warehouse, [(site.product, 20, 1)]))
    assert open_alerts(api) == []


def test_a_user_limited_to_another_warehouse_sees_no_alert(api, app, site):
    other = limited_client(api, app, [make_warehouse(api)], role="manager")
    set_thresholds(api, site, reorder_point=10)
    move(api, site, 4)
    [alert] = open_alerts(api)
    assert open_alerts(other) == []
    assert other.get(f"/api/v1/alerts/{alert['id']}").status_code == 403
    assert other.post(f"/api/v1/alerts/{alert['id']}/purchase-order").status_code == 403


def test_stock_reserved_for_a_confirmed_order_is_no_longer_counted(api, site):
    move(api, site, 12)
    set_thresholds(api, site, reorder_point=10)
    assert open_alerts(api) == []
    order = sales.make_order(api, make_partner(api, "customers"), site.warehouse,
                             [(site.product, 5)])
    ok(sales.act(api, order, "confirm"))
    [alert] = open_alerts(api)
    assert (alert["on_hand"], alert["reserved"], alert["available"]) == (12, 5, 7)


def test_two_moves_at_once_across_the_threshold_raise_one_alert(api, app, site, events):
    move(api, site, 12)
    set_thresholds(api, site, reorder_point=10)
    approvals = []
    for _ in range(4):
        adjustment = ok(api.post("/api/v1/stock/adjustments", {
            "warehouse_id": site.warehouse["id"], "reason": "damaged",
            "lines": [{"product_id": site.product["id"], "location_id": site.bin["id"],
                       "qty": -2}]}))
        approvals.append(next(a for a in ok(api.get(
            "/api/v1/approvals?status=pending&kind=stock_adjustment"))["items"]
            if a["doc_id"] == adjustment["id"]))
    statuses = sales.race(app, [(f"/api/v1/approvals/{a['id']}/approve", {})
                                for a in approvals], user="boss")
    assert statuses == [200] * 4
    assert [e[0] for e in low_events(events)] == ["stock.low"]
    assert len(open_alerts(api)) == 1
