"""The approvals inbox on a phone: a card shows what is being approved (the PO's lines, supplier
and total in the business currency), offers no decision the server would refuse, and money
reads the same in English and Chinese."""
import pytest

from tests.backend.factories import make_partner, make_product, make_warehouse, ok

from .conftest import RemoteApi, in_app, shot
from .floor import outbox_entries
from .test_outbox import card_state, status_of

pytestmark = pytest.mark.usefixtures("auth_server")
PO = "/api/v1/purchase-orders"


def pending_po(api, admin):
    """A PO above the approval amount (2 lines, 6000.85 in all) submitted through `api`;
    returns its approval as the admin reads it."""
    supplier = make_partner(admin, "suppliers", name="Acme Tea Co", phone="0571-555",
                            payment_terms="30 days net")
    warehouse = make_warehouse(admin)
    tea, cup = make_product(admin, name="Green tea 250 g"), make_product(admin, name="Tea cup")
    order = ok(api.post(PO, {"supplier_id": supplier["id"], "warehouse_id": warehouse["id"],
                             "notes": "Spring stock before the festival",
                             "lines": [{"product_id": tea["id"], "qty_ordered": 3, "unit_cost": "1999.95"},
                                       {"product_id": cup["id"], "qty_ordered": 2, "unit_cost": "0.5"}]}))
    order = ok(api.post(f"{PO}/{order['id']}/submit"))
    approval_id = ok(admin.get(f"{PO}/{order['id']}"))["approval_id"]
    return ok(admin.get(f"/api/v1/approvals/{approval_id}"))


def api_of(app, remote_api, user):
    """A RemoteApi acting as the browser's user (for requests made in their name)."""
    from backend.auth.tokens import issue_token
    token = in_app(app, lambda: issue_token(f"e2e {user['username']}", user_id=user["id"])[1])
    return RemoteApi(remote_api.url, {**remote_api.tokens, user["username"]: token}, user["username"])


def card(page, approval):
    return page.locator(f"[data-approval-id='{approval['id']}']")


def open_card(page, server, approval):
    page.goto(f"{server}/#/approvals")
    card(page, approval).locator(".decision").wait_for()
    return card(page, approval)


def test_a_manager_sees_the_pos_lines_and_total_and_approves_it(signed_in, server, remote_api, page):
    signed_in("manager")
    approval = pending_po(remote_api, remote_api)
    shown = open_card(page, server, approval)
    text = shown.inner_text()
    for words in ("Acme Tea Co", "Green tea 250 g", "Tea cup", "Spring stock before the festival",
                  "¥6,000.85", "¥5,999.85", "3 × ¥1,999.95", "Asked by", "Terms: 30 days net"):
        assert words in text
    shot(page, "approvals-po-en-390x844")
    shown.locator(".approve").click()
    card_state(page, approval, "done")
    assert status_of(remote_api, approval) == "approved"


def test_own_request_offers_no_approve_and_says_why(signed_in, server, remote_api, app, page):
    user = signed_in("manager")
    approval = pending_po(api_of(app, remote_api, user), remote_api)
    shown = open_card(page, server, approval)
    shown.locator(".cannot-decide[data-reason='own_request']").wait_for()
    assert shown.locator(".approve").count() == 0 and shown.locator(".reject").count() == 0
    assert "another manager decides it" in shown.inner_text()
    shot(page, "approvals-own-request-en-390x844")


def test_reject_asks_for_a_note(signed_in, server, remote_api, page):
    signed_in("manager")
    approval = pending_po(remote_api, remote_api)
    shown = open_card(page, server, approval)
    shown.locator(".reject").click()
    assert shown.locator(".reject-confirm").is_disabled()
    shown.locator("textarea").fill("Too many cups")
    shown.locator(".reject-confirm").click()
    card_state(page, approval, "done")
    rejected = ok(remote_api.get(f"/api/v1/approvals/{approval['id']}"))
    assert (rejected["status"], rejected["note"]) == ("rejected", "Too many cups")


