"""Passkey ceremonies through the real pages and server: enrol from a link, sign in, add a
second passkey, rename and revoke, sign out (everywhere)."""
import requests

from .conftest import authenticator, enrol, enrolment_token, make_user, shot


def passkey_names(page):
    page.wait_for_selector("#passkey-list li")
    return page.locator("#passkey-list .passkey-name").all_inner_texts()


def test_enrolment_link_names_the_user_and_creates_a_passkey(auth_server, app, page):
    user = make_user(app, "warehouse")
    authenticator(page)
    page.goto(f"{auth_server}/#/enrol/{enrolment_token(app, user)}")
    page.wait_for_selector("#create-passkey")
    assert page.locator(".lead").inner_text() == f"Welcome, {user['display_name']}!"
    assert page.input_value("#passkey-name") == "Android phone (Chrome)"
    shot(page, "enrol-390x844")
    page.fill("#passkey-name", "Blue scanner phone")
    page.click("#create-passkey")
    page.wait_for_selector(".tiles")
    assert page.locator("h1").inner_text() == f"Hello, {user['display_name']}"
    page.goto(f"{auth_server}/#/passkeys")
    assert passkey_names(page) == ["Blue scanner phone"]


def test_used_enrolment_link_is_refused_with_the_servers_reason(auth_server, app, page):
    user = make_user(app, "warehouse")
    token = enrolment_token(app, user)
    authenticator(page)
    page.goto(f"{auth_server}/#/enrol/{token}")
    page.click("#create-passkey")
    page.wait_for_selector(".tiles")
    page.goto(f"{auth_server}/#/enrol/{token}")
    page.wait_for_selector(".notice-bad")
    assert "not valid" in page.locator(".notice-bad").inner_text()
    assert page.locator("#create-passkey").count() == 0


def test_signed_out_user_signs_in_again_with_the_passkey(signed_in, auth_server, page):
    user = signed_in("warehouse")
    page.goto(f"{auth_server}/#/passkeys")
    page.click("#sign-out")
    page.wait_for_selector("#signin-passkey")
    assert page.evaluate("() => fetch('/api/v1/auth/me').then((r) => r.status)") == 401
    page.click("#signin-passkey")
    page.wait_for_selector(".tiles")
    assert page.locator("h1").inner_text() == f"Hello, {user['display_name']}"


def switch_authenticator(user, credentials=()):
    """Another device: the old virtual authenticator goes (Chrome allows one), a new one
    holding `credentials` comes."""
    cdp = user["cdp"]
    cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": user["authenticator"]})
    user["authenticator"] = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})["authenticatorId"]
    for credential in credentials:
        cdp.send("WebAuthn.addCredential", {"authenticatorId": user["authenticator"],
                                            "credential": credential})


def add_laptop_passkey_and_revoke_the_phones(page, url, user):
    """Enrolled on the phone; add a passkey from the laptop, rename and revoke the phone's."""
    phone = user["cdp"].send("WebAuthn.getCredentials",
                             {"authenticatorId": user["authenticator"]})["credentials"]
    page.goto(f"{url}/#/passkeys")
    assert len(passkey_names(page)) == 1
    switch_authenticator(user)
    page.fill("#new-passkey-name", "Laptop")
    page.click("#add-passkey")
    page.wait_for_function("() => document.querySelectorAll('#passkey-list li').length === 2")
    first = page.locator("#passkey-list li").first
    first.get_by_role("button", name="Rename").click()
    first.locator("input").fill("Old phone")
    first.get_by_role("button", name="Save").click()
    page.wait_for_function("() => document.querySelector('#passkey-list .passkey-name')"
                           ".textContent === 'Old phone'")
    shot(page, "passkeys-390x844")
    page.locator("#passkey-list li").first.get_by_role("button", name="Revoke").click()
    page.get_by_role("button", name="Tap again to revoke").click()
    page.wait_for_function("() => document.querySelectorAll('#passkey-list li').length === 1")
    return phone


def test_a_second_passkey_is_added_and_the_first_renamed_and_revoked(signed_in, auth_server, page):
    user = signed_in("manager")
    add_laptop_passkey_and_revoke_the_phones(page, auth_server, user)
    assert passkey_names(page) == ["Laptop"]


def test_revoked_passkey_no_longer_signs_in(signed_in, auth_server, page):
    user = signed_in("warehouse")
    phone = add_laptop_passkey_and_revoke_the_phones(page, auth_server, user)
    page.click("#sign-out")
    page.wait_for_selector("#signin-passkey")
    switch_authenticator(user, phone)  # the phone, holding only its revoked passkey
    page.click("#signin-passkey")
    page.wait_for_selector(".status .notice-bad")
    assert page.locator("h1").inner_text() == "Sign in"
    said = page.locator(".status .notice-bad").inner_text()
    assert "not registered here" in said and "new enrolment link" in said  # not "session ended"
    assert page.evaluate("() => fetch('/api/v1/auth/me').then((r) => r.status)") == 401


def test_last_passkey_is_not_revoked_and_the_server_says_why(signed_in, auth_server, page):
    signed_in("warehouse")
    page.goto(f"{auth_server}/#/passkeys")
    passkey_names(page)
    page.get_by_role("button", name="Revoke").click()
    page.get_by_role("button", name="Tap again to revoke").click()
    page.wait_for_selector(".status .notice-bad")
    assert "last passkey" in page.locator(".status .notice-bad").inner_text()
    assert len(passkey_names(page)) == 1


def test_sign_out_everywhere_ends_the_other_devices_sessions(signed_in, auth_server, app, page, browser):
    user = signed_in("manager")
    other = browser.new_context()
    try:
        other_page = other.new_page()
        authenticator(other_page)
        other_page.goto(auth_server)
        # The same person on a second device, enrolled with a fresh link.
        enrol(other_page, auth_server, app, user)
        page.goto(f"{auth_server}/#/passkeys")
        page.click("#sign-out-everywhere")
        page.wait_for_selector("#signin-passkey")
        status = other_page.evaluate("() => fetch('/api/v1/auth/me').then((r) => r.status)")
    finally:
        other.close()
    assert status == 401
    assert requests.get(auth_server + "/api/v1/auth/me", timeout=10).status_code == 401


def test_account_lists_the_enrolment_links_made_for_it_and_by_whom(signed_in, auth_server,
                                                                    remote_api, page):
    user = signed_in("warehouse")
    remote_api.post(f"/api/v1/users/{user['id']}/enrolment")  # an admin's re-enrolment
    page.goto(f"{auth_server}/#/passkeys")
    page.wait_for_selector("#enrolment-links li")
    links = page.locator("#enrolment-links li strong").all_inner_texts()
    assert len(links) == 2 and links[0].startswith("Made by e2e-admin")
    assert "Not used" in page.locator("#enrolment-links li").first.inner_text()
    shot(page, "account-enrolment-links-390x844")
