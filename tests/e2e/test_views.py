"""Home tiles by role, the stock look-up (online and from the cache), and offline start."""
import pytest

from tests.backend.factories import ok

from .conftest import shot
from .test_outbox import pending_adjustment

pytestmark = pytest.mark.usefixtures("auth_server")
ALL_TILES = ["receive", "pick", "count", "move", "transfer", "returns", "approvals", "lookup", "users",
             "alerts", "notifications"]


def tiles(page):
    names = page.locator(".tiles a").evaluate_all("(links) => links.map((a) => a.className)")
    return [name.split("tile-")[-1] for name in names if "tile-outbox" not in name
            and "tile-account" not in name]


@pytest.mark.parametrize(("role", "expected"), [
    ("warehouse", ["receive", "pick", "count", "move", "transfer", "returns", "lookup",
                   "notifications"]),
    ("sales", ["lookup", "notifications"]),
    ("manager", ALL_TILES),
])
def test_home_shows_only_the_tiles_the_role_may_use(signed_in, page, role, expected):
    signed_in(role)
    assert tiles(page) == expected
    if role == "manager":
        shot(page, "home-manager-390x844")


def test_route_the_role_may_not_use_says_so(signed_in, server, page):
    signed_in("warehouse")
    page.goto(f"{server}/#/approvals")
    page.wait_for_selector("h1:text('Not for your role')")


def stocked_product(api):
    """A product with 5 on hand in one bin (the adjustment approved by a manager)."""
    approval, product = pending_adjustment(api)
    ok(api.as_user("boss").post(f"/api/v1/approvals/{approval['id']}/approve", {}))
    return product


def look_up(page, code):
    page.fill("#lookup-code", code)
    page.press("#lookup-code", "Enter")
    page.wait_for_selector("#lookup-product")


def test_lookup_by_barcode_shows_stock_per_warehouse_and_location(signed_in, server, remote_api, page):
    product = stocked_product(remote_api)
    signed_in("warehouse")
    page.goto(f"{server}/#/lookup")
    look_up(page, product["barcodes"][0]["code"])
    card = page.locator("#lookup-product .card")
    assert page.locator("#lookup-product h2").inner_text() == product["name"]
    assert card.locator("[data-figure=on_hand] .figure-value").inner_text() == "5"
    assert card.locator("[data-figure=incoming] .figure-value").inner_text() == "0"
    assert card.locator(".bin-qty").all_inner_texts() == ["5"]
    assert page.locator(".asof").count() == 0
    shot(page, "lookup-390x844")


def test_lookup_offline_answers_from_the_cache_with_its_time(signed_in, server, remote_api, context, page):
    product = stocked_product(remote_api)
    signed_in("warehouse")["cdp"].detach()  # see test_signed_in_device_starts_offline_at_home
    page.goto(f"{server}/#/lookup")
    look_up(page, product["sku"])
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("#lookup-code")
    look_up(page, product["sku"])
    assert page.locator("#net").inner_text() == "Offline"
    assert page.locator("#lookup-product .asof").inner_text().startswith("Offline copy, as of ")
    assert page.locator("[data-figure=on_hand] .figure-value").inner_text() == "5"
    shot(page, "lookup-offline-390x844")


def test_signed_in_device_starts_offline_at_home(signed_in, context, page):
    user = signed_in("warehouse")
    # With the authenticator's CDP session still attached, Chromium reports navigator.onLine
    # true after a reload under emulated offline (requests still fail): detach it first.
    user["cdp"].detach()
    context.set_offline(True)
    page.reload()
    page.wait_for_selector(".tiles")
    assert page.locator("#net").inner_text() == "Offline"
    assert page.locator("h1").inner_text() == f"Hello, {user['display_name']}"
    assert page.locator(".asof").is_visible()
    shot(page, "offline-start-signed-in-390x844")
