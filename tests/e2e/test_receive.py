"""Receiving with put-away on the phone: a PO received by keyboard-wedge scans into a scanned
bin, each scan one receipt through the outbox; the moves land on the server once each."""
import pytest

from tests.backend.factories import make_product, ok

from .conftest import shot
from .floor import (
    PO,
    band,
    make_open_po,
    make_site,
    moves_of,
    outbox_entries,
    product_with_pack,
    sent_all,
    unit_code,
    wedge,
)

pytestmark = pytest.mark.usefixtures("auth_server")


def open_receive(page, server, order):
    page.goto(f"{server}/#/receive")
    page.wait_for_selector(f"#receive-orders [data-order-id='{order['id']}']")


def start_receiving(page, server, api, qty, **product_fields):
    """An open PO for qty of a new product, opened on the Receive screen with its first bin
    scanned; returns (order, bin, product)."""
    warehouse, (bin_, _) = make_site(api)
    product = make_product(api, **product_fields)
    order = make_open_po(api, warehouse, [(product, qty)])
    page.goto(f"{server}/#/receive/{order['id']}")
    page.wait_for_selector("#receive-lines")
    wedge(page, bin_["barcode"])
    return order, bin_, product


def test_po_received_by_wedge_scans_into_a_scanned_bin(signed_in, server, remote_api, page):
    signed_in("warehouse")
    warehouse, (bin_, _) = make_site(remote_api)
    single = make_product(remote_api)
    packed, pack = product_with_pack(remote_api, n_pack=6)
    order = make_open_po(remote_api, warehouse, [(single, 3), (packed, 6)])
    open_receive(page, server, order)
    wedge(page, f"STP:PO:{order['number']}")
    page.wait_for_selector("#receive-lines")
    assert page.locator("h1").inner_text() == order["number"]
    wedge(page, bin_["barcode"])
    band(page, "ok")
    assert page.locator("#receive-bin").inner_text() == bin_["code"]
    for n in (1, 2, 3):
        wedge(page, unit_code(single))
        page.wait_for_selector(f".recv-line[data-line-id='{order['lines'][0]['id']}'][data-received='{n}']",
                               state="attached")  # the done line folds away
    assert "+1, 3 of 3" in band(page, "ok")
    wedge(page, pack, suffix="Tab")  # one pack barcode adds its pack quantity
    page.wait_for_selector(f".recv-line[data-line-id='{order['lines'][1]['id']}'][data-received='6']",
                           state="attached")
    shot(page, "receive-scanned-390x844")
    sent_all(page)
    page.click("#receive-finish")
    page.wait_for_selector("#receive-close")
    page.click("#receive-close")
    sent_all(page)
    assert moves_of(remote_api, single) == [(1, bin_["id"], "receipt")] * 3
    assert moves_of(remote_api, packed) == [(6, bin_["id"], "receipt")]
    assert ok(remote_api.get(f"{PO}/{order['id']}"))["status"] == "closed"


def test_product_scanned_before_a_bin_waits_for_the_bin_or_the_suggestion(
        signed_in, server, remote_api, page):
    signed_in("warehouse")
    warehouse, bins = make_site(remote_api)
    product = make_product(remote_api)
    order = make_open_po(remote_api, warehouse, [(product, 2)])
    page.goto(f"{server}/#/receive/{order['id']}")
    page.wait_for_selector("#receive-lines")
    wedge(page, unit_code(product))
    band(page, "warn")
    page.click("#receive-suggested")
    page.wait_for_selector(".recv-line[data-received='1']")
    sent_all(page)
    [(qty, location_id, _)] = moves_of(remote_api, product)
    assert qty == 1 and location_id == int(page.locator("#receive-bin").get_attribute("data-bin-id"))


def test_over_receipt_asks_first_and_short_po_can_be_closed_short(signed_in, server, remote_api, page):
    signed_in("warehouse")
    warehouse, (bin_, _) = make_site(remote_api)
    product, other = make_product(remote_api), make_product(remote_api)
    order = make_open_po(remote_api, warehouse, [(product, 1), (other, 5)])
    page.goto(f"{server}/#/receive/{order['id']}")
    page.wait_for_selector("#receive-lines")
    wedge(page, bin_["barcode"])
    wedge(page, unit_code(product))
    page.wait_for_selector(".recv-done .recv-line[data-received='1']", state="attached")
    wedge(page, unit_code(product))
    assert "more than ordered" in band(page, "warn")
    assert len(outbox_entries(page)) <= 1
    page.click("#receive-over-yes")
    page.wait_for_selector(".recv-line[data-received='2']", state="attached")
    sent_all(page)
    page.click("#receive-finish")
    sheet = page.locator("#floor-sheet")
    sheet.locator(".finish-short").wait_for()
    assert "5 short" in sheet.inner_text() and "1 over" in sheet.inner_text()
    shot(page, "receive-finish-390x844")
    page.click("#receive-close-short")
    sent_all(page)
    assert ok(remote_api.get(f"{PO}/{order['id']}"))["status"] == "closed"
    assert moves_of(remote_api, product) == [(1, bin_["id"], "receipt")] * 2


def test_short_po_left_open_stays_open(signed_in, server, remote_api, page):
    signed_in("warehouse")
    order, bin_, product = start_receiving(page, server, remote_api, 4)
    wedge(page, unit_code(product))
    page.wait_for_selector(".recv-line[data-received='1']")
    page.click("#receive-finish")
    page.wait_for_selector("#receive-leave-open")
    page.click("#receive-leave-open")
    page.wait_for_selector("#receive-orders")
    sent_all(page)
    assert ok(remote_api.get(f"{PO}/{order['id']}"))["status"] == "partly_received"


def test_unknown_barcode_is_attached_to_a_po_product_and_received(signed_in, server, remote_api, page):
    signed_in("manager")  # catalog.write
    order, bin_, product = start_receiving(page, server, remote_api, 2)
    new_code = f"SUPPLIER-{product['sku']}"
    wedge(page, new_code)
    assert "Unknown code" in band(page, "error")
    page.click(f"#floor-sheet .attach[data-product-id='{product['id']}']")
    page.wait_for_selector(".recv-line[data-received='1']")
    sent_all(page)
    codes = [b["code"] for b in ok(remote_api.get(f"/api/v1/products/{product['id']}"))["barcodes"]]
    assert new_code in codes
    assert moves_of(remote_api, product) == [(1, bin_["id"], "receipt")]


def test_lot_tracked_product_without_gs1_data_asks_for_its_lot(signed_in, server, remote_api, page):
    signed_in("warehouse")
    order, bin_, product = start_receiving(page, server, remote_api, 2, tracks_lots=True)
    wedge(page, unit_code(product))
    assert "lot" in band(page, "warn")
    page.fill("#receive-lot", "HAND-1")
    page.fill("#receive-expiry", "2028-01-31")
    page.click("#floor-sheet button[type=submit]")
    page.wait_for_selector(".recv-line[data-received='1']")
    sent_all(page)
    lots = ok(remote_api.get(f"/api/v1/products/{product['id']}/lots"))
    assert [(lot["code"], lot["expiry"]) for lot in lots] == [("HAND-1", "2028-01-31")]
