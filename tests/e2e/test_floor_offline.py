"""The floor offline: scans across receiving, a bin move and a return are queued on the device,
survive reloads while offline, and land once each when back online; a conflict made by
another client meanwhile shows with the server's reason and is fixed or discarded."""
import pytest

from tests.backend.factories import add_stock, balance, make_product, ok

from .conftest import shot
from .floor import (
    PO,
    band,
    copy_fetched,
    eventually,
    make_open_po,
    make_shipped,
    make_site,
    moves_of,
    outbox_entries,
    sent_all,
    unit_code,
    wedge,
)

pytestmark = pytest.mark.usefixtures("auth_server")


def go_offline(user, context, page):
    # With the authenticator's CDP session attached, Chromium reports navigator.onLine true
    # after a reload under emulated offline (see test_views): detach it first.
    user["cdp"].detach()
    context.set_offline(True)


def test_twenty_scans_offline_across_three_screens_land_once_each(
        signed_in, server, remote_api, context, page):
    user = signed_in("warehouse")
    warehouse, (here, there) = make_site(remote_api)
    received, moved, returned = (make_product(remote_api) for _ in range(3))
    order = make_open_po(remote_api, warehouse, [(received, 10)])
    add_stock(remote_api, moved, here, 5)
    sale = make_shipped(remote_api, warehouse, here, returned, qty=2)
    for screen in (f"#/receive/{order['id']}", "#/move", "#/returns"):  # the device's copy
        page.goto(f"{server}/{screen}")
        page.wait_for_selector(".floor-bar")
    page.goto(f"{server}/#/receive/{order['id']}")
    page.wait_for_selector("#receive-lines")
    page.wait_for_timeout(500)
    go_offline(user, context, page)
    page.reload()
    page.wait_for_selector("#receive-lines")
    wedge(page, here["barcode"])  # scans 1-11: the bin and ten units
    for _ in range(10):
        wedge(page, unit_code(received))
    page.wait_for_selector(".recv-line[data-received='10']", state="attached")
    page.goto(f"{server}/#/move")
    page.wait_for_selector("#move-from")
    wedge(page, here["barcode"])  # scans 12-17: from, four items, to
    for _ in range(4):
        wedge(page, unit_code(moved))
    wedge(page, there["barcode"])
    assert "4 moved" in band(page, "ok")
    page.reload()
    page.wait_for_selector("#move-from")
    page.goto(f"{server}/#/returns")
    page.wait_for_selector(".floor .lead")
    wedge(page, unit_code(returned))  # scans 18-19: the same item twice
    page.wait_for_selector(f"[data-choice='order-{sale['id']}']")
    wedge(page, unit_code(returned))
    page.click(f"[data-choice='order-{sale['id']}']")
    page.click("[data-choice='not_wanted']")
    assert here["code"] in page.locator("[data-choice='restock']").inner_text()  # offline: first bin
    page.click("[data-choice='restock']")
    band(page, "ok")
    page.reload()  # scan 20 is the PO's own QR code, read again after a reload offline
    page.goto(f"{server}/#/receive/{order['id']}")
    page.wait_for_selector("#receive-lines", state="attached")  # every line done and folded
    wedge(page, f"STP:PO:{order['number']}")
    page.wait_for_selector(".recv-line[data-received='10']", state="attached")
    assert len(outbox_entries(page)) == 12
    assert page.locator("#floor-outbox").inner_text() == "12 waiting"
    shot(page, "offline-queued-390x844")
    # All twenty scans are held on the device (none was acknowledged). Chromium's emulated
    # offline has once let a request out whose answer the page then lost (CI, 2026-12-02): the
    # outbox kept it, and its replay under the same key must not double it, as checked below.
    assert len(moves_of(remote_api, received)) <= 1
    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    sent_all(page)
    assert moves_of(remote_api, received) == [(1, here["id"], "receipt")] * 10
    moves = moves_of(remote_api, moved)
    assert moves.count((-4, here["id"], "bin_move")) == 1 and moves.count((4, there["id"], "bin_move")) == 1
    assert moves_of(remote_api, returned).count((2, here["id"], "sales_return")) == 1
    assert ok(remote_api.get(f"{PO}/{order['id']}"))["lines"][0]["qty_received"] == 10


