"""A sample of the real dev photos: whatever is decoded must be the expected text."""

import csv
from pathlib import Path

import cv2
import pytest

from scanner import decode

from .factories import UNLIMITED

SAMPLES = Path("/work/shared/barcode-samples")


def sample_rows(every=5):
    """Every n-th manifest row (the full set is the benchmark's job)."""
    manifest = SAMPLES / "manifest.csv"
    if not manifest.exists():
        return []
    with open(manifest, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))[::every]


@pytest.mark.skipif(not SAMPLES.exists(), reason="dev photo set not present")
@pytest.mark.parametrize("row", sample_rows(), ids=lambda row: row["path"])
def test_real_photo_never_yields_a_wrong_text(row):
    grey = cv2.imread(str(SAMPLES / row["path"]), cv2.IMREAD_GRAYSCALE)
    texts = [r.text for r in decode(grey, mode="still", budget_ms=UNLIMITED)]
    assert texts == [] or row["expected_text"] in texts
