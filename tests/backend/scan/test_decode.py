"""POST /api/v1/scan/decode: the codes in an uploaded image, resolved; bad input is a fast 4xx."""
import io
import struct
import time
import zlib

import numpy as np
import pytest

from tests.backend.factories import make_location, make_product, make_warehouse, ok
from tests.backend.scan.images import CONTENT_TYPES, draw, encode, png_of, side_by_side

DECODE = "/api/v1/scan/decode"
EAN = "4006381333931"
GTIN = "09506000134352"


def post_raw(api, body, content_type, query=""):
    return api.client.post(DECODE + query, data=body, content_type=content_type,
                           headers=api.headers)


def post_multipart(api, body, field="image", query=""):
    return api.client.post(DECODE + query, data={field: (io.BytesIO(body), "photo.jpg")},
                           content_type="multipart/form-data", headers=api.headers)


def texts(body):
    return sorted(r["text"] for r in body["readings"])


def assert_error(response, status, code):
    assert response.status_code == status, (response.status_code, response.get_data()[:300])
    assert response.json["error"]["code"] == code
    assert response.json["error"]["message"]


# --- images that read ------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["png", "jpeg", "webp"])
def test_raw_image_body_returns_the_code_resolved(api, kind):
    product = make_product(api, barcodes=[{"code": EAN}])
    body = ok(post_raw(api, encode(draw("EAN-13", EAN), kind), CONTENT_TYPES[kind]))
    [reading] = body["readings"]
    assert (reading["symbology"], reading["text"], reading["gtin"], reading["is_gs1"]) == \
        ("EAN-13", EAN, "0" + EAN, False)
    assert (reading["resolution"]["kind"], reading["resolution"]["product"]["id"]) == \
        ("product", product["id"])


@pytest.mark.parametrize("mode", ["frame", "still"])
def test_multipart_image_field_returns_the_code(api, mode):
    make_product(api, barcodes=[{"code": EAN}])
    body = ok(post_multipart(api, encode(draw("EAN-13", EAN), "jpeg"), query=f"?mode={mode}"))
    assert texts(body) == [EAN]


def test_reading_carries_its_polygon_in_image_coordinates(api):
    image = side_by_side(draw("EAN-13", EAN))  # the code starts 60 px in from the left and top
    [reading] = ok(post_raw(api, encode(image), "image/png"))["readings"]
    xs = [x for x, _ in reading["polygon"]]
    ys = [y for _, y in reading["polygon"]]
    assert len(reading["polygon"]) == 4
    assert 60 <= min(xs) < max(xs) <= image.shape[1] - 60
    assert 60 <= min(ys) < max(ys) <= image.shape[0] - 60


def test_photo_with_two_codes_returns_both_resolved(api):
    product = make_product(api, barcodes=[{"code": EAN}])
    warehouse = make_warehouse(api, code="BJ")
    location = make_location(api, warehouse, code="A-01")
    photo = side_by_side(draw("EAN-13", EAN), draw("QRCode", "BJ-A-01", scale=6))
    body = ok(post_raw(api, encode(photo, "jpeg"), "image/jpeg"))
    found = {r["text"]: r["resolution"] for r in body["readings"]}
    assert set(found) == {EAN, "BJ-A-01"}
    assert (found[EAN]["kind"], found[EAN]["product"]["id"]) == ("product", product["id"])
    assert (found["BJ-A-01"]["kind"], found["BJ-A-01"]["location"]["id"]) == \
        ("location", location["id"])


def test_gs1_datamatrix_reading_resolves_lot_and_expiry(api):
    product = make_product(api, barcodes=[{"code": GTIN}])
    image = draw("DataMatrix", f"(01){GTIN}(17)261231(10)LOT-7", scale=6, gs1=True)
    [reading] = ok(post_raw(api, encode(image), "image/png"))["readings"]
    assert reading["is_gs1"] is True
    resolution = reading["resolution"]
    assert (resolution["product"]["id"], resolution["lot"], resolution["expiry"]) == \
        (product["id"], "LOT-7", "2026-12-31")


def test_unknown_code_in_image_carries_the_resolve_error(api):
    [reading] = ok(post_raw(api, png_of("QRCode", "nobody-knows-me", scale=6),
                            "image/png"))["readings"]
    assert reading["text"] == "nobody-knows-me"
    assert reading["resolution"] == {"error": {
        "code": "unknown_code", "message": "No product has the code nobody-knows-me."}}


def test_image_without_codes_returns_no_readings(api):
    blank = np.full((240, 320), 200, np.uint8)
    assert ok(post_raw(api, encode(blank), "image/png")) == {"readings": []}


def test_decode_takes_no_write_transaction(api, app):
    from backend.idempotency import IdempotencyKey
    ok(api.client.post(DECODE, data=png_of("EAN-13", EAN), content_type="image/png",
                       headers=dict(api.headers, **{"Idempotency-Key": "decode-1"})))
    with app.app_context():
        assert IdempotencyKey.select().count() == 0


# --- bad input -------------------------------------------------------------------------------

def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(width=100_000, height=100_000):
    """A small, well-formed PNG whose header claims a huge image (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1024)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat)
            + _png_chunk(b"IEND", b""))


BAD_IMAGES = {
    "text file": b"name,qty\nwidget,3\n",
    "empty body": b"",
    "truncated PNG": png_of("EAN-13", EAN)[:200],
    "truncated JPEG": encode(draw("EAN-13", EAN), "jpeg")[:300],
    "PNG magic then garbage": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
    "decompression bomb": bomb_png(),
}


@pytest.mark.parametrize("name", BAD_IMAGES)
@pytest.mark.parametrize("send", ["raw", "multipart"])
def test_bad_image_is_422_bad_image_and_fast(api, name, send):
    started = time.perf_counter()
    body = BAD_IMAGES[name]
    response = post_raw(api, body, "image/png") if send == "raw" else post_multipart(api, body)
    assert_error(response, 422, "bad_image")
    assert response.json["error"]["field"] == "image"
    assert time.perf_counter() - started < 1.0


def test_decompression_bomb_is_refused_from_its_header(api):
    response = post_raw(api, bomb_png(), "image/png")
    assert_error(response, 422, "bad_image")
    assert "100000x100000" in response.json["error"]["message"]


def test_body_over_the_image_limit_is_413(api, app):
    limit = app.extensions["settings"].max_image_bytes
    response = post_raw(api, b"\xff\xd8" + b"\0" * limit, "image/jpeg")
    assert_error(response, 413, "request_entity_too_large")


def test_image_limit_is_a_setting(api, app):
    app.extensions["settings"].max_image_bytes = 1000
    image = png_of("EAN-13", EAN)
    assert len(image) > 1000
    assert_error(post_raw(api, image, "image/png"), 413, "request_entity_too_large")
    assert_error(post_multipart(api, image), 413, "request_entity_too_large")


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", "image/gif",
                                          "application/octet-stream", ""])
def test_unsupported_content_type_is_415(api, content_type):
    response = post_raw(api, png_of("EAN-13", EAN), content_type)
    assert_error(response, 415, "unsupported_media_type")
    assert response.json["error"]["field"] == "Content-Type"


def test_multipart_without_the_image_field_is_422(api):
    response = post_multipart(api, png_of("EAN-13", EAN), field="photo")
    assert_error(response, 422, "missing_image")
    assert response.json["error"]["field"] == "image"


def test_unknown_mode_is_422_naming_mode(api):
    response = post_raw(api, png_of("EAN-13", EAN), "image/png", query="?mode=turbo")
    assert response.status_code == 422
    assert response.json["error"]["field"] == "mode"
