"""The outbox: writes are stored on the device first and sent in order, exactly once; a 401
pauses it until the user signs in again; a refusal is kept with the server's reason."""
import pytest

from tests.backend.factories import make_location, make_product, make_warehouse, ok

from .conftest import end_sessions, shot
from .floor import eventually, outbox_entries

pytestmark = pytest.mark.usefixtures("auth_server")


def pending_adjustment(api, qty=5):
    """A stock adjustment waiting for a manager; returns (approval, product)."""
    warehouse = make_warehouse(api)
    bin_ = make_location(api, warehouse)
    product = make_product(api)
    adjustment = ok(api.post("/api/v1/stock/adjustments", {
        "warehouse_id": warehouse["id"], "reason": "found on the shelf",
        "lines": [{"product_id": product["id"], "location_id": bin_["id"], "qty": qty}]}))
    pending = ok(api.get("/api/v1/approvals?status=pending&kind=stock_adjustment&limit=500"))
    approval = next(a for a in pending["items"] if a["doc_id"] == adjustment["id"])
    return approval, product


def status_of(api, approval):
    return ok(api.get(f"/api/v1/approvals/{approval['id']}"))["status"]


def moves_of(api, product):
    return ok(api.get(f"/api/v1/stock/moves?product_id={product['id']}"))["items"]


def open_inbox(page, url, *approvals):
    page.goto(f"{url}/#/approvals")
    for approval in approvals:
        page.wait_for_selector(f"[data-approval-id='{approval['id']}'] .approve")


def approve(page, approval):
    page.click(f"[data-approval-id='{approval['id']}'] .approve")


def card_state(page, approval, state):
    page.wait_for_selector(f"[data-approval-id='{approval['id']}'][data-state='{state}']")


def test_approval_made_offline_is_queued_and_sent_once_back_online(
        signed_in, server, remote_api, context, page):
    signed_in("manager")
    approval, product = pending_adjustment(remote_api)
    open_inbox(page, server, approval)
    context.set_offline(True)
    approve(page, approval)
    card_state(page, approval, "queued")
    assert [e["url"] for e in outbox_entries(page)] == [f"/api/v1/approvals/{approval['id']}/approve"]
    assert page.locator("#outbox-badge").inner_text() == "1 to send"
    assert status_of(remote_api, approval) == "pending"
    shot(page, "approval-queued-offline")
    context.set_offline(False)
    card_state(page, approval, "done")
    assert status_of(remote_api, approval) == "approved"
    assert [m["qty"] for m in moves_of(remote_api, product)] == [5]
    assert outbox_entries(page) == []


def test_write_whose_answer_was_lost_is_resent_and_counts_once(
        signed_in, server, remote_api, page):
    signed_in("manager")
    approval, product = pending_adjustment(remote_api)
    open_inbox(page, server, approval)
    keys = []

    def lose_first_answer(route):
        keys.append(route.request.headers["idempotency-key"])
        if len(keys) == 1:
            route.fetch()  # the server does the work ...
            route.abort("connectionreset")  # ... and the answer never arrives
        else:
            route.continue_()
    page.route("**/api/v1/approvals/*/approve", lose_first_answer)
    approve(page, approval)
    card_state(page, approval, "done")
    assert len(keys) == 2 and keys[0] == keys[1]
    assert status_of(remote_api, approval) == "approved"
    assert [m["qty"] for m in moves_of(remote_api, product)] == [5]


