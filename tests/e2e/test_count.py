"""Stocktakes on the phone: a zone counted by keyboard-wedge scans bin by bin while another
client moves stock out of a bin being counted, the variance reviewed and approved per place on
the phone, and the ledger right afterwards; the screens shot at phone and tablet sizes."""
import pytest

from tests.backend.factories import add_stock, balance, make_location, make_product, make_warehouse, ok

from .conftest import shot
from .floor import band, count_taps, sent_all, taps, unit_code, wedge
from .test_floor_screens import SIZES, check_layout

pytestmark = pytest.mark.usefixtures("auth_server")
ST = "/api/v1/stocktakes"


def make_zone(api):
    """Zone A with bins A-1 (walked first) and A-2, a bin in zone B; two products (cost 2, 3)
    holding 5 in A-1 and 3 in A-2."""
    warehouse = make_warehouse(api)
    code = warehouse["code"]
    a1, a2, b1 = (make_location(api, warehouse, code=f"{c}-{code}", zone=c[0], sort_key=key,
                                barcode=f"LOC-{code}-{c}")
                  for c, key in (("A-1", "010"), ("A-2", "020"), ("B-1", "030")))
    first, second = make_product(api, cost=2), make_product(api, cost=3)
    add_stock(api, first, a1, 5)
    add_stock(api, second, a2, 3)
    return dict(warehouse=warehouse, a1=a1, a2=a2, b1=b1, first=first, second=second)


def counted(page, product, n):
    page.wait_for_selector(f"#count-current .count-place[data-product-id='{product['id']}'][data-counted='{n}']")


def test_zone_counted_by_wedge_with_a_move_meanwhile_then_approved_on_the_phone(
        signed_in, server, remote_api, page):
    signed_in("manager")
    z = make_zone(remote_api)
    page.goto(f"{server}/#/count")
    page.wait_for_selector("#count-new")
    page.select_option("#count-warehouse", str(z["warehouse"]["id"]))
    page.wait_for_selector("#count-zone option[value='A']", state="attached")
    page.select_option("#count-zone", "A")
    page.click("#count-start")
    page.wait_for_selector("#count-to-count")
    stocktake = ok(remote_api.get(f"{ST}?status=counting&warehouse_id={z['warehouse']['id']}"))["items"][0]
    assert stocktake["zone"] == "A"
    assert page.locator("#count-to-count .count-bin strong").all_inner_texts() == [z["a1"]["code"], z["a2"]["code"]]

    count_taps(page)  # a bin is counted by scans alone, and one tap: Bin done
    wedge(page, z["a1"]["barcode"])
    page.wait_for_selector(f"#count-current[data-location-id='{z['a1']['id']}']")
    for n in (1, 2, 3):
        wedge(page, unit_code(z["first"]))
        counted(page, z["first"], n)
    assert "3" in band(page, "ok")
    assert "expected" not in page.locator("#count-current").inner_text().lower()  # blind
    sent_all(page)
    # Meanwhile a picker (another client) takes the 2 not yet counted out of A-1.
    ok(remote_api.post("/api/v1/bin-moves", {"product_id": z["first"]["id"], "qty": 2,
                                             "from_location_id": z["a1"]["id"],
                                             "to_location_id": z["b1"]["id"]}))
    page.click("#count-main")  # Bin done: the shelf holds what was counted
    page.wait_for_selector(f"#count-done [data-location-id='{z['a1']['id']}']", state="attached")

    wedge(page, z["a2"]["barcode"])
    page.wait_for_selector(f"#count-current[data-location-id='{z['a2']['id']}']")
    for n in (1, 2):
        wedge(page, unit_code(z["second"]))
        counted(page, z["second"], n)
    page.click("#count-main")
    page.wait_for_selector(f"#count-done [data-location-id='{z['a2']['id']}']", state="attached")
    assert taps(page) == 2  # two bins, one tap each
    sent_all(page)
    bins = ok(remote_api.get(f"{ST}/{stocktake['id']}/bins"))
    assert (bins["to_count"], [b["code"] for b in bins["done"]]) == ([], [z["a1"]["code"], z["a2"]["code"]])

    # The supervisor submits (nobody approves their own count); the manager reviews on the phone.
    ok(remote_api.post(f"{ST}/{stocktake['id']}/submit"))
    page.goto(f"{server}/#/approvals")
    page.click(f"[data-approval-id] a.review-lines[href='#/count/{stocktake['id']}/review']")
    page.wait_for_selector("#review-lines .review-line")
    lines = page.locator("#review-lines .review-line")
    assert lines.count() == 1  # A-1 is no variance: the move came between first scan and done
    assert page.locator("#review-total-value").inner_text() == "-¥3.00"  # money.js, as everywhere
    lines.first.locator(".review-approve").click()
    page.wait_for_selector(".review-line[data-decision='approved']")
    sent_all(page)
    page.click("#review-finish")
    sent_all(page)
    page.wait_for_selector("#review-finish", state="detached")
    assert ok(remote_api.get(f"{ST}/{stocktake['id']}"))["status"] == "approved"
    assert [balance(remote_api, z["first"], z[k]) for k in ("a1", "b1")] == [3, 2]
    assert balance(remote_api, z["second"], z["a2"]) == 2
    moves = ok(remote_api.get(f"/api/v1/stock/moves?doc_type=stocktake&doc_id={stocktake['id']}"))["items"]
    assert [(m["product_id"], m["location_id"], m["qty"]) for m in moves] == [(z["second"]["id"], z["a2"]["id"], -1)]


