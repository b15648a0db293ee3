"""One tap from a low-stock alert to a draft purchase order, for one alert or a supplier's."""
from tests.backend.alerts.conftest import move, open_alerts, set_thresholds
from tests.backend.factories import make_partner, make_product, ok
from tests.backend.purchasing.factories import make_order, submit


def _lines(order):
    return sorted((line["product_id"], line["qty_ordered"]) for line in order["lines"])


def test_an_alert_becomes_a_draft_order_for_the_suggested_quantity_from_its_supplier(api, site):
    move(api, site, 8)
    set_thresholds(api, site, reorder_point=10, max_qty=40)
    [alert] = open_alerts(api)
    order = ok(api.as_user("boss").post(f"/api/v1/alerts/{alert['id']}/purchase-order"), 201)
    assert (order["status"], order["supplier_id"], order["warehouse_id"]) == \
        ("draft", site.supplier["id"], site.warehouse["id"])
    assert _lines(order) == [(site.product["id"], 36)]
    assert open_alerts(api)[0]["purchase_order_id"] == order["id"]


def test_an_alert_gives_one_draft_only(api, site):
    move(api, site, 8)
    set_thresholds(api, site, reorder_point=10)
    [alert] = open_alerts(api)
    ok(api.post(f"/api/v1/alerts/{alert['id']}/purchase-order"), 201)
    again = api.post(f"/api/v1/alerts/{alert['id']}/purchase-order")
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "alert_ordered")


def test_without_a_preferred_supplier_the_last_supplier_bought_from_is_suggested(api, site):
    product = make_product(api)
    last = make_partner(api, "suppliers")
    submit(api, make_order(api, site.supplier, site.warehouse, [(product, 1, 1)]))
    submit(api, make_order(api, last, site.warehouse, [(product, 1, 1)]))
    set_thresholds(api, site, product=product, min_qty=5)  # 2 coming: below
    [alert] = open_alerts(api)
    assert (alert["supplier_id"], alert["suggested_qty"]) == (last["id"], 3)


def test_a_product_never_bought_without_a_supplier_cannot_be_ordered(api, site):
    product = make_product(api)
    set_thresholds(api, site, product=product, min_qty=5)
    [alert] = open_alerts(api)
    refused = api.post(f"/api/v1/alerts/{alert['id']}/purchase-order")
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (409, "no_supplier")


def test_a_suppliers_open_alerts_in_a_warehouse_become_one_draft(api, site):
    second = make_product(api, preferred_supplier_id=site.supplier["id"])
    elsewhere = make_product(api, preferred_supplier_id=make_partner(api, "suppliers")["id"])
    for product, low in ((site.product, 12), (second, 5), (elsewhere, 5)):
        set_thresholds(api, site, product=product, reorder_point=low)
    assert len(open_alerts(api)) == 3
    body = {"supplier_id": site.supplier["id"], "warehouse_id": site.warehouse["id"]}
    order = ok(api.post("/api/v1/alerts/purchase-orders", body), 201)
    assert order["supplier_id"] == site.supplier["id"]
    assert _lines(order) == sorted([(site.product["id"], 12), (second["id"], 5)])
    refused = api.post("/api/v1/alerts/purchase-orders", body)
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (409, "no_alerts")


def test_an_unknown_supplier_in_the_body_is_a_422_naming_it(api, site):
    refused = api.post("/api/v1/alerts/purchase-orders",
                       {"supplier_id": 999, "warehouse_id": site.warehouse["id"]})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["field"] == "supplier_id"
