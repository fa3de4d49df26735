"""Mistake: tests every split carefully but never what the function refuses."""

from split import split_bill


def test_left_over_cents_go_first():
    assert split_bill(1001, 3) == [334, 334, 333]


def test_even():
    assert split_bill(900, 3) == [300, 300, 300]


def test_fewer_cents_than_people():
    assert split_bill(2, 5) == [1, 1, 0, 0, 0]
