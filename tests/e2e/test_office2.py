"""The back office, second half: warehouses and bins (walking order, deactivation, thresholds),
stock balances and a product's move history, sales orders (what could not be reserved, cancel,
pick progress), API tokens and the audit trail for admins only; screenshots at desktop,
tablet and phone sizes in English and Chinese."""
import re
import uuid

import pytest

from tests.backend.factories import add_stock, make_location, make_partner, make_product, make_warehouse, ok

from .conftest import shot

pytestmark = pytest.mark.usefixtures("auth_server")
SIZES = {"1440x900": {"width": 1440, "height": 900}, "1024x768": {"width": 1024, "height": 768},
         "390x844": {"width": 390, "height": 844}}
DESKTOP = SIZES["1440x900"]


def tag():
    return uuid.uuid4().hex[:6].upper()


def open_office(page, server, path):
    page.goto(f"{server}/#/office/{path}")
    page.wait_for_selector(".office-main h1")


def bin_codes(page):
    return page.locator(".bin-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.bin)")


def test_warehouse_with_bins_in_walking_order_a_deactivated_bin_and_thresholds(signed_in, server, remote_api, page):
    signed_in("manager")
    page.set_viewport_size(DESKTOP)
    code = f"W{tag()}"
    open_office(page, server, "warehouses/new")
    page.fill("#field-code", code)
    page.fill("#field-name", f"North {code}")
    page.press("#field-name", "Enter")
    page.wait_for_selector("#bins")
    for bin_code in ("A-1", "B-1"):
        page.click("#add-bin")
        page.fill("#bin-form #field-code", bin_code)
        page.press("#bin-form #field-code", "Enter")
        page.wait_for_selector(f".bin-table tr[data-bin='{bin_code}']")
        page.press("#bin-form #field-code", "Escape")
    assert [c for c in bin_codes(page) if "-" in c] == ["A-1", "B-1"]
    row = page.locator(".bin-table tr[data-bin='A-1']")
    row.locator("input[name=sort_key]").fill("Z-9")
    row.locator(".save-bin").click()
    page.wait_for_function("() => [...document.querySelectorAll('.bin-table tr[data-bin]')]"
                           ".map(r => r.dataset.bin).filter(c => c.includes('-')).join() === 'B-1,A-1'")
    page.locator(".bin-table tr[data-bin='B-1'] .deactivate-bin").click()
    page.wait_for_selector(".bin-table tr[data-bin='B-1'].inactive")
    warehouse = next(w for w in ok(remote_api.get("/api/v1/warehouses")) if w["code"] == code)
    bins = {b["code"]: b for b in ok(remote_api.get(f"/api/v1/warehouses/{warehouse['id']}/locations"))}
    assert (bins["A-1"]["sort_key"], bins["B-1"]["active"]) == ("Z-9", False)
    product = make_product(remote_api)
    page.click(".add-threshold summary")
    page.fill("#threshold-picker input[name=code]", product["sku"])
    page.press("#threshold-picker input[name=code]", "Enter")
    level = page.locator(f".level-table tr[data-sku='{product['sku']}']")
    level.locator("input[name=reorder_point]").fill("4")
    level.locator("input[name=min_qty]").fill("2")
    level.locator(".save-level").click()
    page.wait_for_selector(f".level-table tr[data-sku='{product['sku']}'] .save-level", state="detached")
    saved = ok(remote_api.get(f"/api/v1/stock/levels?product_id={product['id']}&warehouse_id={warehouse['id']}"))
    assert (saved["items"][0]["min_qty"], saved["items"][0]["reorder_point"]) == (2, 4)
    shot(page, "office2-warehouse-1440x900")


def test_a_bin_holding_stock_is_not_deactivated_and_says_why_in_chinese(signed_in, server, remote_api, page):
    signed_in("manager")
    page.set_viewport_size(SIZES["390x844"])
    warehouse, product = make_warehouse(remote_api), make_product(remote_api)
    full = make_location(remote_api, warehouse, code="F-1")
    add_stock(remote_api, product, full, 3)
    open_office(page, server, f"warehouses/{warehouse['id']}")
    page.click("#lang")
    page.locator(".bin-table tr[data-bin='F-1'] .deactivate-bin").click()
    assert "仍有库存" in page.locator(".bin-table tr[data-bin='F-1'] .field-error").inner_text()
    shot(page, "office2-bin-refused-zh-390x844")


