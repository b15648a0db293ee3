"""The back office (#/office): products with barcodes, purchase orders through approval to
the Receive screen, server errors next to their field (English and Chinese), the keyboard,
and screenshots at desktop, tablet and phone sizes."""
import uuid

import pytest

from tests.backend.factories import add_stock, ean13, make_partner, make_product, ok

from .conftest import shot
from .floor import make_site, sent_all, unit_code, wedge

pytestmark = pytest.mark.usefixtures("auth_server")
DESKTOP = {"width": 1440, "height": 900}
TABLET = {"width": 1024, "height": 768}
PHONE = {"width": 390, "height": 844}


def tag():
    return uuid.uuid4().hex[:8].upper()


def open_office(page, server, path):
    page.goto(f"{server}/#/office/{path}")
    page.wait_for_selector(".office-main h1")


def test_product_created_with_two_barcodes(signed_in, server, remote_api, page):
    signed_in("manager")
    page.set_viewport_size(DESKTOP)
    sku = f"OF-{tag()}"
    unit, pack = ean13(700000 + int(uuid.uuid4().int % 99999)), ean13(800000 + int(uuid.uuid4().int % 99999))
    open_office(page, server, "products/new")
    page.fill("#field-sku", sku)
    page.fill("#field-name", f"Olive oil {sku}")
    page.fill("#field-category", "Pantry")
    page.fill("#field-price", "7.50")
    page.fill("[name='barcodes.0.code']", unit)
    page.click(".add-barcode")
    page.fill("[name='barcodes.1.code']", pack)
    page.fill("[name='barcodes.1.pack_qty']", "12")
    page.click("#product-form button[type=submit]")
    page.wait_for_selector(".existing-barcodes li >> nth=1")
    product = ok(remote_api.get(f"/api/v1/lookup?code={pack}"))
    assert product["product"]["sku"] == sku and product["pack_qty"] == 12
    assert sorted(b["code"].lstrip("0") for b in product["product"]["barcodes"]) == sorted([unit, pack])
    open_office(page, server, "products")
    page.fill("#product-table input[name=q]", sku)
    page.wait_for_selector(f"#product-table tbody tr >> text={sku}")
    # the row of this product (other tests' products may still show until the search lands)
    assert "2 barcodes" in page.locator("#product-table tbody tr", has_text=sku).inner_text()


def wait_status(page, status):
    page.wait_for_selector(f".po-status[data-status={status}]")


def test_po_with_three_lines_submitted_approved_and_received_on_a_phone(signed_in, server, remote_api, page):
    signed_in("manager")
    page.set_viewport_size(DESKTOP)
    warehouse, (bin_, _) = make_site(remote_api)
    supplier = make_partner(remote_api, "suppliers", name=f"Acme {tag()}")
    scanned, typed, searched = (make_product(remote_api, name=f"{word} {tag()}")
                                for word in ("Scanned", "Typed", "Searched"))
    open_office(page, server, "purchase-orders/new")
    page.select_option("#field-supplier_id", str(supplier["id"]))
    page.select_option("#field-warehouse_id", str(warehouse["id"]))
    page.focus("#product-picker input[name=code]")
    wedge(page, unit_code(scanned))  # a scan picks the product at once
    page.wait_for_selector(f".po-lines tr[data-product-id='{scanned['id']}']")
    page.fill("#product-picker input[name=code]", typed["sku"])
    page.press("#product-picker input[name=code]", "Enter")
    page.wait_for_selector(f".po-lines tr[data-product-id='{typed['id']}']")
    page.fill("#product-picker input[name=code]", searched["name"].split()[1])
    page.press("#product-picker input[name=code]", "Enter")
    page.click(f".picker-choices [data-product-id='{searched['id']}']")
    for i, qty in enumerate((2, 3, 1)):
        page.fill(f"[name='lines.{i}.qty_ordered']", str(qty))
        page.fill(f"[name='lines.{i}.unit_cost']", "1000")
    page.click("#po-form button[type=submit]")
    wait_status(page, "draft")
    shot(page, "office-po-draft-1440x900")
    page.click(".po-submit")
    wait_status(page, "pending_approval")
    order = ok(remote_api.get(f"/api/v1/purchase-orders?supplier_id={supplier['id']}"))["items"][0]
    order = ok(remote_api.get(f"/api/v1/purchase-orders/{order['id']}"))
    assert [(line["product_id"], line["qty_ordered"]) for line in order["lines"]] == [
        (scanned["id"], 2), (typed["id"], 3), (searched["id"], 1)]
    ok(remote_api.as_user("boss").post(f"/api/v1/approvals/{order['approval_id']}/approve"))
    page.reload()
    wait_status(page, "approved")
    assert page.locator("#po-form button[type=submit]").count() == 0  # an approved order is not edited

    signed_in("warehouse")
    page.set_viewport_size(PHONE)
    page.goto(f"{server}/#/receive/{order['id']}")
    page.wait_for_selector("#receive-lines")
    wedge(page, bin_["barcode"])
    for product, qty in ((scanned, 2), (typed, 3), (searched, 1)):
        for _ in range(qty):
            wedge(page, unit_code(product))
    sent_all(page)
    shot(page, "office-po-received-390x844")
    stock = ok(remote_api.get(f"/api/v1/stock?location_id={bin_['id']}"))["items"]
    assert sorted((s["product_id"], s["on_hand"]) for s in stock) == sorted(
        [(scanned["id"], 2), (typed["id"], 3), (searched["id"], 1)])
    signed_in("manager")
    page.set_viewport_size(DESKTOP)
    open_office(page, server, f"purchase-orders/{order['id']}")
    wait_status(page, "received")
    assert page.locator(".po-receipts tbody tr").count() == 6
    page.wait_for_selector(f".po-receipts tbody td:text-is('{bin_['code']}')")  # the bin by its code
    assert page.locator(".po-lines .po-outstanding").all_inner_texts() == ["0", "0", "0"]
    page.click(".po-close")
    wait_status(page, "closed")
    shot(page, "office-po-closed-1440x900")
    open_office(page, server, f"products/{typed['id']}")  # the stock, as the product shows it
    page.wait_for_selector(f".product-stock tr[data-warehouse-id='{warehouse['id']}'] .on-hand:text-is('3')")


