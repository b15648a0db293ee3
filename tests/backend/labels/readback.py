"""Reading printed labels back: PDF pages rendered to pixels, each label cut out and given to
OUR scanner (scanner.decode), as a phone would see one label."""
import numpy as np
import pypdfium2

import scanner
from backend.labels.sizes import A4, SIZES

DPI = 300


def label_images(pdf, size_name):
    """The grey image of each label printed in the PDF (empty sheet places left out)."""
    size = SIZES[size_name]
    images = []
    for page in pypdfium2.PdfDocument(pdf):
        grey = np.asarray(page.render(scale=DPI / 72).to_pil().convert("L"))
        expected = A4 if size.sheet else (size.width, size.height)
        assert abs(grey.shape[1] - expected[0] / 25.4 * DPI) < 2, "page width"
        for index in range(size.per_page):
            left, top = size.position(index)
            crop = grey[_px(top):_px(top + size.height), _px(left):_px(left + size.width)]
            if crop.min() < 128:  # something is printed there
                images.append(crop)
    return images


def _px(mm):
    return round(mm / 25.4 * DPI)


def read(image):
    """{(symbology, text)} our scanner reads in one label image."""
    return {(r.symbology, r.text) for r in readings(image)}


def readings(image):
    """The scanner's Readings of one label image. It answers with what it finds
    first (one code per aim), so the label's top (text, square symbol) and bottom (linear
    symbol) are aimed at apart too, as a person would."""
    height = image.shape[0]
    found = []
    for part in (image, image[:height * 6 // 10], image[height * 6 // 10:]):
        # No time budget: a busy test machine must not turn into a missed code.
        found += scanner.decode(np.pad(part, 40, constant_values=255), mode="still",
                                budget_ms=600_000)
    return found
