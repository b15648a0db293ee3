"""Live updates in the browser: the shell's indicator, and screens following events."""
import pytest

from tests.backend.factories import add_stock, make_location, make_product, ok

from .conftest import shot
from .test_outbox import pending_adjustment
from .test_views import look_up, stocked_product

pytestmark = pytest.mark.usefixtures("auth_server")


def test_the_indicator_goes_live_and_a_move_updates_an_open_look_up_in_place(
        signed_in, server, remote_api, page):
    product = stocked_product(remote_api)
    signed_in("warehouse")
    page.wait_for_selector("#live[data-state=live]")
    assert page.locator("#live").inner_text() == "Live"
    page.goto(f"{server}/#/lookup")
    look_up(page, product["sku"])
    figure = page.locator("[data-figure=on_hand] .figure-value")
    assert figure.inner_text() == "5"
    marked = page.evaluate("() => { const el = document.querySelector('#lookup-product');"
                           " el.dataset.marked = 'same'; return true; }")
    balance = ok(remote_api.get(f"/api/v1/stock?product_id={product['id']}"))["items"][0]
    warehouse = {"id": balance["warehouse_id"]}
    second = make_location(remote_api, warehouse)
    ok(remote_api.post("/api/v1/bin-moves", {
        "product_id": product["id"], "qty": 2, "from_location_id": balance["location_id"],
        "to_location_id": second["id"]}))
    page.wait_for_function("() => [...document.querySelectorAll('.bin-qty')]"
                           ".map((el) => el.textContent).sort().join(',') === '2,3'")
    # in place: the same element, no reload, no new scan
    assert marked and page.locator("#lookup-product[data-marked=same]").count() == 1
    assert page.locator("#lookup-results").get_attribute("data-updated")
    shot(page, "live-lookup-390x844")


def test_the_indicator_says_not_live_when_the_connection_is_gone(signed_in, context, page):
    signed_in("warehouse")["cdp"].detach()
    page.wait_for_selector("#live[data-state=live]")
    context.set_offline(True)
    page.wait_for_selector("#live:not([data-state=live])", timeout=20000)
    assert page.locator("#live").inner_text() in ("Not live", "Connecting…")
    context.set_offline(False)
    page.wait_for_selector("#live[data-state=live]", timeout=30000)


def test_a_new_request_appears_in_the_open_approvals_list_and_on_the_home_tile(
        signed_in, server, remote_api, page):
    signed_in("manager")
    page.wait_for_selector("#live[data-state=live]")
    page.wait_for_selector(".tile-approvals[data-pending]")
    before = int(page.locator(".tile-approvals").get_attribute("data-pending"))
    approval, _ = pending_adjustment(remote_api)
    page.wait_for_selector(f".tile-approvals[data-pending='{min(before + 1, 100)}']")
    page.goto(f"{server}/#/approvals")
    page.wait_for_selector(f"[data-approval-id='{approval['id']}']")
    second, _ = pending_adjustment(remote_api)
    page.wait_for_selector(f"[data-approval-id='{second['id']}'][data-arrived=live]")
    ok(remote_api.as_user("boss").post(f"/api/v1/approvals/{second['id']}/approve", {}))
    page.wait_for_selector(f"[data-approval-id='{second['id']}'][data-state=decided]")
    shot(page, "live-approvals-390x844")


def test_another_users_pick_updates_the_open_walk_and_the_orders_list_in_place(
        signed_in, server, remote_api, page):
    """An API pick of the open order by another user: the walk's figures follow at once, with
    the bin scanned kept; a pick finishing another order moves it to the hand-over list."""
    from .floor import band, sent_all, unit_code, wedge
    from .test_pick import confirmed_order, make_pick_site, stop

    warehouse, (a, _b, _c) = make_pick_site(remote_api)
    product, other = make_product(remote_api), make_product(remote_api)
    add_stock(remote_api, product, a, 5)
    add_stock(remote_api, other, a, 2)
    order = confirmed_order(remote_api, warehouse, [(product, 4)])
    listed = confirmed_order(remote_api, warehouse, [(other, 2)])
    [line] = order["lines"]
    signed_in("warehouse")
    page.wait_for_selector("#live[data-state=live]")

    page.goto(f"{server}/#/pick")
    page.wait_for_selector(f"#pick-orders [data-order-id='{listed['id']}']")
    ok(remote_api.post(f"/api/v1/sales-orders/{listed['id']}/picks", {
        "order_line_id": listed["lines"][0]["id"], "qty": 2, "location_id": a["id"]}))
    page.wait_for_selector(f"#pick-ready [data-order-id='{listed['id']}']")
    assert page.locator(f"#pick-orders [data-order-id='{listed['id']}']").count() == 0

    page.click(f"#pick-orders [data-order-id='{order['id']}'] .pick-open")
    page.wait_for_selector("#pick-stops")
    wedge(page, a["barcode"])
    band(page, "ok")
    wedge(page, unit_code(product))
    stop(page, line["id"], a["id"], 1)
    sent_all(page)
    page.wait_for_selector("#pick-next .recv-count >> text='× 3'")
    ok(remote_api.post(f"/api/v1/sales-orders/{order['id']}/picks", {
        "order_line_id": line["id"], "qty": 2, "location_id": a["id"]}))
    page.wait_for_selector("#pick-next .recv-count >> text='× 1'")
    # in place: the bin scanned still stands, and this device's pick still counts at its stop
    assert page.locator("#pick-next").inner_text().startswith("Take")
    stop(page, line["id"], a["id"], 1)
    assert page.locator(f".pick-stop[data-line-id='{line['id']}']").get_attribute("data-line-picked") == "3"
    shot(page, "live-pick-walk-390x844")
    wedge(page, unit_code(product))  # the last one: the walk is done, nothing counted twice
    page.wait_for_selector("#pick-all-done")
    sent_all(page)
    assert [x["qty_picked"] for x in ok(remote_api.get(f"/api/v1/sales-orders/{order['id']}"))["lines"]] == [4]