def test_stock_balances_by_bin_and_lot_and_a_products_move_history(signed_in, server, remote_api, page):
    signed_in("manager")
    page.set_viewport_size(DESKTOP)
    warehouse, product = make_warehouse(remote_api), make_product(remote_api, tracks_lots=True)
    bin_ = make_location(remote_api, warehouse, code="S-1")
    lot = ok(remote_api.post(f"/api/v1/products/{product['id']}/lots", {"code": "LOT-7", "expiry": "2031-05-01"}))
    add_stock(remote_api, product, bin_, 6, lot_id=lot["id"])
    open_office(page, server, "stock")
    page.fill("#stock-picker input[name=code]", product["sku"])
    page.press("#stock-picker input[name=code]", "Enter")
    row = page.locator(f"#stock-table tbody tr:has-text('{product['sku']}')")
    row.locator(f"td:text-is('{warehouse['code']}')").wait_for()  # once the warehouses are loaded
    # the expiry in the app's language: English, in the browser's own English (en-GB)
    assert all(text in row.inner_text() for text in ("S-1", "LOT-7", "1 May 2031", "6", warehouse["code"]))
    page.click("#product-history")
    page.wait_for_selector("#move-table tbody tr")
    assert "adjustment" in page.inner_text("#move-table tbody tr")
    page.wait_for_selector(f"#product-balances td >> text={warehouse['code']} S-1")
    shot(page, "office2-stock-history-1440x900")


def test_a_sales_order_lists_what_could_not_be_reserved_then_confirms_and_shows_picking(signed_in, server, remote_api, page):
    signed_in("manager")
    page.set_viewport_size(DESKTOP)
    warehouse, plenty, scarce = make_warehouse(remote_api), make_product(remote_api), make_product(remote_api)
    bin_ = make_location(remote_api, warehouse)
    add_stock(remote_api, plenty, bin_, 10)
    add_stock(remote_api, scarce, bin_, 1)
    customer = make_partner(remote_api, "customers", name=f"Cafe {tag()}")
    open_office(page, server, "sales-orders/new")
    page.select_option("#field-customer_id", str(customer["id"]))
    page.select_option("#field-warehouse_id", str(warehouse["id"]))
    for product, qty in ((plenty, 3), (scarce, 2)):
        page.fill("#order-picker input[name=code]", product["sku"])
        page.press("#order-picker input[name=code]", "Enter")
        page.locator(f".order-lines tr[data-sku='{product['sku']}'] input").fill(str(qty))
    page.click("#order-form button[type=submit]")
    page.click("#confirm-order")
    short = page.locator("#not-reserved")
    short.wait_for()
    assert scarce["sku"] in short.inner_text() and plenty["sku"] not in short.inner_text()
    shot(page, "office2-order-short-1440x900")
    order_id = page.evaluate("() => location.hash.split('/').pop()")
    add_stock(remote_api, scarce, bin_, 1)
    page.click("#confirm-order")
    page.wait_for_selector(".status-chip.status-confirmed")
    order = ok(remote_api.get(f"/api/v1/sales-orders/{order_id}"))
    assert [line["qty_reserved"] for line in order["lines"]] == [3, 2]
    ok(remote_api.post(f"/api/v1/sales-orders/{order_id}/picks", {
        "order_line_id": order["lines"][0]["id"], "location_id": bin_["id"], "qty": 3}))
    page.reload()
    page.wait_for_selector(".status-chip.status-picking")
    assert page.locator(f".order-detail tr[data-sku='{plenty['sku']}'] td[data-label=Picked]").inner_text() == "3"
    page.click("#cancel-order")
    page.click("#cancel-order")
    page.wait_for_selector(".status-chip.status-cancelled")
    assert ok(remote_api.get(f"/api/v1/sales-orders/{order_id}"))["status"] == "cancelled"



def test_a_picked_order_with_nothing_picked_can_be_cancelled_in_the_office(signed_in, server, remote_api, page):
    signed_in("manager")
    page.set_viewport_size(DESKTOP)
    warehouse = make_warehouse(remote_api)
    bin_ = make_location(remote_api, warehouse)
    product = make_product(remote_api)
    add_stock(remote_api, product, bin_, 2)
    order = ok(remote_api.post("/api/v1/sales-orders", {
        "customer_id": make_partner(remote_api, "customers")["id"], "warehouse_id": warehouse["id"],
        "lines": [{"product_id": product["id"], "qty_ordered": 2}]}))
    order = ok(remote_api.post(f"/api/v1/sales-orders/{order['id']}/confirm"))
    ok(remote_api.post(f"/api/v1/sales-orders/{order['id']}/short",
                       {"order_line_id": order["lines"][0]["id"], "qty": 2}))
    open_office(page, server, f"sales-orders/{order['id']}")
    page.wait_for_selector(".status-chip.status-picked")
    page.click("#cancel-order")
    page.click("#cancel-order")
    page.wait_for_selector(".status-chip.status-cancelled")
    assert ok(remote_api.get(f"/api/v1/sales-orders/{order['id']}"))["status"] == "cancelled"



def in_language(page, lang):
    page.evaluate("(lang) => localStorage.setItem('stocktap.lang', lang)", lang)
    page.reload()


