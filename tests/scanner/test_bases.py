"""The images the ladder starts from: turned bars-upright on demand, derived images shared."""

import numpy as np

from scanner import preprocess
from scanner.bases import Base, still_bases

from .factories import make_code, on_canvas


def test_still_base_is_the_image_as_given():
    image = preprocess.quarter_turn(on_canvas(make_code("EAN-13")))
    assert still_bases(image).get(upright=False).image is image


def test_upright_base_stands_lying_bars_up():
    upright = on_canvas(make_code("EAN-13"))
    base = still_bases(preprocess.quarter_turn(upright)).get(upright=True)
    assert abs(preprocess.bar_angle(base.image)) < 10


def test_upright_base_of_upright_bars_is_the_same_base():
    bases = still_bases(on_canvas(make_code("EAN-13")))
    assert bases.get(upright=True) is bases.get(upright=False)


def test_derived_image_is_made_once_per_base():
    base = Base(np.zeros((4, 4), np.uint8), np.eye(3))
    calls = []

    def make():
        calls.append(1)
        return np.ones((8, 8), np.uint8)

    assert base.derived("enlarged", make) is base.derived("enlarged", make)
    assert len(calls) == 1
