"""Transfers on two phones: scanned out of the source and shipped on one, received on another
by a user limited to the destination with one line short; the difference reaches a manager,
whose approval writes exactly the shortage off from transit."""
import pytest

from tests.backend.factories import add_stock, make_product, ok

from .conftest import PHONE, PHONE_UA, authenticator, enrol, shot
from .floor import band, copy_fetched, eventually, make_site, moves_of, outbox_entries, sent_all, unit_code, wedge
from .test_floor_screens import SIZES, check_layout

pytestmark = pytest.mark.usefixtures("auth_server")


def phone_user(page, app, server, remote_api, warehouses, role="warehouse"):
    """A user of `role` limited to `warehouses`, signed in on `page` with a passkey."""
    from .conftest import _names
    name = f"tr{role}{next(_names)}"
    user = ok(remote_api.post("/api/v1/users", {"username": name, "display_name": f"Phone {name}",
                                                "role": role, "warehouses": [w["id"] for w in warehouses]}))
    user["cdp"], _ = authenticator(page)
    enrol(page, server, app, user)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    return user


@pytest.fixture
def another_phone(browser):
    """another_phone() -> a page on another phone: its own browser profile, so another device
    and another user."""
    made = []

    def make():
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                      has_touch=True, locale="en-GB", user_agent=PHONE_UA)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        made.append((context, errors))
        return page
    yield make
    for context, errors in made:
        context.close()
        assert errors == [], f"uncaught errors on another phone: {errors}"


@pytest.fixture
def two_sites(remote_api):
    """A source with two products in its first bin (5 and 3), and a destination with bins."""
    source, (src_bin, _) = make_site(remote_api)
    dest, (dst_bin, _) = make_site(remote_api)
    products = [make_product(remote_api), make_product(remote_api)]
    add_stock(remote_api, products[0], src_bin, 5)
    add_stock(remote_api, products[1], src_bin, 3)
    return dict(source=source, src_bin=src_bin, dest=dest, dst_bin=dst_bin, products=products)


def scan_out_and_ship(page, server, site, first=3, second=2, screenshot=None):
    """On the shipping phone: bin, items (each scan one more), destination, ship."""
    page.goto(f"{server}/#/transfer/new")
    page.wait_for_selector("#transfer-from")
    p1, p2 = site["products"]
    wedge(page, unit_code(p1))
    band(page, "warn")  # items before the bin: which bin do they leave? (amber)
    wedge(page, site["src_bin"]["barcode"])
    page.wait_for_selector(f"#transfer-from[data-bin-id='{site['src_bin']['id']}']")
    for _ in range(first):
        wedge(page, unit_code(p1))
    for _ in range(second):
        wedge(page, unit_code(p2))
    page.wait_for_selector(f"#transfer-items [data-product-id='{p2['id']}'][data-qty='{second}']")
    assert page.locator(f"#transfer-items [data-product-id='{p1['id']}']").get_attribute("data-qty") == str(first)
    assert page.is_disabled("#transfer-ship")
    page.click(f"#transfer-destinations [data-warehouse-id='{site['dest']['id']}']")
    if screenshot:
        screenshot("ship")
    page.click("#transfer-ship")
    page.wait_for_selector("#transfer-new")  # back at the start, the transfer in the outbox


def shipped_transfer(remote_api, site):
    items = ok(remote_api.get(f"/api/v1/transfers?warehouse_id={site['dest']['id']}"))["items"]
    assert len(items) == 1
    return items[0]