def test_edit_and_recount_on_the_phone_reach_the_server(signed_in, server, remote_api, page):
    signed_in("warehouse")
    z = make_zone(remote_api)
    stocktake = ok(remote_api.post(ST, {"warehouse_id": z["warehouse"]["id"], "zone": "A"}), 201)
    page.goto(f"{server}/#/count/{stocktake['id']}")
    page.wait_for_selector("#count-to-count")
    wedge(page, z["a2"]["barcode"])
    wedge(page, unit_code(z["second"]))
    counted(page, z["second"], 1)
    page.click("#count-current .count-edit")
    page.fill("#count-qty", "7")
    page.click("#count-set")
    counted(page, z["second"], 7)
    wedge(page, z["a1"]["barcode"])
    wedge(page, unit_code(z["first"]))
    counted(page, z["first"], 1)
    page.click("#count-recount")
    page.click("#count-recount-yes")
    page.wait_for_selector("#count-current .count-place", state="detached")
    sent_all(page)
    counts = ok(remote_api.get(f"{ST}/{stocktake['id']}"))["counts"]
    assert [(c["location_id"], c["counted_qty"]) for c in counts] == [(z["a2"]["id"], 7)]
    wedge(page, z["b1"]["barcode"])  # not in zone A: refused, saying so
    assert z["b1"]["code"] in band(page, "error")


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", SIZES)
def test_count_and_review_screens_fit_and_are_shot(signed_in, server, remote_api, page, size, lang):
    signed_in("manager")
    page.set_viewport_size(SIZES[size])
    if lang != "en":
        page.click("#lang")
        page.wait_for_selector("html[lang='zh-CN']")
    z = make_zone(remote_api)
    stocktake = ok(remote_api.post(ST, {"warehouse_id": z["warehouse"]["id"], "zone": "A"}), 201)
    page.goto(f"{server}/#/count")
    page.wait_for_selector(f"#count-open [data-stocktake-id='{stocktake['id']}']")
    check_layout(page)
    shot(page, f"count-start-{size}-{lang}")
    page.click(f"#count-open [data-stocktake-id='{stocktake['id']}']")
    page.wait_for_selector("#count-to-count")
    wedge(page, z["a1"]["barcode"])
    for n in (1, 2):
        wedge(page, unit_code(z["first"]))
        counted(page, z["first"], n)
    page.click("#count-main")
    wedge(page, z["a2"]["barcode"])
    wedge(page, unit_code(z["second"]))
    counted(page, z["second"], 1)
    check_layout(page)
    shot(page, f"count-bin-{size}-{lang}")
    sent_all(page)
    ok(remote_api.post(f"{ST}/{stocktake['id']}/submit"))
    page.goto(f"{server}/#/count/{stocktake['id']}/review")
    page.wait_for_selector("#review-lines .review-line")
    page.locator(".review-line .review-reject").first.click()
    page.wait_for_selector(".review-line[data-decision='rejected']")
    check_layout(page)
    shot(page, f"count-review-{size}-{lang}")


