"""Image preparation steps: what each filter does to bars, on drawn bars and one dev photo."""

from pathlib import Path

import cv2
import numpy as np
import pytest

from scanner import preprocess

FOIL_PHOTO = Path("/work/shared/barcode-samples/upca-3/04.png")


def bars(contrast, width=240, height=120, period=8):
    """Upright bars of a given contrast around mid-grey."""
    row = np.where(np.arange(width) % period < period // 2, 128 - contrast // 2,
                   128 + contrast // 2)
    return np.tile(row.astype(np.uint8), (height, 1))


@pytest.mark.skipif(not FOIL_PHOTO.exists(), reason="dev photo set not present")
def test_bar_angle_finds_faint_foil_bars_between_strong_label_edges():
    # A can's label: glare-washed bars, and a dark print edge whose few strong edges lie flat.
    assert abs(preprocess.bar_angle(cv2.imread(str(FOIL_PHOTO), cv2.IMREAD_GRAYSCALE))) < 15


def test_flatten_glare_lifts_faint_bars_near_the_contrast_of_clear_ones():
    image = np.hstack([bars(contrast=12), bars(contrast=120)])  # a tenth of the contrast
    flat = preprocess.flatten_glare(image)
    assert flat[:, 40:200].std() > 0.7 * flat[:, 280:440].std()


def test_flatten_glare_ignores_a_smooth_glare_gradient():
    glare = np.tile(np.linspace(0, 90, 480, dtype=np.float32), (120, 1))
    image = np.clip(np.hstack([bars(40), bars(40)]) + glare, 0, 255).astype(np.uint8)
    flat = preprocess.flatten_glare(image)
    assert abs(float(flat[:, 40:200].mean()) - float(flat[:, 280:440].mean())) < 10


def test_stretch_locally_lifts_shadowed_bars_to_full_range():
    image = np.hstack([bars(40) // 3, bars(40)])  # the left half in shadow
    stretched = preprocess.stretch_locally(image)
    shadowed = stretched[:, 40:200]
    assert shadowed.min() < 20 and shadowed.max() > 235