@pytest.mark.parametrize("lang, words", [("en", "already exists"), ("zh-CN", "该 SKU 已存在")])
def test_server_error_shown_next_to_its_field_in_the_users_language(signed_in, server, remote_api, page,
                                                                    lang, words):
    signed_in("manager")
    page.evaluate("lang => localStorage.setItem('stocktap.lang', lang)", lang)
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    taken = make_product(remote_api)
    open_office(page, server, "products/new")
    page.fill("#field-sku", taken["sku"])
    page.fill("#field-name", "Another")
    page.press("#field-name", "Enter")
    error = page.wait_for_selector("#product-form [data-error-for=sku]")
    assert words in error.inner_text()
    assert page.get_attribute("#field-sku", "aria-invalid") == "true"
    page.wait_for_function("() => document.activeElement?.id === 'field-sku'")  # focus follows the paint
    shot(page, f"office-error-{lang}-390x844")


def test_nested_line_error_shown_at_its_line(signed_in, server, remote_api, page):
    signed_in("manager")
    page.set_viewport_size(TABLET)
    supplier = make_partner(remote_api, "suppliers")
    warehouse, _ = make_site(remote_api)
    product = make_product(remote_api)
    open_office(page, server, "purchase-orders/new")
    page.select_option("#field-supplier_id", str(supplier["id"]))
    page.select_option("#field-warehouse_id", str(warehouse["id"]))
    page.fill("#product-picker input[name=code]", product["sku"])
    page.press("#product-picker input[name=code]", "Enter")
    page.fill("[name='lines.0.qty_ordered']", "-4")
    page.click("#po-form button[type=submit]")
    page.wait_for_selector("[data-error-for='lines.0.qty_ordered']")


def test_keyboard_tab_order_enter_submits_escape_closes(signed_in, server, page):
    signed_in("manager")
    page.set_viewport_size(DESKTOP)
    open_office(page, server, "suppliers/new")
    page.wait_for_function("() => document.activeElement?.id === 'field-code'")  # focus follows the paint
    order = []
    for _ in range(3):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id"))
    assert order == ["field-name", "field-email", "field-phone"]
    page.keyboard.press("Escape")
    page.wait_for_selector("#partner-table")
    assert page.url.endswith("#/office/suppliers")
    page.click("#new-partner")
    page.wait_for_selector("#field-code")
    code = f"K-{tag()}"
    page.keyboard.type(code)
    page.keyboard.press("Tab")
    page.keyboard.type(f"Keyboard {code}")
    page.keyboard.press("Enter")
    page.wait_for_selector("#partner-table")
    page.fill("#partner-table input[name=q]", code)
    page.wait_for_selector(f"#partner-table tbody >> text={code}")


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_screenshots(signed_in, server, remote_api, page, lang):
    signed_in("manager")
    page.evaluate("lang => localStorage.setItem('stocktap.lang', lang)", lang)
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    make_product(remote_api, category="Pantry")
    for size in (DESKTOP, TABLET, PHONE):
        page.set_viewport_size(size)
        name = f"{size['width']}x{size['height']}-{lang}"
        for path in ("products", "products/new", "purchase-orders/new", "suppliers"):
            open_office(page, server, path)
            page.wait_for_selector(".office-main form, .office-main table")
            page.wait_for_timeout(300)
            shot(page, f"office-{path.replace('/', '-')}-{name}")


