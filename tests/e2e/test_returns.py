"""One-tap returns on the phone: scan the item, pick the order it shipped on, a reason,
restock or quarantine: three taps or fewer after the scan; the moves land once."""
import pytest

from tests.backend.factories import make_product, ok

from .conftest import shot
from .floor import band, count_taps, make_shipped, make_site, moves_of, sent_all, taps, unit_code, wedge

pytestmark = pytest.mark.usefixtures("auth_server")


def returns_of(api, order):
    return ok(api.get(f"/api/v1/sales-returns?order_id={order['id']}"))["items"]


def shipped_item(api, qty):
    """A product shipped from a new warehouse's first bin; returns (warehouse, bin, product, order)."""
    warehouse, (bin_, _) = make_site(api)
    product = make_product(api)
    return warehouse, bin_, product, make_shipped(api, warehouse, bin_, product, qty=qty)


def open_returns(page, server):
    page.goto(f"{server}/#/returns")
    page.wait_for_selector(".floor .lead")


def test_return_of_a_scanned_item_takes_three_taps_and_restocks_it(signed_in, server, remote_api, page):
    signed_in("warehouse")
    warehouse, bin_, product, order = shipped_item(remote_api, 2)
    open_returns(page, server)
    wedge(page, unit_code(product))
    page.wait_for_selector(f"[data-choice='order-{order['id']}']")
    count_taps(page)
    shot(page, "returns-orders-390x844")
    page.click(f"[data-choice='order-{order['id']}']")
    page.wait_for_selector("[data-choice='damaged']")
    shot(page, "returns-reasons-390x844")
    page.click("[data-choice='damaged']")
    page.wait_for_selector("[data-choice='restock']")
    assert bin_["code"] in page.locator("[data-choice='restock']").inner_text()
    page.click("[data-choice='restock']")
    assert "Back in" in band(page, "ok")
    assert taps(page) <= 3
    sent_all(page)
    [made] = returns_of(remote_api, order)
    assert (made["reason_code"], made["disposition"]) == ("damaged", "restock")
    assert moves_of(remote_api, product).count((1, bin_["id"], "sales_return")) == 1


def test_order_qr_then_item_then_quarantine(signed_in, server, remote_api, page):
    signed_in("manager")
    warehouse, bin_, product, order = shipped_item(remote_api, 1)
    open_returns(page, server)
    wedge(page, f"STP:SO:{order['number']}")
    page.wait_for_selector(f"[data-choice='product-{product['id']}']")
    count_taps(page)
    page.click(f"[data-choice='product-{product['id']}']")
    page.click("[data-choice='defective']")
    page.click("[data-choice='quarantine']")
    band(page, "ok")
    assert taps(page) <= 3
    sent_all(page)
    [made] = returns_of(remote_api, order)
    assert made["disposition"] == "quarantine"
    page.goto(f"{server}/#/quarantine")
    row = page.locator(f"#quarantine-list li[data-product-id='{product['id']}']")
    row.wait_for()
    shot(page, "quarantine-390x844")
    row.locator("select.release-bin").select_option(str(bin_["id"]))
    row.locator(".release").click()
    sent_all(page)
    quarantine = ok(remote_api.get(f"/api/v1/quarantine?product_id={product['id']}"))["items"]
    assert sum(r["on_hand"] for r in quarantine) == 0


def test_quarantined_units_are_written_off_through_an_approval(signed_in, server, remote_api, page):
    signed_in("manager")
    warehouse, bin_, product, order = shipped_item(remote_api, 1)
    ok(remote_api.post("/api/v1/sales-returns", {
        "order_id": order["id"], "warehouse_id": warehouse["id"], "reason_code": "damaged",
        "disposition": "quarantine", "lines": [{"product_id": product["id"], "qty": 1}]}))
    before = {a["id"] for a in pending_adjustments(remote_api)}
    page.goto(f"{server}/#/quarantine")
    row = page.locator(f"#quarantine-list li[data-product-id='{product['id']}']")
    row.locator(".write-off").click()
    row.get_by_role("button", name="Tap again to write off").click()
    sent_all(page)
    [approval] = [a for a in pending_adjustments(remote_api) if a["id"] not in before]
    assert sum(r["on_hand"] for r in ok(remote_api.get(
        f"/api/v1/quarantine?product_id={product['id']}"))["items"]) == 1  # until approved
    ok(remote_api.as_user("boss").post(f"/api/v1/approvals/{approval['id']}/approve", {}))
    quarantine = ok(remote_api.get(f"/api/v1/quarantine?product_id={product['id']}"))["items"]
    assert sum(r["on_hand"] for r in quarantine) == 0


def pending_adjustments(api):
    return ok(api.get("/api/v1/approvals?status=pending&kind=stock_adjustment&limit=500"))["items"]
