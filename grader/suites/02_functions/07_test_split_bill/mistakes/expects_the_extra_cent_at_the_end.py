"""Mistake: expects the left-over cent to go to the last person, so the test fails on correct code."""

import pytest
from split import split_bill


def test_left_over_cent():
    assert split_bill(1000, 3) == [333, 333, 334]


def test_no_people():
    with pytest.raises(ValueError):
        split_bill(100, 0)
