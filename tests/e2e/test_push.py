"""Push notifications in Chromium: asked for at the right moment, a failing push service
handled, and the service worker showing a server-made message in the user's language, a tap
opening the alert."""
import json

import pytest

from tests.backend.factories import make_location, make_partner, make_product, make_warehouse, ok

from .conftest import in_app, shot
from .test_outbox import pending_adjustment, status_of

pytestmark = pytest.mark.usefixtures("auth_server")

# Counts the page's calls of Notification.requestPermission (the browser's own prompt).
COUNT_ASKS = """
window.__asked = 0;
const ask = Notification.requestPermission.bind(Notification);
Notification.requestPermission = (...args) => { window.__asked += 1; return ask(...args); };
"""


def low_stock_alert(remote_api):
    """An open alert: a product with a supplier and a reorder point, and no stock."""
    warehouse = make_warehouse(remote_api)
    make_location(remote_api, warehouse)
    supplier = make_partner(remote_api, "suppliers")
    product = make_product(remote_api, preferred_supplier_id=supplier["id"], supplier_pack_qty=5)
    ok(remote_api.put(f"/api/v1/stock/levels/{product['id']}/{warehouse['id']}",
                      {"reorder_point": 8, "max_qty": 20}))
    alert = next(a for a in ok(remote_api.get("/api/v1/alerts"))["items"]
                 if a["product_id"] == product["id"])
    return alert, product


def server_message(app, alert_id):
    """The push payload the server makes for this alert (backend/push/words.py)."""
    def make():
        from backend.alerts.models import StockAlert
        from backend.alerts.watch import Figures
        from backend.push.words import low_stock_message
        from backend.stock.models import StockLevel
        alert = StockAlert.get_by_id(alert_id)
        level = StockLevel.get(product=alert.product_id, warehouse=alert.warehouse_id)
        row = [StockLevel._meta.fields[n].db_value(getattr(level, n)) for n in
               ("on_hand", "reserved", "incoming", "min_qty", "max_qty", "reorder_point")]
        return low_stock_message(alert, Figures([*row, alert.id]))
    return in_app(app, make)


def registration_id(page, server):
    """The service worker registration's id, from CDP."""
    cdp = page.context.new_cdp_session(page)
    found = []
    cdp.on("ServiceWorker.workerRegistrationUpdated",
           lambda event: found.extend(r["registrationId"] for r in event["registrations"]
                                      if r["scopeURL"].startswith(server)))
    cdp.send("ServiceWorker.enable")
    page.wait_for_timeout(300)
    assert found, "no service worker registration reported"
    return cdp, found[0]



def shown_notifications(page, tag=""):
    """The service worker's notifications (of `tag`), once there are any: polled, since
    wait_for_function takes an async function's promise for a truthy answer at once."""
    for _ in range(100):
        notes = page.evaluate("""async (tag) => (await (await navigator.serviceWorker.ready)
            .getNotifications(tag ? {tag} : {})).map((n) => ({title: n.title, body: n.body,
            url: n.data && n.data.url}))""", tag)
        if notes:
            return notes
        page.wait_for_timeout(200)
    return []

