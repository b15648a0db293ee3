"""Real passkey ceremonies: Chromium's virtual authenticator against the real server.

A tiny page of our own (not the PWA) calls the API; its credentials are then replayed or
tampered with to show each refusal: replay, cloned counter, origin, rp id, no verification.
"""
import base64
import threading

import pytest
from werkzeug.serving import make_server

from tests.backend.factories import ok

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.slow

PAGE = b"""<!doctype html><meta charset="utf-8"><title>ceremonies</title><script>
async function post(url, body) {
  const r = await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
                              body: JSON.stringify(body)});
  return {status: r.status, body: await r.json().catch(() => null)};
}
window.enrol = async (token) => {
  const o = await post(`/api/v1/auth/enrol/${token}/options`, {});
  const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(o.body.options);
  const cred = await navigator.credentials.create({publicKey});
  return post(`/api/v1/auth/enrol/${token}/verify`,
              {challenge_id: o.body.challenge_id, credential: cred.toJSON(), name: 'Test phone'});
};
window.assertion = async () => {
  const o = await post('/api/v1/auth/login/options', {});
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(o.body.options);
  const cred = await navigator.credentials.get({publicKey});
  return {challenge_id: o.body.challenge_id, credential: cred.toJSON()};
};
window.signIn = async () => post('/api/v1/auth/login/verify', await window.assertion());
window.me = async () => (await fetch('/api/v1/auth/me')).status;
</script>"""
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture
def database_url(tmp_path):
    """The browser talks to a server thread on the test's SQLite file."""
    return f"sqlite:///{tmp_path}/stocktap.db"


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def server(app, api):
    """The test's app on http://localhost:PORT, plus the ceremony page at /ceremonies."""
    def wsgi(environ, start_response):
        if environ["PATH_INFO"] == "/ceremonies":
            start_response("200 OK", [("Content-Type", "text/html")])
            return [PAGE]
        return app.wsgi_app(environ, start_response)
    httpd = make_server("localhost", 0, wsgi, threaded=True)
    url = f"http://localhost:{httpd.server_port}"
    settings = app.extensions["settings"]
    settings.public_url, settings.origins = url, ""
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield url
    httpd.shutdown()


@pytest.fixture
def page(browser, server):
    """A fresh page at the ceremony page with a virtual passkey authenticator."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})
    page.goto(server + "/ceremonies")
    yield page
    context.close()


@pytest.fixture
def enrolled(api, page):
    """A new user "carol" with a passkey registered through the page; returns the page."""
    user = ok(api.post("/api/v1/users", {"username": "carol", "display_name": "Carol",
                                         "role": "warehouse"}))
    url = ok(api.post(f"/api/v1/users/{user['id']}/enrolment"))["url"]
    result = page.evaluate("(t) => window.enrol(t)", url.rsplit("/", 1)[1])
    assert result["status"] == 200, result
    return page


def verify(app, attempt):
    """Send a sign-in attempt to the server from Python (no cookie jar)."""
    return app.test_client().post("/api/v1/auth/login/verify", json=attempt)


def assertion(page):
    """A fresh, unverified sign-in assertion from the authenticator."""
    return page.evaluate("() => window.assertion()")


def test_enrol_then_sign_in_through_the_real_server(enrolled, app):
    assert enrolled.evaluate("() => window.me()") == 200
    enrolled.context.clear_cookies()
    assert enrolled.evaluate("() => window.me()") == 401
    signed = enrolled.evaluate("() => window.signIn()")
    assert signed["status"] == 200 and signed["body"]["user"]["username"] == "carol"
    assert signed["body"]["csrf_token"] and enrolled.evaluate("() => window.me()") == 200


def test_enrolment_stores_the_passkey_and_spends_the_link(enrolled, app, api):
    from backend.auth.models import EnrolmentLink, Passkey
    with app.app_context():
        [passkey] = Passkey.select()
        assert passkey.name == "Test phone" and passkey.transports == "internal"
        assert EnrolmentLink.get().used_at is not None


def test_replayed_assertion_is_refused(enrolled, app):
    attempt = assertion(enrolled)
    assert verify(app, attempt).status_code == 200
    again = verify(app, attempt)
    assert again.status_code == 422 and again.json["error"]["code"] == "challenge"


def test_assertion_for_another_challenge_is_refused(enrolled, app):
    attempt = assertion(enrolled)
    fresh = ok(app.test_client().post("/api/v1/auth/login/options", json={}))
    response = verify(app, dict(attempt, challenge_id=fresh["challenge_id"]))
    assert response.status_code == 401 and "challenge" in response.json["error"]["message"]


def test_failed_verify_still_spends_the_challenge(enrolled, app):
    attempt = assertion(enrolled)
    settings = app.extensions["settings"]
    good_rp, settings.rp_id = settings.rp_id, "example.com"
    assert verify(app, attempt).status_code == 401
    settings.rp_id = good_rp
    assert verify(app, attempt).json["error"]["code"] == "challenge"


def test_cloned_authenticator_with_a_counter_going_back_is_refused(enrolled, app):
    from backend.auth.models import Passkey
    with app.app_context():
        Passkey.update(sign_count=10 ** 6).execute()
    response = verify(app, assertion(enrolled))
    assert response.status_code == 401 and response.json["error"]["code"] == "sign_count"


def test_wrong_origin_is_refused(enrolled, app):
    app.extensions["settings"].origins = "https://stocktap.example"
    response = verify(app, assertion(enrolled))
    assert response.status_code == 401 and "origin" in response.json["error"]["message"]


def test_wrong_rp_id_is_refused(enrolled, app):
    attempt = assertion(enrolled)
    app.extensions["settings"].rp_id = "example.com"
    response = verify(app, attempt)
    assert response.status_code == 401 and "RP ID" in response.json["error"]["message"]


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_assertion_without_user_verification_is_refused(enrolled, app):
    attempt = assertion(enrolled)
    data = bytearray(_unb64(attempt["credential"]["response"]["authenticatorData"]))
    data[32] &= ~0x04  # clear the UV flag
    attempt["credential"]["response"]["authenticatorData"] = _b64(bytes(data))
    response = verify(app, attempt)
    assert response.status_code == 401 and "verification" in response.json["error"]["message"]


def test_registration_from_the_wrong_origin_is_refused(api, page, app):
    user = ok(api.post("/api/v1/users", {"username": "dave", "display_name": "Dave",
                                         "role": "sales"}))
    token = ok(api.post(f"/api/v1/users/{user['id']}/enrolment"))["url"].rsplit("/", 1)[1]
    app.extensions["settings"].origins = "https://stocktap.example"
    result = page.evaluate("(t) => window.enrol(t)", token)
    assert result["status"] == 422 and result["body"]["error"]["code"] == "webauthn"
    assert ok(app.test_client().get(f"/api/v1/auth/enrol/{token}"))["username"] == "dave"


def test_sign_in_is_audited_with_the_user(enrolled, app, api):
    enrolled.evaluate("() => window.signIn()")
    entries = ok(api.get("/api/v1/audit?action=auth.log_in"))["items"]
    assert {e["target_type"] for e in entries} >= {"passkey", "auth_session"}
    assert len({e["user_id"] for e in entries}) == 1 and entries[0]["user_id"] is not None
