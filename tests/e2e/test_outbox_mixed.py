"""A shift offline across the floor's flows: picks, stocktake counts and transfer receipts (500
scans in all, the first of each scanned on its screen, the rest queued as those screens queue
them) and the order's hand-over behind its picks. Back online, the outbox sends them in batches
and the server holds exactly those moves, each once, the shipment after every pick."""
import pytest

from tests.backend.factories import add_stock, make_location, make_partner, make_product, make_warehouse, ok

from .floor import copy_fetched, make_site, moves_of, outbox_entries, sent_all, unit_code, wedge

pytestmark = pytest.mark.usefixtures("auth_server")

PICKS, COUNTS, RECEIPTS = 170, 170, 160  # 500 scans
SCANNED = 2  # of each flow, scanned on its screen

# The entries pick-walk.js, count.js and transfer.js queue for one scan of one unit.
QUEUE = """async ([ops]) => {
  const outbox = await import('/js/outbox.js');
  for (const op of ops) {
    if (op.kind === 'pick') {
      await outbox.enqueue({ url: `/api/v1/sales-orders/${op.order}/picks`,
        body: { order_line_id: op.line, qty: 1, location_id: op.bin, lot_id: null },
        label: { key: 'op.pick', vars: { qty: 1, sku: op.sku, bin: op.binCode, so: op.number } },
        deps: [`so:${op.order}`, `product:${op.product}:bin:${op.bin}`] });
    } else if (op.kind === 'count') {
      await outbox.enqueue({ url: `/api/v1/stocktakes/${op.stocktake}/counts`,
        body: { product_id: op.product, location_id: op.bin, qty: 1, mode: 'add' },
        label: { key: 'op.count', vars: { qty: 1, sku: op.sku, bin: op.binCode, st: op.number } },
        deps: [`stocktake:${op.stocktake}`] });
    } else {
      await outbox.enqueue({ url: `/api/v1/transfers/${op.transfer}/receive`,
        body: { lines: [{ transfer_line_id: op.line, qty: 1, to_location_id: op.bin }] },
        label: { key: 'op.transfer_receive', vars: { qty: 1, sku: op.sku, tr: op.number, bin: op.binCode } },
        deps: [`tr:${op.transfer}`, `product:${op.product}:bin:${op.bin}`] });
    }
  }
  await outbox.enqueue({ url: `/api/v1/sales-orders/${ops[0].order}/ship`,
    body: { parcels: ['PKG-SHIFT'], backorder: true },
    label: { key: 'op.ship', vars: { so: ops[0].number, n: 1 } }, deps: [`so:${ops[0].order}`] });
}"""


def floor_site(api):
    """A warehouse with a pick bin, a bin of zone Z to count and a receiving bin; a source
    warehouse; an order to pick, a stocktake of zone Z and a transfer shipped to the warehouse."""
    warehouse = make_warehouse(api)
    code = warehouse["code"]
    pick_bin, count_bin, receive_bin = (
        make_location(api, warehouse, code=f"{code}-{name}", zone=name[0], sort_key=f"0{i}",
                      barcode=f"LOC-{code}-{name}") for i, name in enumerate(("P1", "Z1", "R1")))
    source, (source_bin, _) = make_site(api)
    picked, counted, moved = (make_product(api) for _ in range(3))
    add_stock(api, picked, pick_bin, PICKS)
    add_stock(api, counted, count_bin, 50)
    add_stock(api, moved, source_bin, RECEIPTS)
    customer = make_partner(api, "customers")
    order = ok(api.post("/api/v1/sales-orders", {"customer_id": customer["id"], "warehouse_id": warehouse["id"],
                                                  "lines": [{"product_id": picked["id"], "qty_ordered": PICKS}]}))
    order = ok(api.post(f"/api/v1/sales-orders/{order['id']}/confirm"))
    stocktake = ok(api.post("/api/v1/stocktakes", {"warehouse_id": warehouse["id"], "zone": "Z"}), 201)
    transfer = ok(api.post("/api/v1/transfers", {
        "from_warehouse_id": source["id"], "to_warehouse_id": warehouse["id"], "ship": True,
        "lines": [{"product_id": moved["id"], "qty": RECEIPTS, "from_location_id": source_bin["id"]}]}))
    return dict(bins=(pick_bin, count_bin, receive_bin), products=(picked, counted, moved),
                order=order, stocktake=stocktake, transfer=transfer)


def queued_rest(site):
    """The scans not made on the screens, the three flows interleaved as a shift would be."""
    (pick_bin, count_bin, receive_bin), (picked, counted, moved) = site["bins"], site["products"]
    order, stocktake, transfer = site["order"], site["stocktake"], site["transfer"]
    pick = {"kind": "pick", "order": order["id"], "number": order["number"], "line": order["lines"][0]["id"],
            "product": picked["id"], "sku": picked["sku"], "bin": pick_bin["id"], "binCode": pick_bin["code"]}
    count = {"kind": "count", "stocktake": stocktake["id"], "number": stocktake["number"],
             "product": counted["id"], "sku": counted["sku"], "bin": count_bin["id"], "binCode": count_bin["code"]}
    receipt = {"kind": "receipt", "transfer": transfer["id"], "number": transfer["number"],
               "line": transfer["lines"][0]["id"], "product": moved["id"], "sku": moved["sku"],
               "bin": receive_bin["id"], "binCode": receive_bin["code"]}
    left = {"pick": PICKS - SCANNED, "count": COUNTS - SCANNED, "receipt": RECEIPTS - SCANNED}
    ops = []
    while any(left.values()):
        for kind, op in (("pick", pick), ("count", count), ("receipt", receipt)):
            if left[kind]:
                ops.append(op)
                left[kind] -= 1
    return ops