def test_conflicts_made_meanwhile_show_their_reason_and_are_fixed_or_discarded(
        signed_in, server, remote_api, context, page):
    user = signed_in("warehouse")
    warehouse, (here, there, elsewhere) = make_site(remote_api, bins=3)
    product, moved = make_product(remote_api), make_product(remote_api)
    order = make_open_po(remote_api, warehouse, [(product, 5)])
    add_stock(remote_api, moved, here, 3)
    page.goto(f"{server}/#/move")
    page.wait_for_selector("#move-from")
    page.goto(f"{server}/#/receive/{order['id']}")
    page.wait_for_selector("#receive-lines")
    page.wait_for_timeout(500)
    go_offline(user, context, page)
    wedge(page, here["barcode"])
    wedge(page, unit_code(product))
    page.wait_for_selector(".recv-line[data-received='1']")
    page.goto(f"{server}/#/move")
    page.wait_for_selector("#move-from")
    wedge(page, here["barcode"])
    for _ in range(3):
        wedge(page, unit_code(moved))
    wedge(page, there["barcode"])
    band(page, "ok")
    # Meanwhile another client cancels the PO and moves the stock away from the bin.
    ok(remote_api.post(f"{PO}/{order['id']}/cancel"))
    ok(remote_api.post("/api/v1/bin-moves", {"product_id": moved["id"], "qty": 3,
                                             "from_location_id": here["id"],
                                             "to_location_id": elsewhere["id"]}))
    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    eventually(lambda: [e["status"] for e in outbox_entries(page)] == ["failed", "failed"])
    page.click("#floor-outbox")
    items = page.locator("#outbox-list li")
    items.nth(1).locator(".reason").wait_for()
    assert "cancelled" in items.nth(0).locator(".reason").inner_text()
    assert items.nth(1).locator(".reason").inner_text()  # the server's reason: not enough stock
    shot(page, "outbox-conflicts-390x844")
    moving = items.nth(1)
    moving.get_by_role("button", name="Fix").click()
    moving.locator("select.fix-choice").select_option(str(elsewhere["id"]))  # where it is now
    moving.get_by_role("button", name="Send with this change").click()
    eventually(lambda: len(outbox_entries(page)) == 1)
    items.first.get_by_role("button", name="Discard").click()
    page.get_by_role("button", name="Tap again to discard").click()
    sent_all(page)
    assert moves_of(remote_api, product) == []
    assert [balance(remote_api, moved, b) for b in (here, there, elsewhere)] == [0, 3, 0]
    assert moves_of(remote_api, moved).count((3, there["id"], "bin_move")) == 1


def test_a_po_never_opened_here_is_received_offline_from_the_device_copy(
        signed_in, server, remote_api, context, page):
    user = signed_in("warehouse")
    warehouse, (here, _) = make_site(remote_api)
    product = make_product(remote_api)
    order = make_open_po(remote_api, warehouse, [(product, 3)])
    page.goto(f"{server}/#/move")  # any floor screen fetches the device's copy
    copy_fetched(page, "floor")
    go_offline(user, context, page)
    page.reload()
    page.wait_for_selector("#move-from")
    page.goto(f"{server}/#/receive")
    page.wait_for_selector(f"#receive-orders [data-order-id='{order['id']}']")
    assert page.locator(".asof").count() == 1  # the copy's age is shown
    wedge(page, f"STP:PO:{order['number']}")
    page.wait_for_selector("#receive-lines")
    wedge(page, here["barcode"])
    wedge(page, unit_code(product))
    page.wait_for_selector(".recv-line[data-received='1']")
    shot(page, "receive-offline-from-copy-390x844")
    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    sent_all(page)
    assert moves_of(remote_api, product) == [(1, here["id"], "receipt")]