def test_office_dates_follow_the_app_language_not_the_browsers(signed_in, server, remote_api, page):
    signed_in("manager")  # the browser's locale is en-GB (conftest)
    page.set_viewport_size(DESKTOP)
    warehouse = make_warehouse(remote_api)
    order = ok(remote_api.post("/api/v1/sales-orders", {
        "customer_id": make_partner(remote_api, "customers")["id"], "warehouse_id": warehouse["id"],
        "lines": []}))
    open_office(page, server, "sales-orders")
    in_language(page, "zh-CN")
    page.wait_for_selector("html[lang='zh-CN']")
    cell = page.locator(f"#order-table tr[data-id='{order['id']}'] td[data-label='创建时间']")
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", cell.inner_text().strip()), cell.inner_text()
    open_office(page, server, "audit")
    when = page.locator("#audit-table tbody tr >> nth=0").locator("td[data-label='时间']")
    assert re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}", when.inner_text().strip()), when.inner_text()
    in_language(page, "en")  # English: the browser's own English (en-GB) is kept
    open_office(page, server, "sales-orders")
    cell = page.locator(f"#order-table tr[data-id='{order['id']}'] td[data-label='Created']")
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2,3} \d{4}", cell.inner_text().strip()), cell.inner_text()


def test_an_admin_creates_a_token_sees_its_secret_once_revokes_it_and_finds_it_in_the_audit(signed_in, server, remote_api, page):
    signed_in("admin")
    page.set_viewport_size(DESKTOP)
    name = f"shop feed {tag()}"
    open_office(page, server, "tokens")
    page.click("#new-token")
    page.fill("#field-name", name)
    page.select_option("#field-role", "readonly")
    page.check("input[name=scope][value=catalog]")
    page.press("#field-name", "Enter")
    secret = page.locator("#token-secret").inner_text()
    assert secret.startswith("stk_")
    row = page.locator(f"#token-table tr[data-token='{name}']")
    assert "catalog" in row.inner_text() and secret not in page.inner_text("#token-table")
    shot(page, "office2-token-secret-1440x900")
    page.click("#hide-secret")
    assert page.locator("#token-secret").count() == 0
    row.locator(".revoke").click()
    row.locator(".revoke").click()
    row.wait_for(state="detached")
    assert name not in [t["name"] for t in ok(remote_api.get("/api/v1/tokens"))]
    open_office(page, server, "audit")
    page.fill("#audit-table input[name=q]", "tokens.revoke_token")
    page.press("#audit-table input[name=q]", "Enter")
    page.wait_for_selector("#audit-table tbody tr >> text=tokens.revoke_token")
    assert "revoked_at" in page.inner_text("#audit-table tbody")


def test_a_warehouse_user_gets_no_tokens_or_audit_screen_and_the_api_refuses(signed_in, server, page):
    signed_in("warehouse")
    page.set_viewport_size(DESKTOP)
    open_office(page, server, "stock")
    sections = page.locator(".office-nav a").evaluate_all("links => links.map(a => a.dataset.section)")
    assert "stock" in sections and "tokens" not in sections and "audit" not in sections
    for section in ("tokens", "audit"):
        page.goto(f"{server}/#/office/{section}")
        page.wait_for_function(f"() => !location.hash.startsWith('#/office/{section}')")
    statuses = page.evaluate("""async () => Promise.all(['/api/v1/tokens', '/api/v1/audit'].map(
        async (url) => (await fetch(url, {headers: {Accept: 'application/json', 'X-Device': 'e2e'}})).status))""")
    assert statuses == [403, 403]


def test_screenshots_of_each_screen_at_three_sizes_in_english_and_chinese(signed_in, server, remote_api, page):
    signed_in("admin")
    warehouse, product = make_warehouse(remote_api), make_product(remote_api)
    bin_ = make_location(remote_api, warehouse, code="A-01")
    make_location(remote_api, warehouse, code="A-02")
    add_stock(remote_api, product, bin_, 5)
    ok(remote_api.as_user("boss").post("/api/v1/sales-orders", {
        "customer_id": make_partner(remote_api, "customers")["id"], "warehouse_id": warehouse["id"],
        "lines": [{"product_id": product["id"], "qty_ordered": 2}]}))
    order = ok(remote_api.get(f"/api/v1/sales-orders?warehouse_id={warehouse['id']}"))["items"][0]
    screens = {"warehouse": f"warehouses/{warehouse['id']}", "stock": "stock",
               "order": f"sales-orders/{order['id']}", "orders": "sales-orders", "tokens": "tokens",
               "audit": "audit"}
    for language in ("en", "zh"):
        for size_name, size in SIZES.items():
            page.set_viewport_size(size)
            for name, path in screens.items():
                open_office(page, server, path)
                page.wait_for_selector(".office-main [aria-busy=true]", state="detached")
                shot(page, f"office2-{name}-{language}-{size_name}")
        page.click("#lang")