def test_session_ending_before_replay_pauses_the_queue_until_signed_in_again(
        signed_in, server, remote_api, app, context, page):
    user = signed_in("manager")
    first, _ = pending_adjustment(remote_api)
    second, _ = pending_adjustment(remote_api)
    open_inbox(page, server, first, second)
    context.set_offline(True)
    approve(page, first)
    approve(page, second)
    end_sessions(app, user)
    context.set_offline(False)
    page.wait_for_selector(".banner-warn button")
    shot(page, "session-expired-banner")
    assert len(outbox_entries(page)) == 2
    assert outbox_entries(page)[0]["error"]["status"] == 401
    assert [status_of(remote_api, a) for a in (first, second)] == ["pending", "pending"]
    page.click(".banner-warn button")
    page.click("#signin-passkey")
    eventually(lambda: outbox_entries(page) == [])
    assert [status_of(remote_api, a) for a in (first, second)] == ["approved", "approved"]
    assert page.locator(".banner-warn").count() == 0


def test_refused_write_keeps_its_reason_and_an_unrelated_one_is_sent_past_it(
        signed_in, server, remote_api, context, page):
    signed_in("manager")
    stale, _ = pending_adjustment(remote_api)
    behind, _ = pending_adjustment(remote_api)
    open_inbox(page, server, stale, behind)
    # offline first: online, the live event would mark the card decided and offer no Approve
    context.set_offline(True)
    ok(remote_api.as_user("boss").post(f"/api/v1/approvals/{stale['id']}/approve", {}))
    approve(page, stale)
    approve(page, behind)
    context.set_offline(False)
    card_state(page, stale, "failed")
    card_state(page, behind, "done")
    assert status_of(remote_api, behind) == "approved"
    page.goto(f"{server}/#/outbox")
    failed = page.locator("#outbox-list li").first
    failed.locator(".reason").wait_for()
    assert f"approval {stale['id']}: it is approved, which is final." in failed.locator(".reason").inner_text()
    assert [e["status"] for e in outbox_entries(page)] == ["failed"]
    shot(page, "outbox-failed-390x844")
    failed.get_by_role("button", name="Retry").click()
    eventually(lambda: [(e["status"], e["attempts"]) for e in outbox_entries(page)] == [("failed", 1)])
    page.locator("#outbox-list li").first.get_by_role("button", name="Discard").click()
    page.get_by_role("button", name="Tap again to discard").click()
    page.wait_for_selector("#outbox-list li", state="detached")
    assert outbox_entries(page) == []


# ---- dependencies and fixing, with receipts queued the way a scan screen queues them -------

PO = "/api/v1/purchase-orders"


def open_order(api, qty=10):
    """An approved PO for qty of a new product; returns (order, warehouse, bin)."""
    from tests.backend.factories import make_partner
    warehouse = make_warehouse(api)
    bin_ = make_location(api, warehouse)
    product = make_product(api)
    order = ok(api.post(PO, {"supplier_id": make_partner(api, "suppliers")["id"], "warehouse_id": warehouse["id"],
                             "lines": [{"product_id": product["id"], "qty_ordered": qty,
                                        "unit_cost": 1}]}))
    return ok(api.post(f"{PO}/{order['id']}/submit")), warehouse, bin_


def queue_receipt(page, order, location_id, qty=1, fix=None):
    """Queue one scan's receipt through the outbox as the Receive screen does; its op id."""
    line = order["lines"][0]
    return page.evaluate("""([order, line, locationId, qty, fix]) => import('/js/outbox.js').then((m) =>
        m.enqueue({ url: `/api/v1/purchase-orders/${order.id}/receipts`,
                    body: { lines: [{ order_line_id: line.id, qty, location_id: locationId }] },
                    deps: [`po:${order.id}`, `product:${line.product_id}:bin:${locationId}`],
                    label: { key: 'op.generic', vars: { url: order.number } }, fix }))
        .then((entry) => entry.opId)""", [order, line, location_id, qty, fix])


def received(api, order):
    return ok(api.get(f"{PO}/{order['id']}"))["lines"][0]["qty_received"]