def test_permission_is_asked_on_the_tap_a_failing_push_service_is_told_and_a_pushed_alert_opens(
        signed_in, server, page, context, remote_api, app):
    page.add_init_script(COUNT_ASKS)
    signed_in("manager")
    alert, product = low_stock_alert(remote_api)
    assert page.evaluate("() => window.__asked") == 0  # never on load
    page.click("#lang")  # 中文
    page.goto(f"{server}/#/alerts")
    page.wait_for_selector(f"#alert-{alert['id']}")
    assert page.evaluate("() => window.__asked") == 0  # the screen explains first
    assert "通知" in page.inner_text("#push-offer")
    context.grant_permissions(["notifications"], origin=server)
    page.click("#push-enable")
    page.wait_for_selector("#push-failed, #push-on")
    assert page.evaluate("() => window.__asked") == 1
    if page.locator("#push-failed").count():  # no push service reachable from here
        assert "推送服务" in page.inner_text("#push-failed")
    shot(page, "alerts-zh-390x844")

    page.goto(f"{server}/#/")
    deliver(page, server, server_message(app, alert["id"]))
    [shown] = shown_notifications(page)
    assert shown["title"] == f"{product['sku']} 库存不足"
    assert "再订货点 8" in shown["body"]

    [worker] = [w for w in context.service_workers if w.url.startswith(server)]
    worker.evaluate("""async () => {
        const [shown] = await self.registration.getNotifications();
        try {
            self.dispatchEvent(new NotificationEvent('notificationclick', {notification: shown}));
        } catch (untrusted) { /* waitUntil refuses a script's event; the handler has run */ }
    }""")
    page.wait_for_function(f"() => location.hash === '#/alerts/{alert['id']}'")
    page.wait_for_selector(f"#alert-{alert['id']}.card-focused")


def deliver(page, server, message):
    """Hand the service worker a push message through CDP, as a push service would."""
    cdp, registration = registration_id(page, server)
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": server + "/",
                                                  "registrationId": registration,
                                                  "data": json.dumps(message)})


def test_an_approval_is_approved_from_its_notifications_action(
        signed_in, server, page, context, remote_api, app):
    signed_in("manager")
    approval, _product = pending_adjustment(remote_api)  # asked by another user
    context.grant_permissions(["notifications"], origin=server)

    def message():
        from backend.approvals.models import Approval
        from backend.push.words import approval_message
        return approval_message(Approval.get_by_id(approval["id"]))
    deliver(page, server, in_app(app, message))
    assert len(shown_notifications(page, f"approval-{approval['id']}")) == 1
    [worker] = [w for w in context.service_workers if w.url.startswith(server)]
    actions = worker.evaluate("""async () => {
        const [shown] = await self.registration.getNotifications();
        try {
            self.dispatchEvent(new NotificationEvent('notificationclick',
                {notification: shown, action: 'approve'}));
        } catch (untrusted) { /* waitUntil refuses a script's event; the handler has run */ }
        return shown.actions.map((a) => a.action);
    }""")
    assert actions == ["approve", "open"]
    for _ in range(50):
        if status_of(remote_api, approval) == "approved":
            break
        page.wait_for_timeout(100)
    assert status_of(remote_api, approval) == "approved"


def test_a_manager_drafts_a_purchase_order_from_an_alert_in_one_tap(
        signed_in, server, page, remote_api):
    signed_in("manager")
    alert, _product = low_stock_alert(remote_api)
    page.goto(f"{server}/#/alerts")
    card = page.locator(f"#alert-{alert['id']}")
    card.wait_for()
    assert card.locator("[data-figure=suggested] .figure-value").inner_text() == "20"
    card.locator("button.order").click()
    page.wait_for_selector("#alerts-done")
    card.locator("[data-po]").wait_for()  # the card is drawn again once the list is read back
    assert card.locator("[data-po]").count() == 1
    shot(page, "alerts-ordered-390x844")


def test_a_user_turns_low_stock_notifications_off_in_the_settings_screen(
        signed_in, server, page, app):
    user = signed_in("manager")
    page.goto(f"{server}/#/notifications")
    box = page.locator("#push-choices input[name=low_stock]")
    box.wait_for()
    assert box.is_checked() and page.locator("#push-choices input[name=approvals]").is_checked()
    shot(page, "notifications-390x844")
    box.uncheck()
    page.wait_for_function("() => !document.querySelector('#push-choices input[name=low_stock]').checked")

    def chosen():
        from backend.push.models import NotificationChoice
        return NotificationChoice.get(NotificationChoice.user == user["id"]).low_stock
    page.wait_for_timeout(300)
    assert in_app(app, chosen) is False
