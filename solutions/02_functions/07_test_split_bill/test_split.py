"""Tests for split_bill(): even splits, left-over cents, the edges and every refusal.

Reference solution. Each test states one claim. The left-over cents are
where this function can go wrong quietly, so several tests look at them: who
gets them, and whether every cent of the total is still there.
"""

import pytest
from split import split_bill


def test_an_even_split():
    assert split_bill(900, 3) == [300, 300, 300]


def test_left_over_cents_go_to_the_first_people():
    assert split_bill(1001, 3) == [334, 334, 333]


def test_one_left_over_cent():
    assert split_bill(1000, 3) == [334, 333, 333]


def test_shares_always_add_up_to_the_total():
    for total in range(0, 200, 7):
        for people in range(1, 9):
            shares = split_bill(total, people)
            assert len(shares) == people
            assert sum(shares) == total
            assert max(shares) - min(shares) <= 1


def test_one_person_pays_everything():
    assert split_bill(1234, 1) == [1234]


def test_fewer_cents_than_people():
    assert split_bill(2, 5) == [1, 1, 0, 0, 0]


def test_a_total_of_zero():
    assert split_bill(0, 4) == [0, 0, 0, 0]


def test_no_people_is_refused():
    with pytest.raises(ValueError, match="people must be at least 1, got 0"):
        split_bill(100, 0)


def test_a_negative_total_is_refused():
    with pytest.raises(ValueError, match="total_cents must not be negative, got -1"):
        split_bill(-1, 2)


@pytest.mark.parametrize(
    ("total", "people", "message"),
    [
        (10.0, 2, "total_cents must be an int, got float"),
        ("10", 2, "total_cents must be an int, got str"),
        (10, True, "people must be an int, got bool"),
        (10, 2.0, "people must be an int, got float"),
    ],
)
def test_values_that_are_not_ints_are_refused(total, people, message):
    with pytest.raises(TypeError, match=message):
        split_bill(total, people)
