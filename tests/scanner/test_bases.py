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


def test_upright_base_transform_maps_caller_points_onto_the_turned_image():
    lying = preprocess.quarter_turn(on_canvas(make_code("EAN-13"), size=(480, 320)))
    lying[100, 30] = 255 - lying[100, 30]  # one marked pixel at (x=30, y=100)
    base = still_bases(lying).get(upright=True)
    x, y, _ = base.to_image @ np.array([30.0, 100.0, 1.0])
    assert base.image[int(round(y)), int(round(x))] == lying[100, 30]
    assert base.image.shape == lying.shape[::-1]


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
