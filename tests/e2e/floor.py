"""Helpers for the floor screens' browser tests: data through the API, scans as keystrokes."""
import time

from tests.backend.factories import ean13, make_location, make_product, make_warehouse, ok

PO = "/api/v1/purchase-orders"


def wedge(page, code, suffix="Enter"):
    """Type a code the way a keyboard-wedge scanner does: keys 6 ms apart through CDP, each
    with its own time stamp, then the suffix (the scan input's own tests' helper)."""
    from .test_scan_input import wedge as keys_at_scanner_speed
    if suffix:
        # A scanner that sends a suffix has, on a device in use, already sent one: silence then
        # does not end its scans (a CDP key delayed by a loaded machine cut a bin code in two).
        page.evaluate("() => localStorage.setItem('stocktap.wedge.suffix', '1')")
    keys_at_scanner_speed(page, code, suffix=suffix)


def band(page, state):
    """Wait until the status band shows this state (ok, warn, error); its text."""
    page.wait_for_selector(f".scan-band[data-state='{state}']")
    return page.locator(".scan-band").inner_text()


def outbox_entries(page):
    return page.evaluate("() => import('/js/outbox.js').then((m) => m.entries())")


def eventually(condition, seconds=15):
    """Wait for a condition checked from here (wait_for_function does not await promises)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


def copy_fetched(page, name):
    """Wait until the device holds its copy of the named dataset (devicecopy.js)."""
    eventually(lambda: page.evaluate(
        "(name) => import('/js/devicecopy.js').then((m) => m.age(name))", name))


def sent_all(page):
    """Wait until the outbox is empty (failing with what is left in it)."""
    try:
        eventually(lambda: outbox_entries(page) == [])
    except AssertionError:
        left = [(e["url"], e["status"], e["error"]) for e in outbox_entries(page)]
        raise AssertionError(f"the outbox still holds {left}") from None


def make_site(api, bins=2):
    """A warehouse with labelled bins; returns (warehouse, [bins])."""
    warehouse = make_warehouse(api)
    made = [make_location(api, warehouse, barcode=f"LOC-{warehouse['code']}-{i}") for i in range(bins)]
    return warehouse, made


def make_open_po(api, warehouse, lines):
    """An approved PO; lines are (product, qty) at 1.00 each."""
    from tests.backend.factories import make_partner
    order = ok(api.post(PO, {"supplier_id": make_partner(api, "suppliers")["id"], "warehouse_id": warehouse["id"],
                             "lines": [{"product_id": p["id"], "qty_ordered": q, "unit_cost": 1}
                                       for p, q in lines]}))
    return ok(api.post(f"{PO}/{order['id']}/submit"))


def moves_of(api, product):
    """The product's stock moves as (qty, location_id, reason), oldest first."""
    items = ok(api.get(f"/api/v1/stock/moves?product_id={product['id']}&limit=500"))["items"]
    return sorted([(m["qty"], m["location_id"], m["reason"]) for m in items], key=lambda m: str(m))


def product_with_pack(api, n_pack=6):
    """A product with a unit barcode and a pack barcode for n_pack units."""
    product = make_product(api)
    pack = ean13(900000 + product["id"])
    return ok(api.post(f"/api/v1/products/{product['id']}/barcodes", {"code": pack, "pack_qty": n_pack})), pack


def unit_code(product):
    """The product's unit barcode as printed (EAN-13)."""
    return next(b["code"] for b in product["barcodes"] if b["pack_qty"] == 1).lstrip("0").zfill(13)


def make_shipped(api, warehouse, bin_, product, qty=2):
    """A sales order of qty of the product, picked from bin_ and shipped; returns the order."""
    from tests.backend.factories import add_stock
    add_stock(api, product, bin_, qty)
    customer = ok(api.post("/api/v1/customers", {"code": f"C-{product['sku']}",
                                                  "name": f"Customer of {product['sku']}"}))
    order = ok(api.post("/api/v1/sales-orders", {"customer_id": customer["id"],
                                                  "warehouse_id": warehouse["id"],
                                                  "lines": [{"product_id": product["id"],
                                                             "qty_ordered": qty}]}))
    order = ok(api.post(f"/api/v1/sales-orders/{order['id']}/confirm"))
    ok(api.post(f"/api/v1/sales-orders/{order['id']}/picks", {
        "order_line_id": order["lines"][0]["id"], "qty": qty, "location_id": bin_["id"]}))
    return ok(api.post(f"/api/v1/sales-orders/{order['id']}/ship"))


def count_taps(page):
    """From now on, count the taps (clicks on buttons and links) the page receives."""
    page.evaluate("""() => {
        window.__taps = 0;
        document.addEventListener('click', (e) => { if (e.target.closest('button, a')) window.__taps += 1; }, true);
    }""")


def taps(page):
    return page.evaluate("() => window.__taps")
