"""Picking on the phone: an order's pick list walked by keyboard-wedge scans (bin, then items),
wrong bins and lots refused, a short pick, then the hand-over: a partial shipment leaves a
backorder. Several orders picked in one walk; picks queued offline land once each."""
import pytest

from tests.backend.factories import add_stock, make_location, make_partner, make_product, make_warehouse, ok

from .conftest import shot
from .floor import (
    band,
    copy_fetched,
    count_taps,
    moves_of,
    outbox_entries,
    sent_all,
    taps,
    unit_code,
    wedge,
)
from .test_floor_screens import SIZES, check_layout

pytestmark = pytest.mark.usefixtures("auth_server")
SO = "/api/v1/sales-orders"


def make_pick_site(api):
    """A warehouse with bins A, B, C (walked in that order); returns (warehouse, bins)."""
    warehouse = make_warehouse(api)
    bins = [make_location(api, warehouse, code=f"{warehouse['code']}-{name}", sort_key=f"0{i}",
                          barcode=f"LOC-{warehouse['code']}-{name}") for i, name in enumerate("ABC")]
    return warehouse, bins


def make_lot(api, product, code, expiry):
    return ok(api.post(f"/api/v1/products/{product['id']}/lots", {"code": code, "expiry": expiry}))


def confirmed_order(api, warehouse, lines):
    """A confirmed sales order of (product, qty) lines."""
    customer = make_partner(api, "customers")
    order = ok(api.post(SO, {"customer_id": customer["id"], "warehouse_id": warehouse["id"],
                             "lines": [{"product_id": p["id"], "qty_ordered": q} for p, q in lines]}))
    return ok(api.post(f"{SO}/{order['id']}/confirm"))


def gs1(product, lot):
    """A GS1 code of the product's GTIN with a lot, as the human-readable form."""
    return f"(01){unit_code(product).zfill(14)}(10){lot}"


def stop(page, line_id, location_id, picked):
    page.wait_for_selector(f".pick-stop[data-line-id='{line_id}'][data-location-id='{location_id}']"
                           f"[data-picked='{picked}']", state="attached")