def test_counts_offline_survive_a_reload_land_once_and_a_conflict_shows_the_reason(
        signed_in, server, remote_api, context, page):
    from .floor import copy_fetched, outbox_entries
    from .test_floor_offline import go_offline
    user = signed_in("warehouse")
    z = make_zone(remote_api)
    stocktake = ok(remote_api.post(ST, {"warehouse_id": z["warehouse"]["id"], "zone": "A"}), 201)
    page.goto(f"{server}/#/count/{stocktake['id']}")
    page.wait_for_selector("#count-to-count")
    copy_fetched(page, "catalog")
    page.wait_for_timeout(500)
    go_offline(user, context, page)
    page.reload()
    page.wait_for_selector("#count-to-count")
    assert page.locator(".floor-work .asof").count() == 1  # the bins are the device's copy, aged
    wedge(page, z["a1"]["barcode"])
    for n in (1, 2):
        wedge(page, unit_code(z["first"]))
        counted(page, z["first"], n)
    page.click("#count-main")
    wedge(page, z["a2"]["barcode"])
    wedge(page, unit_code(z["second"]))
    counted(page, z["second"], 1)
    page.reload()  # what waits in the outbox is still counted on the screen
    page.wait_for_selector(f"#count-done [data-location-id='{z['a1']['id']}']", state="attached")
    wedge(page, z["a2"]["barcode"])
    counted(page, z["second"], 1)
    assert len(outbox_entries(page)) == 4
    shot(page, "count-offline-390x844")
    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    sent_all(page)
    counts = ok(remote_api.get(f"{ST}/{stocktake['id']}"))["counts"]
    assert sorted((c["location_id"], c["counted_qty"]) for c in counts) == sorted(
        [(z["a1"]["id"], 2), (z["a2"]["id"], 1)])
    # Offline again, one more scan; meanwhile the supervisor submits: the scan is refused
    # with the server's reason and kept in the outbox to fix or discard.
    context.set_offline(True)
    wedge(page, unit_code(z["second"]))
    counted(page, z["second"], 2)
    ok(remote_api.post(f"{ST}/{stocktake['id']}/submit"))
    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    assert "submitted" in band(page, "error")
    assert [e["status"] for e in outbox_entries(page)] == ["failed"]
    assert page.locator("#floor-outbox").inner_text() == "1 need you"


def test_a_gs1_code_counts_its_lot_as_a_place_of_its_own(signed_in, server, remote_api, page):
    from .floor import copy_fetched
    signed_in("warehouse")
    z = make_zone(remote_api)
    product = make_product(remote_api, tracks_lots=True)
    lots = {c: ok(remote_api.post(f"/api/v1/products/{product['id']}/lots", {"code": c}))["id"] for c in ("L1", "L2")}
    add_stock(remote_api, product, z["a2"], 2, lot_id=lots["L1"])
    stocktake = ok(remote_api.post(ST, {"warehouse_id": z["warehouse"]["id"], "zone": "A"}), 201)
    page.goto(f"{server}/#/count/{stocktake['id']}")
    page.wait_for_selector("#count-to-count")
    copy_fetched(page, "catalog")
    wedge(page, z["a2"]["barcode"])
    gtin = "0" + unit_code(product)
    for lot in ("L1", "L2", "L1"):
        wedge(page, f"01{gtin}10{lot}")
    page.wait_for_selector("#count-current .count-place[data-counted='2']")
    assert "L1" in page.locator("#count-current").inner_text()
    sent_all(page)
    counts = ok(remote_api.get(f"{ST}/{stocktake['id']}"))["counts"]
    assert sorted((c["lot_id"], c["counted_qty"]) for c in counts) == [(lots["L1"], 2), (lots["L2"], 1)]
