"""Mistake: tests only splits that come out even, so nothing checks the left-over cents."""

import pytest
from split import split_bill


def test_even_split():
    assert split_bill(900, 3) == [300, 300, 300]


def test_two_people():
    assert split_bill(1000, 2) == [500, 500]


def test_one_person():
    assert split_bill(50, 1) == [50]


def test_no_people():
    with pytest.raises(ValueError, match="at least 1"):
        split_bill(100, 0)


def test_negative_total():
    with pytest.raises(ValueError, match="negative"):
        split_bill(-1, 2)


def test_not_an_int():
    with pytest.raises(TypeError):
        split_bill(10, True)
