"""People through the Users view: a manager creates a user and hands over an enrolment QR
code, the new user's phone enrols with it; a lost phone is revoked and re-enrolled by an
admin; roles without the users permission do not get the view."""
import pytest

from tests.backend.factories import make_warehouse, ok

from .conftest import PHONE, PHONE_UA, SHOTS, authenticator, enrol, make_user, shot
from .test_views import tiles

pytestmark = pytest.mark.usefixtures("auth_server")
WAREHOUSE_TILES = ["receive", "pick", "count", "move", "transfer", "returns", "lookup", "office"]


@pytest.fixture
def phone(browser):
    """A second device: its own phone-sized context and page with a virtual authenticator."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="en-GB", user_agent=PHONE_UA)
    page = context.new_page()
    authenticator(page)
    yield page
    context.close()


def screen(page, name):
    """What the phone's screen shows now (not the whole page): the sticky bar in its place."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def open_users(page, url):
    page.goto(f"{url}/#/users")
    page.wait_for_selector("#user-list li")


def user_card(page, username):
    return page.locator(f"#user-list li[data-username='{username}']")


def add_user(page, username, name, role=None, warehouse=None):
    page.click(".add-user summary")
    page.fill("#new-user-username", username)
    page.fill("#new-user-name", name)
    if role:
        page.select_option("#new-user-role", role)
    if warehouse:
        page.check(f"input[name=warehouse][value='{warehouse['id']}']")
    page.click("#create-user")


def test_manager_creates_a_warehouse_user_and_gets_a_qr_code_and_link(
        signed_in, auth_server, remote_api, context, page, phone):
    warehouse = make_warehouse(remote_api)
    signed_in("manager")
    open_users(page, auth_server)
    shot(page, "users-390x844")
    roles = page.locator("#new-user-role option").evaluate_all("(os) => os.map((o) => o.value)")
    assert roles == ["warehouse", "sales", "readonly"]  # a manager makes no admins or approvers
    add_user(page, "e2e-newpicker", "New Picker", warehouse=warehouse)
    panel = page.locator("#new-user-link .enrolment")
    panel.locator("img.qr").wait_for()
    assert panel.locator("img.qr").evaluate("(img) => img.decode().then(() => img.naturalWidth)") > 0
    link = panel.locator(".enrol-url").input_value()
    assert link.startswith(f"{auth_server}/#/enrol/")
    assert panel.locator(".link-expiry").inner_text().startswith("Works once, until ")
    card = user_card(page, "e2e-newpicker")
    assert card.locator(".user-warehouses").inner_text() == warehouse["code"]
    assert card.locator(".user-role").inner_text() == "Warehouse staff"
    screen(page, "users-qr-390x844")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=auth_server)
    panel.locator(".copy-link").click()
    page.wait_for_selector(".copy-link:text('Copied')")
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    # The new user's phone opens the link (scanned from the QR code) and enrols.
    phone.goto(link)
    phone.click("#create-passkey")
    phone.wait_for_selector(".tiles")
    assert phone.locator("h1").inner_text() == "Hello, New Picker"
    assert tiles(phone) == WAREHOUSE_TILES


def test_lost_phone_admin_revokes_passkeys_and_a_new_link_enrols_again(
        signed_in, auth_server, app, page, phone):
    lost = make_user(app, "warehouse")
    enrol(phone, auth_server, app, lost)
    signed_in("admin")
    open_users(page, auth_server)
    card = user_card(page, lost["username"])
    card.locator(".lost-phone").click()
    card.get_by_role("button", name="Tap again: remove passkeys, new link").click()
    card = user_card(page, lost["username"])
    card.locator(".enrolment img.qr").wait_for()
    assert card.locator(".no-passkey").is_visible()
    link = card.locator(".enrol-url").input_value()
    # The found (or stolen) phone: signed out, and its passkey no longer signs in.
    assert phone.evaluate("() => fetch('/api/v1/auth/me').then((r) => r.status)") == 401
    phone.goto(f"{auth_server}/#/signin")
    phone.click("#signin-passkey")
    phone.wait_for_selector(".status .notice-bad")
    assert phone.evaluate("() => fetch('/api/v1/auth/me').then((r) => r.status)") == 401
    phone.goto(link)
    phone.click("#create-passkey")
    phone.wait_for_selector(".tiles")
    assert phone.locator("h1").inner_text() == f"Hello, {lost['display_name']}"


def test_admin_changes_a_role_and_deactivates_a_user(signed_in, auth_server, app, remote_api, page):
    user = make_user(app, "sales")
    signed_in("admin")
    open_users(page, auth_server)
    screen(page, "users-admin-390x844")
    card = user_card(page, user["username"])
    card.locator(".role-select").select_option("warehouse")
    card.locator(".change-role").click()
    page.wait_for_selector(f"li[data-username='{user['username']}'] .user-role:text('Warehouse staff')")
    card.locator(".deactivate").click()
    card.get_by_role("button", name="Tap again to deactivate").click()
    card.locator(".user-inactive").wait_for()
    assert card.locator(".new-link, .lost-phone").count() == 0  # no links for the inactive
    page.click("#lang")
    user_card(page, user["username"]).locator(".activate").wait_for()
    screen(page, "users-admin-zh-390x844")
    saved = ok(remote_api.get(f"/api/v1/users/{user['id']}"))
    assert (saved["role"], saved["active"]) == ("warehouse", False)


def test_servers_refusal_is_shown_and_nothing_is_added(signed_in, auth_server, app, page):
    taken = make_user(app, "warehouse")
    signed_in("manager")
    open_users(page, auth_server)
    add_user(page, taken["username"], "Someone Else")
    page.wait_for_selector("#new-user .status .notice-bad")
    assert "already has this username" in page.locator("#new-user .status").inner_text()
    page.evaluate("() => window.scrollTo(0, 0)")
    screen(page, "users-add-error-390x844")
    assert user_card(page, taken["username"]).count() == 1
    assert page.locator("#new-user-link .enrolment").count() == 0


def test_warehouse_user_has_no_users_tile_and_the_route_is_forbidden(signed_in, auth_server, page):
    signed_in("warehouse")
    assert "users" not in tiles(page)
    page.goto(f"{auth_server}/#/users")
    page.wait_for_selector("h1:text('Not for your role')")


def test_a_manager_is_offered_no_new_link_for_someone_with_a_passkey(
        signed_in, auth_server, app, page, phone):
    enrolled, waiting = make_user(app, "warehouse"), make_user(app, "warehouse")
    enrol(phone, auth_server, app, enrolled)
    signed_in("manager")
    open_users(page, auth_server)
    assert user_card(page, waiting["username"]).locator(".new-link").count() == 1
    assert user_card(page, enrolled["username"]).locator(".new-link").count() == 0
