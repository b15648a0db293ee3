"""Fast sync: a device that queued 500 bin moves offline sends them in batches once back online,
shows how far it has got ("200 of 500 sent"), and the ledger holds each move exactly once."""
import re

import pytest

from tests.backend.factories import add_stock, make_product, ok

from .conftest import SHOTS
from .floor import band, copy_fetched, make_site, sent_all, unit_code, wedge

pytestmark = pytest.mark.usefixtures("auth_server")

QUEUED = 500
SCANNED = 4  # moves made by scanning on the move screen; the rest queued as that screen queues them
PRODUCTS = 5

# The move screen's outbox entries (pwa/js/views/move.js), for the moves not scanned one by one.
QUEUE_MOVES = """async ([moves]) => {
  const outbox = await import('/js/outbox.js');
  for (const m of moves) {
    await outbox.enqueue({ url: '/api/v1/bin-moves',
      body: { product_id: m.product, qty: 1, from_location_id: m.from, to_location_id: m.to },
      label: { key: 'op.bin_move', vars: { qty: 1, sku: m.sku, from: m.fromCode, to: m.toCode } },
      deps: [`product:${m.product}:bin:${m.from}`, `product:${m.product}:bin:${m.to}`] });
  }
}"""

# Every text the progress line shows, kept as it changes.
WATCH_PROGRESS = """() => {
  window.seenProgress = [];
  new MutationObserver(() => {
    const line = document.getElementById('outbox-progress');
    if (line && window.seenProgress.at(-1) !== line.textContent) window.seenProgress.push(line.textContent);
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}"""


def bin_move_moves(api, product):
    items = ok(api.get(f"/api/v1/stock/moves?product_id={product['id']}&doc_type=bin_move&limit=500"))
    return items["items"]


def test_500_moves_queued_offline_drain_in_batches_once_each(
        signed_in, server, remote_api, context, page):
    signed_in("warehouse")
    _warehouse, (here, there) = make_site(remote_api)
    products = [make_product(remote_api) for _ in range(PRODUCTS)]
    for product in products:
        add_stock(remote_api, product, here, 200)
    page.goto(f"{server}/#/move")
    page.wait_for_selector("#move-from")
    copy_fetched(page, "floor")  # the bins the screen knows offline
    copy_fetched(page, "catalog")
    # Nothing may reach the server before the test goes online: set_offline below is toggled
    # (False, True), and an outbox drain started in that gap would send the scanned moves.
    page.route("**/api/v1/**", lambda route: route.abort("internetdisconnected"))
    context.set_offline(True)
    for product in products[:SCANNED]:  # real scans: bin from, item, bin to
        wedge(page, here["barcode"])
        page.wait_for_selector(f"#move-from[data-bin-id='{here['id']}']")
        wedge(page, unit_code(product))
        page.wait_for_selector(f"#move-items [data-product-id='{product['id']}']")
        wedge(page, there["barcode"])
        band(page, "ok")
    rest = [{"product": p["id"], "sku": p["sku"], "from": here["id"], "to": there["id"],
             "fromCode": here["code"], "toCode": there["code"]}
            for i in range(QUEUED - SCANNED) for p in [products[i % PRODUCTS]]]
    # wedge()'s keys go through a CDP session of their own, which ends the page's offline
    # emulation (navigator.onLine turns true, though nothing gets through): offline again.
    context.set_offline(False)
    context.set_offline(True)
    assert page.evaluate("() => navigator.onLine") is False
    page.evaluate(QUEUE_MOVES, [rest])
    page.evaluate("() => { location.hash = '#/outbox'; }")  # a page.goto would end the offline emulation
    page.wait_for_selector("#outbox-list li")
    assert page.locator("#outbox-list li").count() == QUEUED
    assert all(bin_move_moves(remote_api, p) == [] for p in products)

    batches, singles, held = [], [], []

    def hold_the_third(route):
        batches.append(len(route.request.post_data_json["operations"]))
        if len(batches) == 3:
            held.append(route)  # answered once the screen has been looked at
        else:
            route.continue_()
    page.unroute("**/api/v1/**")
    page.route("**/api/v1/batch", hold_the_third)
    page.on("request", lambda r: singles.append(r.url) if r.url.endswith("/api/v1/bin-moves") else None)
    page.evaluate(WATCH_PROGRESS)
    context.set_offline(False)
    page.wait_for_selector("#outbox-progress:has-text('200 of 500 sent')")
    SHOTS.mkdir(parents=True, exist_ok=True)  # the screen as seen, not the 300 entries below it
    page.screenshot(path=str(SHOTS / "outbox-batches-progress-390x844.png"))
    held[0].continue_()
    sent_all(page)
    page.wait_for_selector("#outbox-list li", state="detached")

    assert batches == [100] * 5 and singles == []
    seen = page.evaluate("() => window.seenProgress")
    assert seen and all(re.fullmatch(r"\d+ of \d+ sent", text) for text in seen), seen
    assert "200 of 500 sent" in seen
    for index, product in enumerate(products):
        queued = sum(1 for i in range(QUEUED - SCANNED) if i % PRODUCTS == index)
        scanned = 1 if index < SCANNED else 0
        moves = bin_move_moves(remote_api, product)
        assert sorted((m["location_id"], m["qty"]) for m in moves) == sorted(
            [(here["id"], -1)] * (queued + scanned) + [(there["id"], 1)] * (queued + scanned))
