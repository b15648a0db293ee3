"""The outbox: writes are stored on the device first and sent in order, exactly once; a 401
pauses it until the user signs in again; a refusal is kept with the server's reason."""
import time

import pytest

from tests.backend.factories import make_location, make_product, make_warehouse, ok

from .conftest import end_sessions, shot

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


def outbox_entries(page):
    return page.evaluate("() => import('/js/outbox.js').then((m) => m.entries())")


def eventually(condition, seconds=10):
    """Wait for a condition checked from here (wait_for_function does not await promises)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


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


def test_refused_write_waits_at_the_head_with_the_reason_until_discarded(
        signed_in, server, remote_api, context, page):
    signed_in("manager")
    stale, _ = pending_adjustment(remote_api)
    behind, _ = pending_adjustment(remote_api)
    open_inbox(page, server, stale, behind)
    ok(remote_api.as_user("boss").post(f"/api/v1/approvals/{stale['id']}/approve", {}))
    context.set_offline(True)
    approve(page, stale)
    approve(page, behind)
    context.set_offline(False)
    card_state(page, stale, "failed")
    page.goto(f"{server}/#/outbox")
    failed = page.locator("#outbox-list li").first
    failed.locator(".reason").wait_for()
    assert f"Approval {stale['id']} is already approved." in failed.locator(".reason").inner_text()
    assert [e["status"] for e in outbox_entries(page)] == ["failed", "queued"]
    assert status_of(remote_api, behind) == "pending"
    shot(page, "outbox-failed-390x844")
    failed.get_by_role("button", name="Retry").click()
    eventually(lambda: [(e["status"], e["attempts"]) for e in outbox_entries(page)]
               == [("failed", 1), ("queued", 0)])
    page.locator("#outbox-list li").first.get_by_role("button", name="Discard").click()
    page.get_by_role("button", name="Tap again to discard").click()
    page.wait_for_selector("#outbox-list li", state="detached")
    assert status_of(remote_api, behind) == "approved"
    assert outbox_entries(page) == []
