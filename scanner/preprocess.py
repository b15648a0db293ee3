"""Image preparation steps: pure ndarray -> ndarray functions (plus the geometry they need)."""

import cv2
import numpy as np

_CLAHE = cv2.createCLAHE(clipLimit=2.5, tileGridSize=(8, 8))


def to_grey(image):
    """Return a single-channel uint8 view of a grey, BGR or BGRA image."""
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def scale(grey, factor):
    """Resize by a factor: area averaging when shrinking, cubic when enlarging."""
    interp = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(grey, None, fx=factor, fy=factor, interpolation=interp)


def equalise(grey):
    """Local contrast (CLAHE): lifts dark and glare-washed codes."""
    return _CLAHE.apply(grey)


def stretch(grey):
    """Stretch the 1st..99th percentile to full range: low-contrast prints."""
    lo, hi = np.percentile(grey, (1, 99))
    if hi - lo < 8:
        return grey
    return cv2.convertScaleAbs(grey, alpha=255.0 / (hi - lo), beta=-lo * 255.0 / (hi - lo))


def stretch_locally(grey, size=31):
    """Stretch each neighbourhood between its own darkest and lightest pixel: shadows and glare."""
    kernel = np.ones((size, size), np.uint8)
    darkest = cv2.erode(grey, kernel)
    span = np.maximum(cv2.subtract(cv2.dilate(grey, kernel), darkest), 8)
    return cv2.divide(cv2.subtract(grey, darkest), span, scale=255)


def flatten_glare(grey, across=31, along=9):
    """Contrast against the local mean and spread, after averaging along upright bars.

    Faint bars on foil or under glare come out as strong as clear ones; averaging along the
    bars keeps the noise this lifts from breaking them up. (OpenCV's arithmetic: numpy's
    takes several times as long on a whole image.)
    """
    values = cv2.blur(grey.astype(np.float32), (1, along))
    window = (across, along)
    deviation = cv2.subtract(values, cv2.blur(values, window))
    spread = cv2.add(cv2.sqrt(cv2.max(cv2.blur(cv2.multiply(deviation, deviation), window), 0.0)),
                     2.0)
    # 127.5 because convertScaleAbs rounds: this truncates 128 + 50 z as a plain cast would.
    contrast = cv2.addWeighted(cv2.divide(deviation, spread), 50.0, deviation, 0.0, 127.5)
    return cv2.convertScaleAbs(cv2.max(contrast, 0.0))


def sharpen(grey, amount=1.5, sigma=2.0):
    """Unsharp mask: steepens the bar edges of slightly blurred codes."""
    blurred = cv2.GaussianBlur(grey, (0, 0), sigma)
    return cv2.addWeighted(grey, 1 + amount, blurred, -amount, 0)


def sharpen_hard(grey):
    """A wide, strong unsharp mask: bars merged by blur in tiny or out-of-focus codes."""
    return sharpen(grey, amount=3.0, sigma=3.0)


def denoise(grey):
    """Median filter: removes sensor noise and JPEG speckle before binarising."""
    return cv2.medianBlur(grey, 3)


def otsu(grey):
    """Global Otsu threshold after a light blur."""
    smooth = cv2.GaussianBlur(grey, (3, 3), 0)
    return cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]


def adaptive(grey):
    """Local mean threshold: uneven lighting and glossy reflections."""
    block = max(15, (min(grey.shape[:2]) // 8) | 1)
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY,
                                 block, 5)


def rotation_matrix(shape, degrees):
    """The 2x3 affine matrix that rotates an image about its centre into an enlarged canvas."""
    h, w = shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return m, (nw, nh)


def rotate(grey, degrees):
    """Rotate about the centre without cropping corners (border replicated)."""
    m, size = rotation_matrix(grey.shape, degrees)
    return cv2.warpAffine(grey, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def bar_angle(grey):
    """The image's dominant gradient direction in degrees, -90..90 (0 when bars stand upright).

    From the structure tensor of a small copy: a barcode's many parallel edges outweigh the
    scene around it, and the sum costs about a millisecond. Local contrast first, or a few
    strong edges (a label's border) outweigh faint bars on foil or under glare.
    """
    small = grey if max(grey.shape[:2]) <= 320 else scale(grey, 320 / max(grey.shape[:2]))
    small = equalise(small)
    gx = cv2.Sobel(small, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(small, cv2.CV_32F, 0, 1, ksize=3)
    jxx, jyy, jxy = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    return 0.5 * float(np.degrees(np.arctan2(2 * jxy, jxx - jyy)))


def quarter_turn(grey):
    """Rotate 90 degrees clockwise (a lossless transpose, no resampling)."""
    return cv2.rotate(grey, cv2.ROTATE_90_CLOCKWISE)


def invert(grey):
    """Swap light and dark: light-on-dark codes (zxing-cpp's try_invert skips linear codes)."""
    return cv2.bitwise_not(grey)
