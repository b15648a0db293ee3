"""An image is sized the way the decoder will read it, and decoding memory has one ceiling for
the whole process (issue 14, finding 1)."""
import struct
import threading
import zlib

import pytest
import requests
import socketio

from tests.backend.scan.images import draw, encode, jpeg_hiding_its_size, png_of
from tests.backend.scan.test_socket import connect

DECODE = "/api/v1/scan/decode"
EAN = "4006381333931"


def png_claiming(width, height):
    """A PNG whose IHDR (the first chunk, which the decoder reads) claims width x height."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


# 8000 x 8000 is 64 megapixels: over the 40-megapixel limit, yet cheap enough (64 MB) that
# today's code, which decodes it, does not take the test machine down.
BOMBS = {"jpeg": (jpeg_hiding_its_size(8000, 8000), "image/jpeg"),
         "png": (png_claiming(8000, 8000), "image/png")}


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(BOMBS))
def test_an_image_too_large_for_its_header_is_refused_over_http(live_server, app, kind):
    body, content_type = BOMBS[kind]
    token = app.extensions["test_tokens"]["picker"]
    response = requests.post(live_server + DECODE, data=body, timeout=60, headers={
        "Content-Type": content_type, "Authorization": f"Bearer {token}"})
    assert response.status_code == 422, response.text[:300]
    error = response.json()["error"]
    assert (error["code"], error["field"]) == ("bad_image", "image")
    assert "8000x8000" in error["message"]


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(BOMBS))
def test_an_image_too_large_for_its_header_is_refused_over_the_socket(live_server, app, kind):
    answered, answers = threading.Event(), []
    client = socketio.Client(reconnection=False)

    @client.on("*")
    def on_any(event, payload):
        answers.append((event, payload))
        answered.set()

    token = app.extensions["test_tokens"]["picker"]
    client.connect(live_server, transports=["websocket"], auth={"token": token}, wait_timeout=20)
    try:
        client.emit("scan.frame", {"frame_id": 1, "image": BOMBS[kind][0]})
        assert answered.wait(60), "no answer within 60 s"
    finally:
        client.disconnect()
    [(event, payload)] = answers
    assert (event, payload["error"]["code"]) == ("scan.error", "bad_image"), payload
    assert "8000x8000" in payload["error"]["message"]


def test_a_decode_over_the_process_budget_is_503_busy_with_retry_after(api):
    from backend.scan.budget import decoding
    image = encode(draw("EAN-13", EAN), "png")
    with decoding.reserve(decoding.total):  # every pixel of the budget is being decoded
        response = api.client.post(DECODE, data=image, content_type="image/png",
                                   headers=api.headers)
    assert response.status_code == 503
    assert response.json["error"]["code"] == "busy"
    assert response.headers["Retry-After"] == "1"
    assert decoding.in_use == 0
    assert api.client.post(DECODE, data=image, content_type="image/png",
                           headers=api.headers).status_code == 200


def test_a_frame_over_the_process_budget_is_answered_busy(app, api):
    from backend.scan.budget import decoding
    channel = connect(app)
    try:
        with decoding.reserve(decoding.total):
            channel.emit("scan.frame", {"frame_id": 1, "image": png_of("EAN-13", EAN)})
            [message] = channel.get_received()
    finally:
        channel.disconnect()
    assert (message["name"], message["args"][0]["error"]["code"]) == ("scan.error", "busy")


def test_an_image_larger_than_the_whole_budget_is_refused_not_retried(api):
    from backend.scan.budget import decoding
    total, decoding.total = decoding.total, 1000  # smaller than the image
    try:
        response = api.client.post(DECODE, data=encode(draw("EAN-13", EAN), "png"),
                                   content_type="image/png", headers=api.headers)
    finally:
        decoding.total = total
    assert response.status_code == 422 and response.json["error"]["code"] == "bad_image"