def test_500_scans_offline_across_picking_counting_and_receiving_land_once_each(
        signed_in, server, remote_api, context, page):
    signed_in("warehouse")
    site = floor_site(remote_api)
    (pick_bin, count_bin, receive_bin), (picked, counted, moved) = site["bins"], site["products"]
    order, stocktake, transfer = site["order"], site["stocktake"], site["transfer"]
    for screen, ready in ((f"#/pick/{order['id']}", "#pick-stops"),
                          (f"#/count/{stocktake['id']}", "#count-to-count"),
                          ("#/transfer", f"#transfer-incoming [data-transfer-id='{transfer['id']}']")):
        page.goto(f"{server}/{screen}")  # opened once online: kept on the device
        page.wait_for_selector(ready)
    copy_fetched(page, "floor")
    copy_fetched(page, "catalog")
    # Offline from here until every scan is queued. wedge()'s CDP session ends the page's offline
    # emulation (see test_outbox_batches), so nothing reaching the API is also made sure of.
    page.route("**/api/v1/**", lambda route: route.abort("internetdisconnected"))
    context.set_offline(True)

    page.evaluate(f"() => {{ location.hash = '#/pick/{order['id']}'; }}")
    page.wait_for_selector("#pick-stops")
    wedge(page, pick_bin["barcode"])
    for n in range(1, SCANNED + 1):
        wedge(page, unit_code(picked))
        page.wait_for_selector(f".pick-stop[data-line-id='{order['lines'][0]['id']}'][data-picked='{n}']",
                               state="attached")

    page.evaluate(f"() => {{ location.hash = '#/count/{stocktake['id']}'; }}")
    page.wait_for_selector("#count-to-count")
    wedge(page, count_bin["barcode"])
    for n in range(1, SCANNED + 1):
        wedge(page, unit_code(counted))
        page.wait_for_selector(f"#count-current .count-place[data-product-id='{counted['id']}'][data-counted='{n}']")

    page.evaluate("() => { location.hash = '#/transfer'; }")
    page.wait_for_selector(f"#transfer-incoming [data-transfer-id='{transfer['id']}']")
    wedge(page, f"STP:TR:{transfer['number']}")
    page.wait_for_selector("#transfer-lines")
    wedge(page, receive_bin["barcode"])
    for n in range(1, SCANNED + 1):
        wedge(page, unit_code(moved))
        page.wait_for_selector(f".recv-line[data-line-id='{transfer['lines'][0]['id']}']"
                               f"[data-remaining='{RECEIPTS - n}']", state="attached")

    page.evaluate(QUEUE, [queued_rest(site)])
    entries = outbox_entries(page)
    assert len(entries) == PICKS + COUNTS + RECEIPTS + 1  # and the hand-over, last
    assert entries[-1]["url"].endswith("/ship")
    assert [m for m in moves_of(remote_api, picked) if m[0] < 0] == []  # nothing reached the server

    sent = []  # per request, how many operations it carried (a lone last entry goes alone)
    page.unroute("**/api/v1/**")
    page.on("request", lambda r: sent.append(len(r.post_data_json["operations"]) if r.url.endswith("/api/v1/batch")
                                             else 1) if r.method == "POST" and "/api/v1/" in r.url else None)
    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    sent_all(page)

    assert sum(sent) == PICKS + COUNTS + RECEIPTS + 1 and sent[:5] == [100] * 5, sent
    shipped = ok(remote_api.get(f"/api/v1/sales-orders/{order['id']}"))
    assert (shipped["status"], shipped["lines"][0]["qty_picked"], shipped["lines"][0]["qty_shipped"]) == (
        "shipped", PICKS, PICKS)
    assert shipped["backorders"] == []
    out = [m for m in moves_of(remote_api, picked) if m[0] < 0]
    assert [m for m in out if m[2] == "pick"] == [(-1, pick_bin["id"], "pick")] * PICKS
    assert [m[0] for m in out if m[2] == "shipment"] == [-PICKS]  # shipped once, after every pick
    counts = ok(remote_api.get(f"/api/v1/stocktakes/{stocktake['id']}"))["counts"]
    assert [(c["product_id"], c["location_id"], c["counted_qty"]) for c in counts] == [
        (counted["id"], count_bin["id"], COUNTS)]
    assert [m[0] for m in moves_of(remote_api, counted)] == [50]  # a count moves nothing until approved
    received = ok(remote_api.get(f"/api/v1/transfers/{transfer['id']}"))
    assert [(l["qty_received"], l["qty_in_transit"]) for l in received["lines"]] == [(RECEIPTS, 0)]
    into_bin = [m for m in moves_of(remote_api, moved) if m[1] == receive_bin["id"]]
    assert into_bin and sum(m[0] for m in into_bin) == RECEIPTS and all(m[0] == 1 for m in into_bin)
