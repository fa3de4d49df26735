"""Mistake: checks who gets the extra cent and that shares differ by at most one, never how many come back.

Hint: Check how many shares come back: one per person, len(shares) == people.
"""

import pytest
from split import split_bill


def test_the_first_person_gets_an_extra_cent():
    shares = split_bill(1001, 3)
    assert shares[0] == 334
    assert max(shares) - min(shares) <= 1


def test_errors():
    with pytest.raises(ValueError):
        split_bill(100, 0)
    with pytest.raises(ValueError):
        split_bill(-1, 2)
    with pytest.raises(TypeError):
        split_bill(10, True)