def test_order_picked_by_wedge_scans_with_refusals_a_short_and_a_partial_shipment(
        signed_in, server, remote_api, page):
    signed_in("warehouse")
    warehouse, (a, b, c) = make_pick_site(remote_api)
    plain, lotted, rest = make_product(remote_api), make_product(remote_api, tracks_lots=True), make_product(remote_api)
    stranger = make_product(remote_api)
    old, new = make_lot(remote_api, lotted, "OLD-1", "2030-03-31"), make_lot(remote_api, lotted, "NEW-1", "2031-03-31")
    expired = make_lot(remote_api, lotted, "EXP-1", "2025-01-31")
    add_stock(remote_api, plain, a, 3)
    add_stock(remote_api, lotted, b, 2, lot_id=old["id"])
    add_stock(remote_api, lotted, b, 1, lot_id=expired["id"])
    add_stock(remote_api, lotted, c, 3, lot_id=new["id"])
    add_stock(remote_api, rest, c, 5)
    order = confirmed_order(remote_api, warehouse, [(plain, 3), (lotted, 2), (rest, 5)])
    plain_line, lot_line, rest_line = (line["id"] for line in order["lines"])

    page.goto(f"{server}/#/pick")
    page.wait_for_selector(f"#pick-orders [data-order-id='{order['id']}']")
    count_taps(page)
    wedge(page, f"STP:SO:{order['number']}")
    page.wait_for_selector("#pick-stops")
    assert page.locator("h1").inner_text() == order["number"]
    assert page.locator("#pick-next .bin-big").inner_text() == a["code"]  # walking order, bin A first
    wedge(page, a["barcode"])
    band(page, "ok")
    wedge(page, unit_code(lotted))  # lot product in bin A: wrong bin, says where
    assert b["code"] in band(page, "error")
    wedge(page, unit_code(stranger))  # not on the order: wrong item, says what is right here
    assert "Wrong item" in band(page, "error") and plain["name"] in band(page, "error")
    for n in (1, 2):
        wedge(page, unit_code(plain))
        stop(page, plain_line, a["id"], n)
    assert "+1, 2 of 3" in band(page, "ok")
    page.click(f".pick-stop[data-line-id='{plain_line}'] .pick-short")
    page.click("#pick-short-reasons [data-reason='not_found']")
    band(page, "warn")
    wedge(page, b["barcode"])
    band(page, "ok")
    wedge(page, gs1(lotted, "NEW-1"))  # not the lot in bin B: refused, with the right one
    assert "OLD-1" in band(page, "error")
    wedge(page, gs1(lotted, "EXP-1"))  # expired: refused, and a clerk is offered no override
    assert "expired" in band(page, "error")
    assert page.locator("#pick-override").count() == 0
    for n in (1, 2):
        wedge(page, gs1(lotted, "OLD-1"))
        stop(page, lot_line, b["id"], n)
    wedge(page, c["barcode"])
    for n in (1, 2):
        wedge(page, unit_code(rest))
        stop(page, rest_line, c["id"], n)
    shot(page, "pick-walk-390x844")
    assert taps(page) == 2  # the short's button and its reason; the rest was scanned
    sent_all(page)

    page.click("#pick-handover")
    page.wait_for_selector("#ship-lines")
    wedge(page, "PKG-1")
    wedge(page, "PKG-2")
    page.wait_for_selector("#ship-parcels [data-parcel='PKG-2']")
    page.click("#ship-order")
    page.wait_for_selector("#ship-done")
    shot(page, "pick-shipped-390x844")
    assert taps(page) == 4  # plus hand-over and ship
    backorder_number = page.locator("#ship-done").get_attribute("data-backorder")
    shipped = ok(remote_api.get(f"{SO}/{order['id']}"))
    assert shipped["status"] == "shipped"
    assert [(line["qty_picked"], line["qty_short"], line["qty_shipped"]) for line in shipped["lines"]] == [
        (2, 1, 2), (2, 0, 2), (2, 0, 2)]
    backorders = ok(remote_api.get(f"{SO}?status=confirmed&limit=500"))["items"]
    backorder = next(o for o in backorders if o["number"] == backorder_number)
    backorder = ok(remote_api.get(f"{SO}/{backorder['id']}"))
    assert [(line["product_id"], line["qty_ordered"], line["qty_reserved"])
            for line in backorder["lines"]] == [(rest["id"], 3, 3)]  # its reservation carried over
    [level] = ok(remote_api.get(f"/api/v1/stock/levels?product_id={rest['id']}"))["items"]
    assert (level["on_hand"], level["reserved"]) == (3, 3)
    assert moves_of(remote_api, plain).count((-1, a["id"], "pick")) == 2
    assert moves_of(remote_api, lotted).count((-1, b["id"], "pick")) == 2
    assert [m[0] for m in moves_of(remote_api, rest) if m[2] == "shipment"] == [-2]
    picks = [m for m in moves_of(remote_api, rest) if m[2] == "pick" and m[1] == c["id"]]
    assert picks == [(-1, c["id"], "pick")] * 2


