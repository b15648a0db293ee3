"""Web Push end to end without the internet: subscriptions, the queue, delivery, decryption."""
import base64
import os

import pytest

from tests.backend.alerts.conftest import move, set_thresholds
from tests.backend.factories import limited_client, make_warehouse, ok
from tests.backend.push.receiver import Browser, Receiver
from tests.conftest import ApiClient

SUBSCRIPTIONS = "/api/v1/push/subscriptions"


@pytest.fixture
def receiver(app, tmp_path):
    """A local push service the app may post to over http (PUSH_ALLOWED_HOSTS)."""
    with Receiver() as running:
        settings = app.extensions["settings"]
        settings.data_dir = str(tmp_path / "data")
        settings.push_allowed_hosts = running.host
        yield running


def drain(app):
    from backend.push.sender import drain as send_due
    with app.app_context():
        return send_due(app.extensions["settings"])


def device(api, user, name):
    return ApiClient(api.client, user, device=name)


def subscribe(client, receiver, path):
    browser = Browser()
    ok(client.post(SUBSCRIPTIONS, {"endpoint": receiver.url(path), "keys": browser.keys()}), 201)
    return browser


def test_stock_going_low_is_pushed_once_to_each_subscribed_device_of_who_should_know(
        app, api, site, receiver):
    boss_phone, boss_tablet = device(api, "boss", "phone"), device(api, "boss", "tablet")
    ok(boss_phone.put("/api/v1/push/choices", {"approvals": False}))
    browsers = {"/boss-phone": subscribe(boss_phone, receiver, "/boss-phone"),
                "/boss-tablet": subscribe(boss_tablet, receiver, "/boss-tablet")}
    subscribe(device(api, "picker", "scanner"), receiver, "/picker")  # not on by default
    elsewhere = limited_client(api, app, [make_warehouse(api)], role="manager")
    subscribe(elsewhere, receiver, "/elsewhere")
    move(api, site, 12)
    set_thresholds(api, site, reorder_point=10)
    for qty in (-3, -1, 1, -2):  # 9, 8, 9, 7: one crossing
        move(api, site, qty)
    assert drain(app) == 2
    assert sorted(path for path, _, _ in receiver.received) == ["/boss-phone", "/boss-tablet"]
    for path, headers, body in receiver.received:
        message = browsers[path].read(body)
        assert (message["type"], message["sku"], message["position"]) == \
            ("stock.low", site.product["sku"], 9)
        assert message["url"] == f"/#/alerts/{message['alert_id']}"
        assert headers["content-encoding"] == "aes128gcm"
        assert headers["authorization"].startswith("vapid t=")
    assert drain(app) == 0  # delivered once


def test_an_approval_request_is_pushed_to_who_may_decide_not_to_who_asked(
        app, api, site, receiver):
    boss = subscribe(device(api, "boss", "phone"), receiver, "/boss")
    subscribe(device(api, "admin", "phone"), receiver, "/admin")
    ok(api.post("/api/v1/stock/adjustments", {
        "warehouse_id": site.warehouse["id"], "reason": "found",
        "lines": [{"product_id": site.product["id"], "location_id": site.bin["id"], "qty": 1}]}))
    drain(app)
    [(path, _, body)] = receiver.received
    assert path == "/boss"
    message = boss.read(body)
    assert (message["type"], message["kind"]) == ("approval", "stock_adjustment")


def test_a_subscription_the_push_service_says_is_gone_is_removed(app, api, site, receiver):
    from backend.push.models import PushMessage, PushSubscription
    subscribe(device(api, "boss", "phone"), receiver, "/gone")
    receiver.status = 410
    set_thresholds(api, site, reorder_point=10)
    assert drain(app) == 0
    assert len(receiver.received) == 1
    with app.app_context():
        assert PushSubscription.select().count() == 0
        assert PushMessage.select().count() == 0


