"""An approval carries what is being approved: lines, values, totals in the business currency,
who asked and why; money as decimal strings."""
import pytest

from tests.backend.factories import add_stock, make_location, make_partner, make_product, make_warehouse, ok
from tests.backend.purchasing.factories import make_order, submit
from tests.backend.sales.factories import act, line_of, pick
from tests.backend.sales.factories import make_order as make_sales_order


@pytest.fixture
def shop(api):
    warehouse = make_warehouse(api, code="MAIN")
    bin_ = make_location(api, warehouse, code="A-01")
    return dict(warehouse=warehouse, bin=bin_, product=make_product(api, sku="TEA", cost=2, price=5),
                other=make_product(api, sku="CUP", cost="0.5"))


def approval_of(api, kind, doc_id, user="admin"):
    items = ok(api.as_user(user).get(f"/api/v1/approvals?status=pending&kind={kind}"))["items"]
    return next(a for a in items if a["doc_id"] == doc_id)


def test_a_po_approval_shows_its_lines_supplier_and_total_in_the_currency(api, shop):
    supplier = make_partner(api, "suppliers", code="ACME", name="Acme Tea Co", phone="555",
                            payment_terms="30 days net")
    order = make_order(api, supplier, shop["warehouse"],
                       [(shop["product"], 3, "1999.95"), (shop["other"], 2, "0.5")])
    submit(api, order)
    approval = approval_of(api, "purchase_order", order["id"], "boss")
    detail = approval["detail"]
    assert (approval["currency"], approval["total"], detail["total"]) == ("CNY", "6000.85", "6000.85")
    assert (detail["number"], detail["supplier"]["name"], detail["supplier"]["phone"],
            detail["supplier"]["payment_terms"], detail["warehouse"]["code"]) == (
        order["number"], "Acme Tea Co", "555", "30 days net", "MAIN")
    assert [(line["sku"], line["qty"], line["unit_price"], line["value"])
            for line in detail["lines"]] == [("TEA", 3, "1999.95", "5999.85"),
                                             ("CUP", 2, "0.50", "1.00")]
    assert approval["requested_by_name"] == "Admin"


def test_the_currency_is_a_setting(api, app, shop):
    app.extensions["settings"].currency = "EUR"
    ok(api.post("/api/v1/stock/adjustments", {
        "warehouse_id": shop["warehouse"]["id"], "reason": "found",
        "lines": [{"product_id": shop["product"]["id"], "location_id": shop["bin"]["id"], "qty": 1}]}))
    assert ok(api.get("/api/v1/approvals?status=pending"))["items"][0]["currency"] == "EUR"


def test_an_adjustment_approval_shows_signed_lines_valued_at_cost_and_its_reason(api, shop):
    add_stock(api, shop["product"], shop["bin"], 10)
    adjustment = ok(api.post("/api/v1/stock/adjustments", {
        "warehouse_id": shop["warehouse"]["id"], "reason": "broken in the aisle",
        "lines": [{"product_id": shop["product"]["id"], "location_id": shop["bin"]["id"], "qty": -3}]}))
    detail = approval_of(api, "stock_adjustment", adjustment["id"])["detail"]
    assert detail["reason"] == "broken in the aisle"
    assert [(line["sku"], line["location"], line["qty"], line["unit_price"], line["value"])
            for line in detail["lines"]] == [("TEA", "A-01", -3, "2.00", "-6.00")]
    assert detail["total"] == "6.00"


def test_a_count_approval_shows_each_differing_place_with_both_figures(api, shop):
    add_stock(api, shop["product"], shop["bin"], 10)
    stocktake = ok(api.post("/api/v1/stocktakes", {"warehouse_id": shop["warehouse"]["id"]}), 201)
    ok(api.post(f"/api/v1/stocktakes/{stocktake['id']}/counts", {
        "product_id": shop["product"]["id"], "location_id": shop["bin"]["id"], "qty": 7}))
    ok(api.post(f"/api/v1/stocktakes/{stocktake['id']}/submit"))
    detail = approval_of(api, "stocktake_variance", stocktake["id"])["detail"]
    assert [(line["location"], line["expected"], line["counted"], line["qty"], line["value"])
            for line in detail["lines"]] == [("A-01", 10, 7, -3, "-6.00")]
    assert (detail["number"], detail["total"]) == (stocktake["number"], "6.00")


def test_a_return_approval_shows_its_reason_order_and_value_at_the_orders_price(api, app, shop):
    app.extensions["settings"].return_approval_amount = "10"
    add_stock(api, shop["product"], shop["bin"], 10)
    customer = make_partner(api, "customers", name="Corner Cafe")
    order = ok(act(api, make_sales_order(api, customer, shop["warehouse"], [(shop["product"], 4)]),
                   "confirm"))
    ok(pick(api, order, line_of(order), shop["bin"], 4))
    ok(act(api, order, "ship"))
    sales_return = ok(api.post("/api/v1/sales-returns", {
        "warehouse_id": shop["warehouse"]["id"], "order_id": order["id"], "reason_code": "damaged",
        "reason": "crushed box", "disposition": "restock",
        "lines": [{"product_id": shop["product"]["id"], "qty": 3, "location_id": shop["bin"]["id"]}]}))
    detail = approval_of(api, "sales_return", sales_return["id"])["detail"]
    assert (detail["reason"], detail["reason_code"], detail["order_number"],
            detail["customer"]["name"], detail["total"]) == (
        "crushed box", "damaged", order["number"], "Corner Cafe", "15.00")
    assert [(line["qty"], line["unit_price"]) for line in detail["lines"]] == [(3, "5.00")]


def test_me_names_the_currency(api):
    assert ok(api.as_user("boss").get("/api/v1/auth/me"))["currency"] == "CNY"


def test_an_approval_whose_document_is_gone_still_shows_without_detail(api, app, shop):
    from backend.db import writing
    from backend.stock.models import Adjustment
    adjustment = ok(api.post("/api/v1/stock/adjustments", {
        "warehouse_id": shop["warehouse"]["id"], "reason": "found",
        "lines": [{"product_id": shop["product"]["id"], "location_id": shop["bin"]["id"], "qty": 1}]}))
    approval = approval_of(api, "stock_adjustment", adjustment["id"])
    with app.app_context(), writing():
        Adjustment.delete_by_id(adjustment["id"])
    shown = ok(api.as_user("boss").get(f"/api/v1/approvals/{approval['id']}"))
    assert (shown["detail"], shown["status"], shown["currency"]) == (None, "pending", "CNY")
