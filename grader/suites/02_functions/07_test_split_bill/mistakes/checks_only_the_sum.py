"""Mistake: checks only that the shares add up, never which person gets the extra cents."""

import pytest
from split import split_bill


def test_shares_add_up():
    for total, people in [(1000, 3), (1001, 3), (7, 4)]:
        shares = split_bill(total, people)
        assert len(shares) == people
        assert sum(shares) == total


def test_errors():
    with pytest.raises(ValueError):
        split_bill(100, 0)
    with pytest.raises(ValueError):
        split_bill(-1, 2)
    with pytest.raises(TypeError):
        split_bill(10, True)