def test_fefo_a_manager_overrides_an_expired_lot_and_a_later_lot_is_taken_with_a_reason(
        signed_in, server, remote_api, page):
    signed_in("manager")
    warehouse, (a, b, c) = make_pick_site(remote_api)
    lotted = make_product(remote_api, tracks_lots=True)
    lots = [make_lot(remote_api, lotted, code, expiry) for code, expiry in
            (("EXP-2", "2025-01-31"), ("OLD-2", "2030-03-31"), ("NEW-2", "2031-03-31"))]
    for bin_, lot in zip((a, b, c), lots):
        add_stock(remote_api, lotted, bin_, 2, lot_id=lot["id"])
    order = confirmed_order(remote_api, warehouse, [(lotted, 2)])
    line = order["lines"][0]["id"]
    sent = []
    page.on("request", lambda r: sent.append(r.post_data_json) if r.url.endswith("/picks") else None)
    page.goto(f"{server}/#/pick/{order['id']}")
    page.wait_for_selector("#pick-stops")
    assert page.locator("#pick-next .bin-big").inner_text() == b["code"]  # the expired lot is not planned
    wedge(page, a["barcode"])
    wedge(page, gs1(lotted, "EXP-2"))
    assert "OLD-2" in band(page, "error")
    assert outbox_entries(page) == []
    page.click("#pick-override")
    stop(page, line, a["id"], 1)
    wedge(page, c["barcode"])
    wedge(page, gs1(lotted, "NEW-2"))
    assert "OLD-2" in band(page, "warn")
    page.click("#pick-later-reasons [data-reason='not_reachable']")
    stop(page, line, c["id"], 1)
    sent_all(page)
    assert [(body["location_id"], body.get("override"), body.get("reason")) for body in sent] == [
        (a["id"], True, None), (c["id"], None, "Suggested lot out of reach")]
    lines = ok(remote_api.get(f"{SO}/{order['id']}"))["lines"]
    assert lines[0]["qty_picked"] == 2
    assert moves_of(remote_api, lotted).count((-1, a["id"], "pick")) == 1
    assert moves_of(remote_api, lotted).count((-1, c["id"], "pick")) == 1


def test_two_orders_picked_in_one_walk_each_scan_to_its_tote(signed_in, server, remote_api, page):
    signed_in("warehouse")
    warehouse, (a, b, _) = make_pick_site(remote_api)
    shared, only = make_product(remote_api), make_product(remote_api)
    add_stock(remote_api, shared, a, 3)
    add_stock(remote_api, only, b, 1)
    first = confirmed_order(remote_api, warehouse, [(shared, 1)])
    second = confirmed_order(remote_api, warehouse, [(shared, 2), (only, 1)])
    page.goto(f"{server}/#/pick")
    for order in (first, second):
        page.click(f"#pick-orders [data-order-id='{order['id']}'] .pick-choose")
    page.click("#pick-together")
    page.wait_for_selector("#pick-stops")
    assert page.locator(".tote").count() >= 2
    wedge(page, a["barcode"])
    wedge(page, unit_code(shared))
    assert f"tote {first['number']}" in band(page, "ok")  # the older order first
    wedge(page, unit_code(shared))
    stop(page, second["lines"][0]["id"], a["id"], 1)
    assert f"tote {second['number']}" in band(page, "ok")
    wedge(page, unit_code(shared))
    stop(page, second["lines"][0]["id"], a["id"], 2)
    wedge(page, b["barcode"])
    wedge(page, unit_code(only))
    page.wait_for_selector("#pick-all-done")
    shot(page, "pick-cluster-390x844")
    sent_all(page)
    assert [line["qty_picked"] for line in ok(remote_api.get(f"{SO}/{first['id']}"))["lines"]] == [1]
    assert [line["qty_picked"] for line in ok(remote_api.get(f"{SO}/{second['id']}"))["lines"]] == [2, 1]
    assert ok(remote_api.get(f"{SO}/{first['id']}"))["status"] == "picked"
    page.click("#pick-handover")
    page.click(f"#pick-handover-orders [data-order-id='{first['id']}']")
    page.wait_for_selector("#ship-lines")
    page.click("#ship-order")
    page.wait_for_selector("#ship-done")
    assert ok(remote_api.get(f"{SO}/{first['id']}"))["status"] == "shipped"
    page.goto(f"{server}/#/pick")  # the other one waits, picked, to be handed over
    page.wait_for_selector(f"#pick-ready [data-order-id='{second['id']}']")
    wedge(page, f"STP:SO:{second['number']}")
    page.wait_for_selector("#ship-lines")
    page.click("#ship-order")
    page.wait_for_selector("#ship-done")
    assert page.locator("#ship-done").get_attribute("data-backorder") is None
    assert ok(remote_api.get(f"{SO}/{second['id']}"))["status"] == "shipped"


