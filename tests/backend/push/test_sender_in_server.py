"""The background sender of a real server (gunicorn, four workers): a change that raises an
alert reaches the subscribed browser once, soon after the request, with nobody draining."""
import time
import uuid

import pytest
import requests

from tests.backend.factories import make_location, make_partner, make_product, make_warehouse, ok
from tests.backend.push.receiver import Browser, Receiver
from tests.conftest import auth_headers, serve

pytestmark = pytest.mark.slow


def test_a_raised_alert_is_pushed_by_the_servers_own_sender(app, api, database_url, tmp_path):
    warehouse = make_warehouse(api)
    make_location(api, warehouse)
    product = make_product(api, preferred_supplier_id=make_partner(api, "suppliers")["id"])
    browser = Browser()
    with Receiver() as receiver, serve(database_url, PUSH_ALLOWED_HOSTS=receiver.host,
                                       DATA_DIR=str(tmp_path)) as url:
        def send(method, path, user, body):
            headers = dict(auth_headers(app, user), **{"Idempotency-Key": uuid.uuid4().hex})
            return requests.request(method, url + path, json=body, headers=headers, timeout=30)
        ok_status = send("POST", "/api/v1/push/subscriptions", "boss",
                         {"endpoint": receiver.url("/boss"), "keys": browser.keys()}).status_code
        assert ok_status == 201
        assert send("PUT", f"/api/v1/stock/levels/{product['id']}/{warehouse['id']}", "admin",
                    {"reorder_point": 5}).status_code == 200
        deadline = time.monotonic() + 20
        while not receiver.received and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # a second delivery, if there were one, would come now
    [(path, _headers, body)] = receiver.received
    message = browser.read(body)
    assert (path, message["type"], message["product_id"]) == ("/boss", "stock.low", product["id"])
    assert ok(api.get("/api/v1/alerts"))["items"][0]["product_id"] == product["id"]
