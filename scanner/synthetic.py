"""Synthetic codes and camera-like frames for tests and the benchmark."""

import cv2
import numpy as np
import zxingcpp

from . import preprocess as pp

_FORMATS = {
    "EAN-13": zxingcpp.BarcodeFormat.EAN13, "EAN-8": zxingcpp.BarcodeFormat.EAN8,
    "UPC-A": zxingcpp.BarcodeFormat.UPCA, "UPC-E": zxingcpp.BarcodeFormat.UPCE,
    "Code128": zxingcpp.BarcodeFormat.Code128, "Code39": zxingcpp.BarcodeFormat.Code39,
    "ITF": zxingcpp.BarcodeFormat.ITF, "QRCode": zxingcpp.BarcodeFormat.QRCode,
    "DataMatrix": zxingcpp.BarcodeFormat.DataMatrix, "PDF417": zxingcpp.BarcodeFormat.PDF417,
}


def render(symbology, text, module_px=3, gs1=False):
    """Draw a clean code with its quiet zone as a grey ndarray (zxing-cpp's writer)."""
    options = {"gs1": True} if gs1 else {}
    barcode = zxingcpp.create_barcode(text, _FORMATS[symbology], **options)
    image = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=module_px))
    if symbology in ("QRCode", "DataMatrix", "PDF417"):
        return cv2.copyMakeBorder(image, 8 * module_px, 8 * module_px, 8 * module_px,
                                  8 * module_px, cv2.BORDER_CONSTANT, value=255)
    return cv2.copyMakeBorder(image, 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=255)


def bars(text, module_px=3.0, height=60, gs1=False):
    """A Code 128 cut to its bars (no quiet zone); fractional module widths are resampled."""
    options = {"gs1": True} if gs1 else {}
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.Code128, **options)
    image = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=1))
    dark = np.flatnonzero((image < 128).any(axis=0))
    image = image[:, dark[0]:dark[-1] + 1]
    return cv2.resize(image, (round(image.shape[1] * module_px), height),
                      interpolation=cv2.INTER_AREA)


def cropped(code, module_px, left, right, margin=10):
    """A linear code with `left`/`right` modules of white beside it; negative: cut into it."""
    cut_left, cut_right = (round(max(0, -n) * module_px) for n in (left, right))
    code = code[:, cut_left:code.shape[1] - cut_right]
    pad_left, pad_right = (round(max(0, n) * module_px) for n in (left, right))
    return cv2.copyMakeBorder(code, margin, margin, pad_left, pad_right, cv2.BORDER_CONSTANT,
                              value=255)


def blur(grey, sigma):
    """Gaussian defocus."""
    return cv2.GaussianBlur(grey, (0, 0), sigma)


def add_noise(grey, sigma, rng):
    """Additive sensor noise."""
    noisy = grey.astype(np.float32) + rng.normal(0, sigma, grey.shape).astype(np.float32)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def low_contrast(grey, low=90, high=160):
    """Squeeze the range: faded print under dim light."""
    return (low + grey.astype(np.float32) * (high - low) / 255).astype(np.uint8)


def jpeg(grey, quality):
    """Round-trip through JPEG compression."""
    ok, buf = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)


def perspective(grey, skew=0.12):
    """Warp as if photographed at an angle: one side narrower than the other."""
    h, w = grey.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[0, h * skew], [w, 0], [w, h], [0, h * (1 - skew)]])
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(grey, m, (w, h), borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def background(size, rng):
    """A textured, unevenly lit background like a shelf or desk."""
    w, h = size
    base = rng.normal(150, 25, (h // 16 + 1, w // 16 + 1)).astype(np.float32)
    smooth = cv2.resize(base, (w, h), interpolation=cv2.INTER_CUBIC)
    ramp = np.linspace(-30, 30, w, dtype=np.float32)[None, :]
    return np.clip(smooth + ramp, 0, 255).astype(np.uint8)


def camera_frame(code, rng, size=(1280, 720), tilt=6.0, sigma=1.0, noise=5.0, quality=80):
    """Place a code in a BGR frame: slight tilt, blur, noise and JPEG, like a phone camera."""
    frame = background(size, rng)
    turned = pp.rotate(cv2.copyMakeBorder(code, 4, 4, 4, 4, cv2.BORDER_REPLICATE),
                       float(rng.uniform(-tilt, tilt)))
    h, w = turned.shape
    y = int(rng.integers(0, max(1, size[1] - h)))
    x = int(rng.integers(0, max(1, size[0] - w)))
    frame[y:y + h, x:x + w] = turned[:size[1] - y, :size[0] - x]
    frame = add_noise(blur(frame, sigma), noise, rng)
    return cv2.cvtColor(jpeg(frame, quality), cv2.COLOR_GRAY2BGR)


def empty_frame(rng, size=(1280, 720), quality=80):
    """A camera-like BGR frame with no code in it."""
    frame = add_noise(blur(background(size, rng), 1.0), 5.0, rng)
    return cv2.cvtColor(jpeg(frame, quality), cv2.COLOR_GRAY2BGR)