def test_picks_and_a_partial_shipment_queued_offline_land_once_each(signed_in, server, remote_api, context, page):
    user = signed_in("warehouse")
    warehouse, (a, _, _) = make_pick_site(remote_api)
    product = make_product(remote_api)
    add_stock(remote_api, product, a, 4)
    order = confirmed_order(remote_api, warehouse, [(product, 4)])
    page.goto(f"{server}/#/pick/{order['id']}/ship")  # opened once online: kept on the device
    page.wait_for_selector("#ship-lines")
    page.goto(f"{server}/#/pick/{order['id']}")
    page.wait_for_selector("#pick-stops")
    copy_fetched(page, "catalog")
    user["cdp"].detach()  # see test_floor_offline.go_offline
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("#pick-stops")
    assert page.locator(".asof").count() == 1  # the device's copy, with its age
    wedge(page, a["barcode"])
    for n in (1, 2, 3):
        wedge(page, unit_code(product))
        stop(page, order["lines"][0]["id"], a["id"], n)
    page.reload()  # what was scanned offline survives a reload, counted from the outbox
    stop(page, order["lines"][0]["id"], a["id"], 3)
    page.click("#pick-handover")
    page.wait_for_selector("#ship-lines")
    wedge(page, "PKG-9")
    page.wait_for_selector("#ship-parcels [data-parcel='PKG-9']")
    page.click("#ship-order")
    page.wait_for_selector("#ship-queued")
    assert len(outbox_entries(page)) == 4
    shot(page, "pick-offline-queued-390x844")
    assert moves_of(remote_api, product).count((-1, a["id"], "pick")) <= 1
    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    page.wait_for_selector("#ship-done")
    sent_all(page)
    shipped = ok(remote_api.get(f"{SO}/{order['id']}"))
    assert (shipped["status"], shipped["lines"][0]["qty_shipped"]) == ("shipped", 3)
    assert shipped["shipments"][0]["parcels"] == ["PKG-9"]
    assert [b["number"] for b in shipped["backorders"]] == [page.locator("#ship-done").get_attribute("data-backorder")]
    assert moves_of(remote_api, product).count((-1, a["id"], "pick")) == 3


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", SIZES)
def test_pick_screens_fit_and_are_shot(signed_in, server, remote_api, page, size, lang):
    signed_in("manager")
    page.set_viewport_size(SIZES[size])
    if lang != "en":
        page.click("#lang")
        page.wait_for_selector("html[lang='zh-CN']")
    warehouse, (a, b, c) = make_pick_site(remote_api)
    plain, lotted = make_product(remote_api), make_product(remote_api, tracks_lots=True)
    expired = make_lot(remote_api, lotted, "EXP-1", "2025-01-31")
    old, new = make_lot(remote_api, lotted, "OLD-1", "2030-03-31"), make_lot(remote_api, lotted, "NEW-1", "2031-03-31")
    add_stock(remote_api, plain, a, 5)
    for bin_, lot in ((a, expired), (b, old), (c, new)):
        add_stock(remote_api, lotted, bin_, 2, lot_id=lot["id"])
    order = confirmed_order(remote_api, warehouse, [(plain, 2), (lotted, 2)])
    confirmed_order(remote_api, warehouse, [(plain, 1)])

    page.goto(f"{server}/#/pick")
    page.wait_for_selector(f"#pick-orders [data-order-id='{order['id']}']")
    check_layout(page)
    shot(page, f"floor-pick-list-{size}-{lang}")
    page.click(f"#pick-orders [data-order-id='{order['id']}'] .pick-open")
    page.wait_for_selector("#pick-stops")
    assert page.locator("#pick-next .bin-big").inner_text() == a["code"]
    wedge(page, a["barcode"])
    wedge(page, unit_code(plain))
    stop(page, order["lines"][0]["id"], a["id"], 1)
    check_layout(page)
    shot(page, f"floor-pick-walk-{size}-{lang}")
    wedge(page, gs1(lotted, "EXP-1"))  # expired: refused, the manager may override
    assert "OLD-1" in band(page, "error")
    page.wait_for_selector("#pick-override")  # the manager holds sales.override_fefo
    shot(page, f"floor-pick-expired-{size}-{lang}")
    wedge(page, c["barcode"])
    wedge(page, gs1(lotted, "NEW-1"))  # later than OLD-1: asks why
    band(page, "warn")
    page.wait_for_selector("#pick-later-reasons")
    check_layout(page)
    shot(page, f"floor-pick-later-lot-{size}-{lang}")
    page.click(f".pick-stop[data-line-id='{order['lines'][0]['id']}'] .pick-short")
    page.wait_for_selector("#pick-short-reasons")
    check_layout(page)
    shot(page, f"floor-pick-short-{size}-{lang}")
    sent_all(page)
    assert [line["qty_picked"] for line in ok(remote_api.get(f"{SO}/{order['id']}"))["lines"]] == [1, 0]
    page.click("#pick-handover")
    page.wait_for_selector("#ship-lines")
    wedge(page, "PKG-1")
    page.wait_for_selector("#ship-parcels [data-parcel='PKG-1']")
    check_layout(page)
    shot(page, f"floor-pick-ship-{size}-{lang}")