def test_money_reads_the_same_in_english_and_chinese(signed_in, server, remote_api, page):
    signed_in("manager")
    approval = pending_po(remote_api, remote_api)
    totals = {}
    for lang in ("en", "zh-CN"):
        if lang != "en":
            page.click("#lang")
            page.wait_for_selector("html[lang='zh-CN']")
        shown = open_card(page, server, approval)
        totals[lang] = (shown.locator(".approval-total").inner_text(),
                        [m.inner_text() for m in shown.locator(".approval-line-value").all()])
        shot(page, f"approvals-po-{lang}-390x844")
    assert totals["en"] == totals["zh-CN"] == ("¥6,000.85", ["¥5,999.85", "¥1.00"])
    assert "供应商" in card(page, approval).inner_text()


def test_a_refused_decision_shows_the_servers_reason_and_can_be_discarded(
        signed_in, server, remote_api, page):
    signed_in("manager")
    approval = pending_po(remote_api, remote_api)
    shown = open_card(page, server, approval)
    ok(remote_api.as_user("boss").post(f"/api/v1/approvals/{approval['id']}/approve", {}))
    shown.locator(".approve").click()
    card_state(page, approval, "failed")
    assert "it is approved, which is final" in shown.locator(".reason").inner_text()
    shot(page, "approvals-refused-en-390x844")
    shown.locator(".discard").click()
    shown.wait_for(state="detached")  # reloaded: it is no longer waiting
    assert outbox_entries(page) == []


def test_adjustment_count_and_return_cards_show_their_lines(signed_in, server, remote_api, page):
    from tests.backend.factories import add_stock, make_location

    from .floor import make_shipped
    signed_in("manager")
    warehouse = make_warehouse(remote_api)
    bin_ = make_location(remote_api, warehouse, code="A-01")
    mug = make_product(remote_api, name="Mug", cost=3, price=600)
    add_stock(remote_api, mug, bin_, 5)
    adjustment = ok(remote_api.post("/api/v1/stock/adjustments", {
        "warehouse_id": warehouse["id"], "reason": "dropped a box",
        "lines": [{"product_id": mug["id"], "location_id": bin_["id"], "qty": -2}]}))
    stocktake = ok(remote_api.post("/api/v1/stocktakes", {"warehouse_id": warehouse["id"]}))
    ok(remote_api.post(f"/api/v1/stocktakes/{stocktake['id']}/counts",
                       {"product_id": mug["id"], "location_id": bin_["id"], "qty": 4}))
    ok(remote_api.post(f"/api/v1/stocktakes/{stocktake['id']}/submit"))
    order = make_shipped(remote_api, warehouse, bin_, mug, qty=2)
    sales_return = ok(remote_api.post("/api/v1/sales-returns", {
        "warehouse_id": warehouse["id"], "order_id": order["id"], "reason_code": "damaged",
        "reason": "handle broken", "disposition": "restock",
        "lines": [{"product_id": mug["id"], "qty": 2, "location_id": bin_["id"]}]}))
    pending = ok(remote_api.get("/api/v1/approvals?status=pending&limit=100"))["items"]
    by_doc = {(a["doc_type"], a["doc_id"]): a for a in pending}
    expected = {("adjustment", adjustment["id"]): ("dropped a box", "-2 × ¥3.00", "-¥6.00"),
                ("stocktake", stocktake["id"]): ("Expected 5, counted 4", "All zones", "-¥3.00"),
                ("sales_return", sales_return["id"]): ("handle broken", "Damaged", "2 × ¥600.00",
                                                            "¥1,200.00")}
    page.goto(f"{server}/#/approvals")
    for key, words in expected.items():
        shown = card(page, by_doc[key])
        shown.locator(".decision").wait_for()
        assert all(w in shown.inner_text() for w in words), (key, shown.inner_text())
    card(page, by_doc[("adjustment", adjustment["id"])]).scroll_into_view_if_needed()
    shot(page, "approvals-kinds-en-390x844")
