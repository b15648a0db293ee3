"""Codes drawn with zxing-cpp's writer, distorted like phone photos, decode to their text."""

import cv2
import pytest

from scanner import decode, preprocess, synthetic

from .factories import SAMPLE_TEXTS, UNLIMITED, make_code, on_canvas

DISTORTIONS = {
    "clean": lambda img, rng: img,
    "blur": lambda img, rng: synthetic.blur(img, 1.2),
    "noise": lambda img, rng: synthetic.add_noise(img, 12, rng),
    "rotation": lambda img, rng: preprocess.rotate(img, 8),
    "perspective": lambda img, rng: synthetic.perspective(img, 0.1),
    "low_contrast": lambda img, rng: synthetic.low_contrast(img),
    "jpeg": lambda img, rng: synthetic.jpeg(img, 35),
}


@pytest.mark.parametrize("distortion", DISTORTIONS)
@pytest.mark.parametrize("symbology", SAMPLE_TEXTS)
def test_distorted_code_decodes_to_its_text(symbology, distortion, rng):
    image = DISTORTIONS[distortion](on_canvas(make_code(symbology)), rng)
    readings = decode(image, mode="still", budget_ms=UNLIMITED)
    assert [(r.symbology, r.text) for r in readings] == [(symbology, SAMPLE_TEXTS[symbology])]


@pytest.mark.parametrize("symbology", ["EAN-13", "QRCode", "Code128"])
def test_bgr_array_decodes_like_grey(symbology):
    grey = on_canvas(make_code(symbology))
    bgr = cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)
    assert [r.text for r in decode(bgr)] == [SAMPLE_TEXTS[symbology]]


@pytest.mark.parametrize("extension", [".png", ".jpg", ".webp"])
def test_encoded_bytes_decode_like_arrays(extension):
    ok, buf = cv2.imencode(extension, on_canvas(make_code("EAN-13")))
    assert ok
    assert [r.text for r in decode(buf.tobytes(), mode="still", budget_ms=UNLIMITED)] == [SAMPLE_TEXTS["EAN-13"]]


def test_blank_image_returns_empty_list():
    assert decode(on_canvas(make_code("EAN-13"))[300:, :], mode="still", budget_ms=UNLIMITED) == []


def test_polygon_is_in_original_coordinates_after_frame_downscale(rng):
    code = make_code("QRCode", module_px=6)
    frame = on_canvas(code, size=(1280, 720), at=(900, 400))
    (reading,) = decode(frame, mode="frame")
    xs = [x for x, _ in reading.polygon]
    ys = [y for _, y in reading.polygon]
    assert 900 <= min(xs) and max(xs) <= 900 + code.shape[1]
    assert 400 <= min(ys) and max(ys) <= 400 + code.shape[0]


def test_camera_frame_decodes_in_frame_mode(rng):
    frame = synthetic.camera_frame(make_code("EAN-13"), rng)
    assert [r.text for r in decode(frame, mode="frame")] == [SAMPLE_TEXTS["EAN-13"]]


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError):
        decode(on_canvas(make_code("EAN-13")), mode="burst")