def test_a_pick_refused_after_going_online_shows_the_servers_reason_and_stays_to_fix(
        signed_in, server, remote_api, context, page):
    user = signed_in("warehouse")
    warehouse, (a, _, _) = make_pick_site(remote_api)
    product = make_product(remote_api)
    add_stock(remote_api, product, a, 2)
    order = confirmed_order(remote_api, warehouse, [(product, 2)])
    page.goto(f"{server}/#/pick/{order['id']}")
    page.wait_for_selector("#pick-stops")
    copy_fetched(page, "catalog")
    user["cdp"].detach()
    context.set_offline(True)
    wedge(page, a["barcode"])
    wedge(page, unit_code(product))
    stop(page, order["lines"][0]["id"], a["id"], 1)
    # Meanwhile another client reports the whole line short.
    ok(remote_api.post(f"{SO}/{order['id']}/short", {"order_line_id": order["lines"][0]["id"], "qty": 2}))
    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    assert "it is picked" in band(page, "error")  # the server's reason, on the scan screen
    stop(page, order["lines"][0]["id"], a["id"], 0)  # the count no longer holds it
    assert [e["status"] for e in outbox_entries(page)] == ["failed"]  # kept, to fix or discard
    assert page.locator("#floor-outbox").get_attribute("data-failed") == "1"
    assert moves_of(remote_api, product).count((-1, a["id"], "pick")) == 0


def shorted_order(api):
    """A picked order whose every line was reported short: nothing to ship."""
    warehouse, (a, _, _) = make_pick_site(api)
    product = make_product(api)
    add_stock(api, product, a, 2)
    order = confirmed_order(api, warehouse, [(product, 2)])
    ok(api.post(f"{SO}/{order['id']}/short", {"order_line_id": order["lines"][0]["id"], "qty": 2}))
    assert ok(api.get(f"{SO}/{order['id']}"))["status"] == "picked"
    return order


def test_a_manager_cancels_an_order_with_nothing_picked_from_the_hand_over(signed_in, server, remote_api, page):
    signed_in("manager")
    order = shorted_order(remote_api)
    page.goto(f"{server}/#/pick/{order['id']}/ship")
    page.wait_for_selector("#ship-nothing-picked")
    assert page.locator("#ship-order").count() == 0  # nothing to ship: Cancel takes its place
    page.click("#ship-cancel-order")
    page.click("#ship-cancel-order")  # the second tap confirms
    page.wait_for_selector("#ship-cancelled")
    sent_all(page)
    assert ok(remote_api.get(f"{SO}/{order['id']}"))["status"] == "cancelled"


def test_a_picker_who_may_not_cancel_sees_nothing_to_ship_and_no_cancel(signed_in, server, remote_api, page):
    signed_in("warehouse")
    order = shorted_order(remote_api)
    page.goto(f"{server}/#/pick/{order['id']}/ship")
    page.wait_for_selector("#ship-nothing-picked")
    assert page.locator("#ship-order").is_disabled()
    assert page.locator("#ship-cancel-order").count() == 0
