"""The device's IndexedDB across a schema upgrade with two tabs open: a newer app waits for an
older tab that holds the database and says why; an older tab steps aside for a newer one and
asks to be reloaded. The outbox works in both tabs after."""
import pytest

from .conftest import PHONE, ROOT, authenticator, enrol, make_user, shot
from .floor import eventually, outbox_entries
from .test_outbox import approve, card_state, open_inbox, pending_adjustment, status_of

pytestmark = pytest.mark.usefixtures("auth_server")

# The schema as the first app version made it (db.js, `oldVersion < 1`), held open by a tab
# that does not step aside when a newer version asks, with one write it had queued.
HOLD_VERSION_1 = """(entry) => new Promise((resolve, reject) => {
  const request = indexedDB.open('stocktap', 1);
  request.onupgradeneeded = () => {
    const outbox = request.result.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('opId', 'opId', { unique: true });
    request.result.createObjectStore('meta');
  };
  request.onsuccess = () => {
    window.heldDb = request.result;
    const tx = window.heldDb.transaction('outbox', 'readwrite');
    tx.objectStore('outbox').add(entry);
    tx.oncomplete = () => resolve(window.heldDb.version);
    tx.onerror = () => reject(tx.error);
  };
  request.onerror = () => reject(request.error);
})"""

DELETE_DATABASE = """() => new Promise((resolve, reject) => {
  const request = indexedDB.deleteDatabase('stocktap');
  request.onsuccess = () => resolve(true);
  request.onerror = () => reject(request.error);
})"""

DATABASE_VERSION = """() => indexedDB.databases().then(
  (found) => found.find((db) => db.name === 'stocktap')?.version ?? null)"""


def queued_approval(user, approval):
    """An outbox entry as the older app stored it: approving `approval` as `user`."""
    url = f"/api/v1/approvals/{approval['id']}/approve"
    return {"opId": f"old-tab-{approval['id']}", "method": "POST", "url": url, "body": {},
            "label": {"key": "op.generic", "vars": {"url": url}}, "deps": [url], "fix": None,
            "userId": user["id"], "userName": user["display_name"],
            "createdAt": "2026-12-01T08:00:00Z", "status": "queued", "attempts": 0, "error": None}


def test_outbox_waits_for_an_older_tab_holding_the_database_and_works_once_it_closes(
        signed_in, server, remote_api, context, page):
    user = signed_in("manager")
    from_old_tab, _ = pending_adjustment(remote_api)
    from_new_tab, _ = pending_adjustment(remote_api)
    page.goto(server + "/healthz")  # the app lets go of the database
    old = context.new_page()
    old.goto(server + "/healthz")
    old.evaluate(DELETE_DATABASE)
    assert old.evaluate(HOLD_VERSION_1, queued_approval(user, from_old_tab)) == 1

    page.goto(f"{server}/#/approvals")
    page.wait_for_selector(".banner-warn >> text=close that tab")
    shot(page, "database-blocked-by-older-tab")
    assert status_of(remote_api, from_old_tab) == "pending"

    old.close()
    page.wait_for_selector("body[data-ready=true]")
    assert page.evaluate(DATABASE_VERSION) == 2
    eventually(lambda: status_of(remote_api, from_old_tab) == "approved")
    assert page.locator(".banner-warn").count() == 0
    open_inbox(page, server, from_new_tab)
    approve(page, from_new_tab)
    card_state(page, from_new_tab, "done")
    assert status_of(remote_api, from_new_tab) == "approved"
    assert outbox_entries(page) == []


@pytest.fixture
def plain_context(browser):
    """A profile without the service worker, so that a tab can be served a newer db.js (what a
    worker answers bypasses Playwright's routes)."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    yield context
    context.close()


def watched(context):
    """A new tab and the uncaught errors its page throws."""
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    return tab, errors


def serve_newer_app(tab):
    """Serve the tab the next app version: its db.js adds a schema step (version 3)."""
    source = (ROOT / "pwa" / "js" / "db.js").read_text()
    step = "db.createObjectStore('devicecopy', { keyPath: 'name' });\n  }\n"
    newer = source.replace("const VERSION = 2;", "const VERSION = 3;").replace(
        step, step + "  if (oldVersion < 3) db.createObjectStore('next');\n")
    assert newer.count("VERSION = 3") == 1 and "'next'" in newer
    tab.route("**/js/db.js", lambda route: route.fulfill(
        body=newer, content_type="text/javascript", headers={"Cache-Control": "no-store"}))


def test_a_tab_steps_aside_for_a_newer_version_and_both_write_after_reloading(
        auth_server, app, remote_api, plain_context):
    first, _ = pending_adjustment(remote_api)
    second, _ = pending_adjustment(remote_api)
    user = make_user(app, "manager")
    old, old_errors = watched(plain_context)
    authenticator(old)
    enrol(old, auth_server, app, user)
    open_inbox(old, auth_server, first, second)

    new, new_errors = watched(plain_context)
    serve_newer_app(new)
    open_inbox(new, auth_server, first, second)
    assert new.evaluate(DATABASE_VERSION) == 3
    assert new.locator(".banner-warn").count() == 0  # the old tab closed: nothing blocked
    approve(new, first)
    card_state(new, first, "done")

    old.wait_for_selector(".banner-info >> text=newer version")
    shot(old, "database-upgraded-by-another-tab")
    serve_newer_app(old)  # the server has the new version now
    with old.expect_navigation():
        old.click(".banner-info button")
    open_inbox(old, auth_server, second)
    approve(old, second)
    # Either tab may send it (they share the outbox): the server tells, not the old tab's card.
    eventually(lambda: status_of(remote_api, second) == "approved")
    assert status_of(remote_api, first) == "approved"
    eventually(lambda: outbox_entries(old) == [] and outbox_entries(new) == [])
    assert old_errors == [] and new_errors == []
