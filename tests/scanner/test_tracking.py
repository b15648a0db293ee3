"""SeenCodes reports a code once until it has left the view for N frames."""

import pytest

from scanner import Reading, SeenCodes


def make_reading(text="4006381333931", symbology="EAN-13"):
    return Reading(symbology, text, text.encode(), ((0, 0), (1, 0), (1, 1), (0, 1)))


def feed(seen, frames):
    """Feed frames (lists of texts) and return the texts reported for each frame."""
    return [[r.text for r in seen.update([make_reading(t) for t in frame])] for frame in frames]


def test_code_in_consecutive_frames_is_reported_once():
    assert feed(SeenCodes(forget_after=3), [["A1"], ["A1"], ["A1"]]) == [["A1"], [], []]


def test_code_is_reported_again_after_leaving_view_for_n_frames():
    frames = [["A1"], [], [], [], ["A1"]]
    assert feed(SeenCodes(forget_after=3), frames)[-1] == ["A1"]


def test_short_gap_does_not_repeat_the_code():
    frames = [["A1"], [], [], ["A1"]]
    assert feed(SeenCodes(forget_after=3), frames)[-1] == []


def test_two_codes_are_tracked_independently():
    assert feed(SeenCodes(forget_after=3), [["A1"], ["A1", "B2"]]) == [["A1"], ["B2"]]


def test_same_code_twice_in_one_frame_is_reported_once():
    assert feed(SeenCodes(), [["A1", "A1"]]) == [["A1"]]


def test_same_text_in_another_symbology_is_a_different_code():
    seen = SeenCodes()
    seen.update([make_reading("12345670", "EAN-8")])
    assert seen.update([make_reading("12345670", "Code128")])


def test_reset_forgets_everything():
    seen = SeenCodes()
    seen.update([make_reading()])
    seen.reset()
    assert seen.update([make_reading()])


@pytest.mark.parametrize("n", [0, -1])
def test_forget_after_must_be_positive(n):
    with pytest.raises(ValueError):
        SeenCodes(forget_after=n)