def test_shipped_on_one_phone_received_short_on_another(app, server, remote_api, page, another_phone, two_sites):
    site = two_sites
    p1, p2 = site["products"]
    phone_user(page, app, server, remote_api, [site["source"]])
    scan_out_and_ship(page, server, site)
    sent_all(page)
    transfer = shipped_transfer(remote_api, site)
    assert transfer["status"] == "in_transit"
    assert sorted((l["product_id"], l["qty"], l["from_location_id"]) for l in transfer["lines"]) == \
        sorted([(p1["id"], 3, site["src_bin"]["id"]), (p2["id"], 2, site["src_bin"]["id"])])

    receiver = another_phone()
    phone_user(receiver, app, server, remote_api, [site["dest"]])
    receiver.goto(f"{server}/#/transfer")
    receiver.wait_for_selector(f"#transfer-incoming [data-transfer-id='{transfer['id']}']")
    wedge(receiver, f"STP:TR:{transfer['number']}")  # its QR opens it
    receiver.wait_for_selector("#transfer-lines")
    wedge(receiver, site["src_bin"]["barcode"])  # a bin of the source, not the receiver's: refused
    assert site["src_bin"]["barcode"] in band(receiver, "error")
    wedge(receiver, site["dst_bin"]["barcode"])
    receiver.wait_for_selector(f"#transfer-bin[data-bin-id='{site['dst_bin']['id']}']")
    for _ in range(3):
        wedge(receiver, unit_code(p1))
    wedge(receiver, unit_code(p2))  # one of the two: the other never arrived
    line2 = next(l for l in transfer["lines"] if l["product_id"] == p2["id"])
    receiver.wait_for_selector(f".recv-line[data-line-id='{line2['id']}'][data-remaining='1']")
    receiver.click("#transfer-finish")
    receiver.wait_for_selector("#transfer-report-short")
    assert "1 short" in receiver.locator(".finish-short").inner_text()
    receiver.click("#transfer-report-short")
    sent_all(receiver)

    assert ok(remote_api.get(f"/api/v1/transfers/{transfer['id']}"))["status"] == "awaiting_approval"

    # The destination's manager finds it in the approvals inbox on their phone and approves.
    manager = another_phone()
    phone_user(manager, app, server, remote_api, [site["dest"]], role="manager")
    manager.goto(f"{server}/#/approvals")
    card = manager.locator("#approvals-list li", has_text=transfer["number"])
    text = card.inner_text()  # the line short: 2 shipped, 1 arrived
    assert "Transfer difference" in text and p2["name"] in text and "Expected 2, counted 1" in text
    shot(manager, "transfer-difference-approval-390x844")
    card.locator("button.approve").click()
    manager.wait_for_selector("#approvals-list li[data-state='done']")
    sent_all(manager)

    done = ok(remote_api.get(f"/api/v1/transfers/{transfer['id']}"))
    assert done["status"] == "received"
    transit = next(l for l in ok(remote_api.get(f"/api/v1/warehouses/{site['dest']['id']}/locations"))
                   if l["kind"] == "transit")
    # Each scan is a receipt of its own: the ledger is compared per bin and reason.
    assert transfer_moves(remote_api, p1) == {(site["src_bin"]["id"], "transfer_out"): -3,
                                              (transit["id"], "transfer_in_transit"): 3,
                                              (transit["id"], "transfer_receive"): -3,
                                              (site["dst_bin"]["id"], "transfer_receive"): 3}
    assert transfer_moves(remote_api, p2) == {(site["src_bin"]["id"], "transfer_out"): -2,
                                              (transit["id"], "transfer_in_transit"): 2,
                                              (transit["id"], "transfer_receive"): -1,
                                              (site["dst_bin"]["id"], "transfer_receive"): 1,
                                              (transit["id"], "transfer_shortage"): -1}


def transfer_moves(api, product):
    """{(location_id, reason): total qty} of the product's transfer moves."""
    totals = {}
    for qty, location_id, reason in moves_of(api, product):
        if reason.startswith("transfer"):
            totals[(location_id, reason)] = totals.get((location_id, reason), 0) + qty
    return totals


def test_receiving_more_than_is_in_transit_is_refused_on_the_phone(app, server, remote_api, page, two_sites):
    site = two_sites
    p1 = site["products"][0]
    transfer = ok(remote_api.post("/api/v1/transfers", {
        "from_warehouse_id": site["source"]["id"], "to_warehouse_id": site["dest"]["id"], "ship": True,
        "lines": [{"product_id": p1["id"], "qty": 1, "from_location_id": site["src_bin"]["id"]}]}))
    phone_user(page, app, server, remote_api, [site["dest"]])
    page.goto(f"{server}/#/transfer/{transfer['id']}")
    page.wait_for_selector("#transfer-lines")
    wedge(page, site["dst_bin"]["barcode"])
    page.wait_for_selector(f"#transfer-bin[data-bin-id='{site['dst_bin']['id']}']")
    wedge(page, unit_code(p1))
    wedge(page, unit_code(p1))
    assert "more than is in transit" in band(page, "error")
    sent_all(page)
    eventually(lambda: ok(remote_api.get(f"/api/v1/transfers/{transfer['id']}"))["status"] == "received")


