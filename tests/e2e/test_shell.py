"""The app shell: served with the right headers, controlled by the service worker, installable,
and it starts without a network."""
import requests

from .conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, open_app, shot


def test_shell_files_are_served_with_their_types_and_cache_rules(server):
    index = requests.get(server + "/", timeout=10)
    manifest = requests.get(server + "/manifest.webmanifest", timeout=10)
    worker = requests.get(server + "/sw.js", timeout=10)
    script = requests.get(server + "/js/app.js", timeout=10)
    assert (index.status_code, index.headers["Cache-Control"]) == (200, "no-cache")
    assert '<script type="module" src="/js/app.js">' in index.text
    assert manifest.headers["Content-Type"] == "application/manifest+json"
    assert manifest.json()["display"] == "standalone"
    assert worker.headers["Service-Worker-Allowed"] == "/"
    assert worker.headers["Cache-Control"] == "no-cache"
    assert "__BUILD_VERSION__" not in worker.text and '"/js/outbox.js"' in worker.text
    assert script.headers["Content-Type"].startswith("text/javascript")
    assert "max-age=" in script.headers["Cache-Control"]


def test_unknown_asset_is_a_404_in_the_error_shape(server):
    response = requests.get(server + "/js/nope.js", timeout=10)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_shell_loads_and_the_service_worker_controls_the_page(server, page):
    open_app(page, server)
    caches = page.evaluate("() => caches.keys()")
    assert any(name.startswith("stocktap-shell-") for name in caches)
    assert page.locator("h1").inner_text() == "Sign in"
    shot(page, "signin-390x844")


def test_app_is_installable(server, playwright, tmp_path):
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport=PHONE)
    try:
        page = context.new_page()
        open_app(page, server)
        cdp = context.new_cdp_session(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        manifest = cdp.send("Page.getAppManifest")
    finally:
        context.close()
    assert errors == []
    assert manifest["errors"] == []


def test_shell_starts_offline(server, context, page):
    open_app(page, server)
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("h1").inner_text() == "Sign in"
    assert page.locator("#net").inner_text() == "Offline"
    shot(page, "offline-start-signed-out")


def test_language_switch_shows_simplified_chinese_and_is_remembered(server, page):
    open_app(page, server)
    page.click("#lang")
    # The view is drawn again after the click: read the heading once it has been (a read at
    # once saw the English one on a loaded machine).
    page.wait_for_function("() => document.querySelector('h1')?.innerText !== 'Sign in'")
    assert page.locator("h1").inner_text() == "登录"
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("#signin-passkey").inner_text() == "使用通行密钥登录"