def test_product_edit_names_the_refused_barcode_row_then_deactivates(signed_in, server, remote_api, page):
    signed_in("manager")
    page.set_viewport_size(TABLET)
    product, other = make_product(remote_api), make_product(remote_api)
    taken = other["barcodes"][0]["code"].lstrip("0")
    open_office(page, server, f"products/{product['id']}")
    page.fill("#field-name", "Renamed")
    page.click(".add-barcode")
    page.fill("[name='barcodes.0.code']", ean13(600000 + product["id"]))
    page.click(".add-barcode")
    page.fill("[name='barcodes.1.code']", taken)
    page.click("#product-form button[type=submit]")
    error = page.wait_for_selector("[data-error-for='barcodes.0.code']")  # the first was added
    assert taken in error.inner_text()
    assert page.input_value("[name='barcodes.0.code']") == taken
    assert ok(remote_api.get(f"/api/v1/products/{product['id']}"))["name"] == "Renamed"
    page.click("#product-form .deactivate")
    page.wait_for_selector("#product-table")
    assert ok(remote_api.get(f"/api/v1/products/{product['id']}"))["active"] is False


def test_low_stock_filter_lists_only_low_products(signed_in, server, remote_api, page):
    signed_in("manager")
    page.set_viewport_size(DESKTOP)
    warehouse, (bin_, _) = make_site(remote_api)
    name = f"Lowtest {tag()}"
    low, plenty = make_product(remote_api, name=f"{name} a"), make_product(remote_api, name=f"{name} b")
    for product, qty in ((low, 2), (plenty, 30)):
        add_stock(remote_api, product, bin_, qty)
        ok(remote_api._send("PUT", f"/api/v1/stock/levels/{product['id']}/{warehouse['id']}", {"reorder_point": 5}))
    open_office(page, server, "products")
    page.fill("#product-table input[name=q]", name)
    page.wait_for_selector(f"#product-table tbody tr[data-id='{plenty['id']}']")
    page.select_option("#product-table select[name=low_stock]", "true")
    page.wait_for_selector(f"#product-table tbody tr[data-id='{plenty['id']}']", state="detached")
    assert page.locator("#product-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)") == [str(low["id"])]


def test_draft_po_lines_edited_then_cancelled(signed_in, server, remote_api, page):
    signed_in("manager")
    page.set_viewport_size(TABLET)
    warehouse, _ = make_site(remote_api)
    supplier = make_partner(remote_api, "suppliers")
    first, second = make_product(remote_api), make_product(remote_api)
    order = ok(remote_api.post("/api/v1/purchase-orders", {
        "supplier_id": supplier["id"], "warehouse_id": warehouse["id"],
        "lines": [{"product_id": p["id"], "qty_ordered": 1, "unit_cost": 2} for p in (first, second)]}))
    open_office(page, server, f"purchase-orders/{order['id']}")
    page.fill("[name='lines.0.qty_ordered']", "7")
    page.click(f".po-lines tr[data-product-id='{second['id']}'] .remove-line")
    page.click("#po-form button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('.po-lines tbody tr').length === 1")
    saved = ok(remote_api.get(f"/api/v1/purchase-orders/{order['id']}"))
    assert [(line["product_id"], line["qty_ordered"]) for line in saved["lines"]] == [(first["id"], 7)]
    page.click(".po-cancel")
    wait_status(page, "cancelled")
    open_office(page, server, f"suppliers/{supplier['id']}")
    page.wait_for_selector(".open-orders >> text=No open orders.")


def test_sales_user_sees_products_and_customers_only_and_cannot_create_products(signed_in, server, remote_api, page):
    signed_in("sales")
    customer = make_partner(remote_api, "customers")
    open_office(page, server, "products")
    sections = page.locator(".office-nav a").evaluate_all("links => links.map(a => a.dataset.section)")
    assert sections == ["products", "customers", "sales-orders", "stock", "warehouses"]  # + office2's
    assert page.locator("#new-product").count() == 0
    open_office(page, server, "purchase-orders")  # not theirs: the first section they may use
    page.wait_for_selector("#product-table")
    open_office(page, server, f"customers/{customer['id']}")
    page.wait_for_selector(".open-orders")


def test_list_rows_are_walked_with_arrow_keys_and_opened_with_enter(signed_in, server, remote_api, page):
    signed_in("manager")
    page.set_viewport_size(DESKTOP)
    name = f"Arrow {tag()}"
    first, second = (make_partner(remote_api, "suppliers", name=f"{name} {n}") for n in (1, 2))
    open_office(page, server, "suppliers")
    page.fill("#partner-table input[name=q]", name)
    page.wait_for_selector(f"#partner-table tr[data-id='{second['id']}']")
    page.focus(f"#partner-table tr[data-id='{first['id']}'] a.row-link")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("#partner-form")
    assert page.input_value("#field-name") == second["name"]
