"""Fixtures for scanner tests."""

import numpy as np
import pytest


@pytest.fixture
def rng():
    """A seeded random generator, so distortions are reproducible."""
    return np.random.default_rng(1234)
