"""The scan channel through the real server: gunicorn's gevent workers, a websocket, a phone."""
import threading

import pytest
import socketio

from tests.backend.factories import make_product
from tests.backend.scan.images import png_of

pytestmark = pytest.mark.slow

EAN = "4006381333931"


def test_a_frame_sent_over_a_websocket_comes_back_read_and_resolved(live_server, api, app):
    product = make_product(api, barcodes=[{"code": EAN}])
    answered, answers = threading.Event(), []
    client = socketio.Client(reconnection=False)

    @client.on("scan.result")
    def on_result(payload):
        answers.append(payload)
        answered.set()

    token = app.extensions["test_tokens"]["picker"]
    client.connect(live_server, transports=["websocket"], auth={"token": token}, wait_timeout=20)
    try:
        client.emit("scan.frame", {"frame_id": 1, "image": png_of("EAN-13", EAN)})
        assert answered.wait(30), "no scan.result within 30 s"
    finally:
        client.disconnect()
    [reading] = answers[0]["readings"]
    assert (answers[0]["frame_id"], reading["text"]) == (1, EAN)
    assert reading["resolution"]["product"]["id"] == product["id"]

