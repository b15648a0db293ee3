"""The import screen: an admin checks a file, sees each problem at its row and column, then
imports a good file; exports are links to the API."""
import uuid

import pytest

from tests.backend.factories import make_product, ok

from .conftest import shot

pytestmark = pytest.mark.usefixtures("auth_server")
DESKTOP = {"width": 1440, "height": 900}

BAD = (b"sku,name,cost,barcodes\n"
       b"E2E-1,Good,1,\n"
       b"E2E-1,Twice,1,\n"
       b"E2E-2,Bad digit,1,4006381333932\n"
       b"E2E-3,Negative,-4,\n")
GOOD = "sku,name,cost,barcodes\nE2E-1,Good 好,1,4006381333931\nE2E-2,Second,2,\n".encode()


def _choose(page, data):
    page.set_input_files("#import-file", {"name": "products.csv", "mimeType": "text/csv",
                                          "buffer": data})


def test_the_dry_run_shows_the_problems_then_a_good_file_imports(signed_in, page, auth_server,
                                                                  remote_api):
    signed_in("admin")
    page.click(".tiles a.tile-import")
    page.wait_for_selector("#import-entity")
    page.select_option("#import-entity", "products")
    assert page.locator("#import-run").is_disabled()
    _choose(page, BAD)
    page.click("#import-check")
    page.wait_for_selector("#import-problems tbody tr")
    cells = page.locator("#import-problems tbody tr").evaluate_all(
        "(rows) => rows.map((r) => [...r.cells].slice(0, 2).map((c) => c.textContent)"
        ".concat(r.dataset.code))")
    assert cells == [["3", "sku", "duplicate_sku"], ["4", "barcodes", "bad_check_digit"],
                     ["5", "cost", "negative_value"]]
    assert "3 problems" in page.text_content("#import-summary")
    assert page.locator("#import-run").is_disabled()  # problems: nothing to import
    shot(page, "import-dry-run-390x844")

    _choose(page, GOOD)
    page.click("#import-check")
    page.wait_for_selector("#import-summary.notice-ok")
    page.click("#import-run")
    page.wait_for_function(
        "() => document.querySelector('#import-summary')?.textContent.includes('2 rows imported')")
    skus = {p["sku"]: p for p in ok(remote_api.get("/api/v1/products?q=E2E-"))["items"]}
    assert skus["E2E-1"]["name"] == "Good 好" and set(skus) == {"E2E-1", "E2E-2"}
    href = page.get_attribute("#export-products-csv", "href")
    assert href == "/api/v1/exports/products?format=csv"
    shot(page, "import-done-390x844")


def test_import_is_a_section_of_the_back_office_next_to_products(signed_in, page, auth_server):
    signed_in("admin")
    page.set_viewport_size(DESKTOP)  # the side navigation shows (a phone opens it from a menu)
    page.goto(f"{auth_server}/#/office/products")
    page.wait_for_selector(".office-main h1")
    sections = page.locator("#office-sections a").evaluate_all("(links) => links.map((a) => a.dataset.section)")
    assert "products" in sections and "import" in sections
    page.click("#office-sections a[data-section=import]")
    page.wait_for_selector(".office-main #import-entity")
    assert page.evaluate("() => location.hash") == "#/office/import"
    assert page.get_attribute("#office-sections a[data-section=import]", "aria-current") == "page"
    page.click("#office-sections a[data-section=products]")  # and back, within the office
    page.wait_for_selector("#product-table")



def test_update_existing_says_per_row_what_it_would_do_then_updates(signed_in, page, auth_server,
                                                                     remote_api):
    signed_in("admin")
    sku = f"UP-{uuid.uuid4().hex[:6].upper()}"
    product = make_product(remote_api, sku=sku, name="Before", price=4)
    page.goto(f"{auth_server}/#/office/import")
    page.wait_for_selector("#import-entity")
    page.select_option("#import-entity", "products")
    page.check("#import-upsert")
    _choose(page, f"sku,name,price\n{sku},After,\n{sku}-NEW,Fresh,2\n".encode())
    page.click("#import-check")
    page.wait_for_selector("#import-summary.notice-ok")
    actions = page.locator("#import-outcomes tbody tr").evaluate_all(
        "(rows) => rows.map((r) => [r.cells[0].textContent, r.dataset.action])")
    assert actions == [["2", "update"], ["3", "create"]]
    shot(page, "import-upsert-dry-run-390x844")
    page.click("#import-run")
    page.wait_for_function(
        "() => document.querySelector('#import-upsert-counts')?.textContent.includes('1 created, 1 updated')")
    stored = ok(remote_api.get(f"/api/v1/products/{product['id']}"))
    assert (stored["name"], float(stored["price"])) == ("After", 4)  # the empty price is kept
