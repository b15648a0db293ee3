"""The ballot: which reads are enough, and which contradict each other."""

import dataclasses

from scanner.consensus import Ballot
from scanner.reading import Reading

BOX = ((10.0, 10.0), (200.0, 10.0), (200.0, 80.0), (10.0, 80.0))
LEFT_HALF = ((12.0, 12.0), (100.0, 12.0), (100.0, 78.0), (12.0, 78.0))


def make_reading(symbology, text, engine="zxing", polygon=BOX):
    return Reading(symbology, text, text.encode(), polygon, engine=engine)


def test_upca_read_twice_is_accepted():
    ballot = Ballot()
    upca = make_reading("UPC-A", "012546619592")
    ballot.add(upca, "plain")
    ballot.add(upca, "enlarged")
    assert ballot.accepted() == [upca]


def test_half_of_a_upca_read_as_upce_is_no_rival_to_it():
    # zbar takes a UPC-A's left half and centre guard for a whole UPC-E.
    ballot = Ballot()
    upca = make_reading("UPC-A", "012546619592")
    upce = make_reading("UPC-E", "02212166", engine="zbar", polygon=LEFT_HALF)
    for step in ("zbar", "zbar-clahe", "zbar-enlarged"):
        ballot.add(upce, step)
    ballot.add(upca, "plain")
    ballot.add(upca, "enlarged")
    assert ballot.accepted() == [upca]


def test_half_read_is_not_reported_beside_the_full_code():
    ballot = Ballot()
    upce = make_reading("UPC-E", "02212166", polygon=LEFT_HALF)
    ballot.add(make_reading("UPC-A", "012546619592"), "plain")
    ballot.add(upce, "plain")
    ballot.add(dataclasses.replace(upce, engine="zbar"), "zbar")
    assert not ballot.is_accepted(upce.key)


def test_two_full_length_reads_of_one_spot_still_contradict():
    ballot = Ballot()
    upca = make_reading("UPC-A", "012546619592")
    ean13 = make_reading("EAN-13", "4072539619592")
    ballot.add(upca, "plain")
    ballot.add(upca, "enlarged")
    ballot.add(ean13, "clahe")
    assert ballot.accepted() == []