def test_a_transfer_never_opened_here_is_received_offline_and_a_conflict_shown(
        app, server, remote_api, context, page, two_sites):
    site = two_sites
    p1, p2 = site["products"]
    transfer = ok(remote_api.post("/api/v1/transfers", {
        "from_warehouse_id": site["source"]["id"], "to_warehouse_id": site["dest"]["id"], "ship": True,
        "lines": [{"product_id": p1["id"], "qty": 2, "from_location_id": site["src_bin"]["id"]},
                  {"product_id": p2["id"], "qty": 1, "from_location_id": site["src_bin"]["id"]}]}))
    line1, line2 = transfer["lines"]
    user = phone_user(page, app, server, remote_api, [site["dest"]])
    page.goto(f"{server}/#/move")  # any floor screen keeps the transfers coming here (floor copy)
    page.wait_for_selector("#move-from")
    copy_fetched(page, "floor")
    copy_fetched(page, "catalog")
    page.wait_for_timeout(500)
    user["cdp"].detach()  # see test_floor_offline.go_offline
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("#move-from")
    page.goto(f"{server}/#/transfer")
    page.wait_for_selector(f"#transfer-incoming [data-transfer-id='{transfer['id']}']")
    assert page.locator(".asof").count() == 1  # the copy's age is shown
    wedge(page, f"STP:TR:{transfer['number']}")
    page.wait_for_selector("#transfer-lines")
    wedge(page, site["dst_bin"]["barcode"])
    wedge(page, unit_code(p1))
    wedge(page, unit_code(p1))
    page.wait_for_selector(f".recv-line[data-line-id='{line1['id']}'][data-remaining='0']", state="attached")
    page.click("#transfer-finish")
    page.click("#transfer-report-short")
    assert len(outbox_entries(page)) == 3
    # Meanwhile another client receives one of the first line: one of the phone's two is too many.
    ok(remote_api.post(f"/api/v1/transfers/{transfer['id']}/receive", {
        "lines": [{"transfer_line_id": line1["id"], "qty": 1, "to_location_id": site["dst_bin"]["id"]}]}))
    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    # The refused receipt is kept with the server's reason; the report waits behind it.
    eventually(lambda: [e["status"] for e in outbox_entries(page)] == ["failed", "queued"])
    page.click("#floor-outbox")
    failed = page.locator("#outbox-list li").first
    failed.locator(".reason").wait_for()
    assert "in transit" in failed.locator(".reason").inner_text()
    shot(page, "transfer-offline-conflict-390x844")
    failed.get_by_role("button", name="Discard").click()
    page.get_by_role("button", name="Tap again to discard").click()
    sent_all(page)
    done = ok(remote_api.get(f"/api/v1/transfers/{transfer['id']}"))
    assert done["status"] == "awaiting_approval"
    assert [(l["qty_received"], l["qty_in_transit"]) for l in done["lines"]] == [(2, 0), (0, 0)]
    approvals = [a for a in ok(remote_api.as_user("boss").get(
        "/api/v1/approvals?status=pending&kind=transfer_difference"))["items"] if transfer["number"] in a["summary"]]
    assert len(approvals) == 1 and "1 short on 1 line" in approvals[0]["summary"]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", SIZES)
def test_transfer_screens_fit_and_are_shot(app, server, remote_api, page, two_sites, size, lang):
    site = two_sites
    phone_user(page, app, server, remote_api, [])  # all warehouses: ships and receives
    page.set_viewport_size(SIZES[size])
    if lang != "en":
        page.click("#lang")
        page.wait_for_selector("html[lang='zh-CN']")

    def screenshot(step):
        check_layout(page)
        shot(page, f"floor-transfer-{step}-{size}-{lang}")
    scan_out_and_ship(page, server, site, screenshot=screenshot)
    sent_all(page)
    transfer = shipped_transfer(remote_api, site)
    page.goto(f"{server}/#/")
    page.goto(f"{server}/#/transfer")
    page.wait_for_selector(f"#transfer-incoming [data-transfer-id='{transfer['id']}']")
    screenshot("incoming")
    page.click(f"#transfer-incoming [data-transfer-id='{transfer['id']}']")
    page.wait_for_selector("#transfer-lines")
    wedge(page, site["dst_bin"]["barcode"])
    page.wait_for_selector(f"#transfer-bin[data-bin-id='{site['dst_bin']['id']}']")
    for _ in range(3):
        wedge(page, unit_code(site["products"][0]))
    page.wait_for_selector(".recv-done")
    wedge(page, unit_code(site["products"][1]))
    screenshot("receive")
    page.click("#transfer-finish")
    page.wait_for_selector("#transfer-report-short")
    screenshot("finish")


def test_lots_come_from_gs1_codes_and_a_code_without_its_lot_is_refused(app, server, remote_api, page):
    source, (src_bin, _) = make_site(remote_api)
    dest, _ = make_site(remote_api)
    product = make_product(remote_api, tracks_lots=True)
    lots = [ok(remote_api.post(f"/api/v1/products/{product['id']}/lots", {"code": code})) for code in ("L-1", "L-2")]
    for lot, qty in zip(lots, (3, 2), strict=True):
        add_stock(remote_api, product, src_bin, qty, lot_id=lot["id"])
    gtin = unit_code(product).zfill(14)
    phone_user(page, app, server, remote_api, [source])
    page.goto(f"{server}/#/transfer/new")
    page.wait_for_selector("#transfer-from")
    copy_fetched(page, "catalog")
    wedge(page, src_bin["barcode"])
    page.wait_for_selector(f"#transfer-from[data-bin-id='{src_bin['id']}']")
    wedge(page, unit_code(product))  # no lot in the code: which lot leaves?
    assert "lot" in band(page, "error")
    for code in (f"(01){gtin}(10)L-1", f"(01){gtin}(10)L-1", f"(01){gtin}(10)L-2"):
        wedge(page, code)
    page.wait_for_selector(f"#transfer-items [data-lot-id='{lots[0]['id']}'][data-qty='2']")
    page.wait_for_selector(f"#transfer-items [data-lot-id='{lots[1]['id']}'][data-qty='1']")
    page.click(f"#transfer-destinations [data-warehouse-id='{dest['id']}']")
    page.click("#transfer-ship")
    sent_all(page)
    transfer = ok(remote_api.get(f"/api/v1/transfers?warehouse_id={dest['id']}"))["items"][0]
    assert transfer["status"] == "in_transit"
    assert sorted((l["lot_id"], l["qty"]) for l in transfer["lines"]) == [(lots[0]["id"], 2), (lots[1]["id"], 1)]