def test_refused_write_holds_back_only_the_writes_that_depend_on_it(
        signed_in, server, remote_api, context, page):
    signed_in("manager")
    closed, _, closed_bin = open_order(remote_api)
    other, _, other_bin = open_order(remote_api)
    page.goto(f"{server}/#/outbox")
    context.set_offline(True)
    refused = queue_receipt(page, closed, closed_bin["id"])
    held = queue_receipt(page, closed, closed_bin["id"])
    queue_receipt(page, other, other_bin["id"], qty=2)
    ok(remote_api.post(f"{PO}/{closed['id']}/cancel"))  # another client cancels it meanwhile
    context.set_offline(False)
    eventually(lambda: [e["opId"] for e in outbox_entries(page)] == [refused, held])
    assert received(remote_api, other) == 2
    assert [e["status"] for e in outbox_entries(page)] == ["failed", "queued"]
    items = page.locator("#outbox-list li")
    items.nth(1).locator(".held-by").wait_for()
    assert "cancelled" in items.first.locator(".reason").inner_text().lower()
    shot(page, "outbox-held-390x844")
    items.first.get_by_role("button", name="Discard").click()
    page.get_by_role("button", name="Tap again to discard").click()
    # the entry that waited is now first in line and is refused for the same reason
    eventually(lambda: [(e["opId"], e["status"]) for e in outbox_entries(page)] == [(held, "failed")])
    assert received(remote_api, closed) == 0


def test_refused_receipt_is_fixed_to_another_bin_and_sent_once_with_a_new_op_id(
        signed_in, server, remote_api, context, page):
    signed_in("manager")
    order, warehouse, good_bin = open_order(remote_api)
    elsewhere = make_location(remote_api, make_warehouse(remote_api))
    fix = [{"path": "lines.0.location_id", "label": "receive.bin", "dep": "bin",
            "source": f"/api/v1/warehouses/{warehouse['id']}/locations", "text": "code"}]
    page.goto(f"{server}/#/outbox")
    refused = queue_receipt(page, order, elsewhere["id"], qty=3, fix=fix)
    eventually(lambda: [e["status"] for e in outbox_entries(page)] == ["failed"])
    item = page.locator(f"#outbox-list li[data-op-id='{refused}']")
    item.locator(".reason").wait_for()
    item.get_by_role("button", name="Fix").click()
    item.locator("select.fix-choice").select_option(str(good_bin["id"]))
    shot(page, "outbox-fix-390x844")
    context.set_offline(True)  # hold the fixed entry on the device to look at it
    item.get_by_role("button", name="Send with this change").click()
    eventually(lambda: [e["status"] for e in outbox_entries(page)] == ["queued"])
    [fixed] = outbox_entries(page)
    assert fixed["opId"] != refused and fixed["replaces"] == refused
    assert f"product:{order['lines'][0]['product_id']}:bin:{good_bin['id']}" in fixed["deps"]
    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    eventually(lambda: outbox_entries(page) == [])
    assert received(remote_api, order) == 3
    moves = ok(remote_api.get(f"/api/v1/stock/moves?product_id={order['lines'][0]['product_id']}"))["items"]
    assert [(m["qty"], m["location_id"]) for m in moves] == [(3, good_bin["id"])]


def test_fix_that_changes_nothing_resends_under_the_same_op_id(signed_in, server, page):
    signed_in("manager")
    page.goto(f"{server}/#/outbox")
    page.wait_for_selector("#outbox-list", state="attached")
    ids = page.evaluate("""() => import('/js/outbox.js').then(async (m) => {
        const entry = await m.enqueue({ url: '/api/v1/approvals/999999999/approve', body: {} });
        const start = Date.now();
        while ((await m.entries())[0]?.status !== 'failed' && Date.now() - start < 10000) {
          await new Promise((r) => setTimeout(r, 50));
        }
        const same = await m.fix(entry.opId, { body: {} });
        const changed = await m.fix(same.opId, { body: { note: 'x' } });
        return [entry.opId, same.opId, changed.opId, changed.replaces];
    })""")
    assert ids[0] == ids[1] and ids[2] != ids[0] and ids[3] == ids[0]