def test_a_failed_delivery_waits_and_is_tried_again(app, api, site, receiver):
    from backend.push.models import PushMessage
    subscribe(device(api, "boss", "phone"), receiver, "/busy")
    ok(device(api, "boss", "phone").put("/api/v1/push/choices", {"approvals": False}))
    receiver.status = 503
    set_thresholds(api, site, reorder_point=10)
    assert drain(app) == 0
    with app.app_context():
        [waiting] = PushMessage.select()
        assert waiting.attempts == 1
        PushMessage.update(next_try_at=waiting.created_at).execute()  # the pause is over
    receiver.status = 201
    assert drain(app) == 1
    assert len(receiver.received) == 2


@pytest.mark.parametrize("endpoint, code", [
    ("http://push.example.com/send/1", "insecure_endpoint"),
    ("ftp://push.example.com/send/1", "insecure_endpoint"),
    ("https://127.0.0.1/send/1", "private_endpoint"),
    ("https://10.1.2.3/send/1", "private_endpoint"),
    ("https://169.254.169.254/latest", "private_endpoint"),
    ("https://[::1]/send", "private_endpoint"),
    ("https://localhost/send", "private_endpoint"),
])
def test_an_endpoint_the_server_must_not_post_to_is_refused(api, endpoint, code):
    refused = api.post(SUBSCRIPTIONS, {"endpoint": endpoint, "keys": Browser().keys()})
    assert refused.status_code == 422
    assert (refused.get_json()["error"]["code"], refused.get_json()["error"]["field"]) == \
        (code, "endpoint")


def test_the_sender_posts_to_no_internal_address_whatever_the_name_resolved_to_when_checked(
        receiver):
    """A name can resolve to a public address when checked and to ours a moment later (DNS
    rebinding): the socket the sender posts on is checked once it is connected."""
    import requests

    from backend.push.sender import _session
    port = receiver.host.rsplit(":", 1)[1]
    with pytest.raises(requests.ConnectionError, match="internal address"):
        _session().post(f"http://localhost:{port}/rebound", data=b"x", timeout=10)
    assert receiver.received == []


@pytest.mark.parametrize("key, value", [
    ("p256dh", base64.urlsafe_b64encode(b"\x04" + os.urandom(64)).decode()),  # not on the curve
    ("p256dh", "not base64!"),
    ("auth", base64.urlsafe_b64encode(os.urandom(8)).decode()),
])
def test_keys_that_cannot_encrypt_are_refused_naming_the_key(api, receiver, key, value):
    keys = dict(Browser().keys(), **{key: value})
    refused = api.post(SUBSCRIPTIONS, {"endpoint": receiver.url("/x"), "keys": keys})
    assert refused.status_code == 422
    assert (refused.get_json()["error"]["code"], refused.get_json()["error"]["field"]) == \
        ("bad_push_key", f"keys.{key}")


def test_a_user_removes_their_own_subscription_and_no_one_elses(api, receiver):
    mine = ok(api.as_user("boss").post(SUBSCRIPTIONS, {"endpoint": receiver.url("/b"),
                                                       "keys": Browser().keys()}), 201)
    assert api.as_user("picker").delete(f"{SUBSCRIPTIONS}/{mine['id']}").status_code == 404
    assert api.as_user("boss").delete(f"{SUBSCRIPTIONS}/{mine['id']}").status_code == 204
    assert api.as_user("boss").delete(f"{SUBSCRIPTIONS}/{mine['id']}").status_code == 404


def test_the_public_key_is_made_once_under_the_data_directory(app, api, receiver):
    first = ok(api.get("/api/v1/push/key"))["public_key"]
    raw = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4))
    assert len(raw) == 65 and raw[0] == 4
    assert os.path.exists(os.path.join(app.extensions["settings"].data_dir, "vapid_private.pem"))
    assert ok(api.get("/api/v1/push/key"))["public_key"] == first


def test_choices_follow_the_role_and_the_users_own_wish(api):
    boss, picker = api.as_user("boss"), api.as_user("picker")
    assert ok(boss.get("/api/v1/push/choices"))["low_stock"] == {"on": True, "available": True}
    assert ok(picker.get("/api/v1/push/choices"))["approvals"] == {"on": False,
                                                                   "available": False}
    assert ok(picker.put("/api/v1/push/choices", {"low_stock": True}))["low_stock"]["on"]
    assert not ok(boss.put("/api/v1/push/choices", {"low_stock": False}))["low_stock"]["on"]
