"""Mistake: expects 8 for exactly 1 kg instead of 5, so the tests fail on correct code."""

import pytest
from shipping import shipping_cost


def test_light_parcel():
    assert shipping_cost(0.5) == 5


def test_exactly_1_kg():
    assert shipping_cost(1) == 8


def test_exactly_5_kg():
    assert shipping_cost(5) == 8


def test_exactly_20_kg():
    assert shipping_cost(20) == 15


def test_0_kg_is_refused():
    with pytest.raises(ValueError, match="more than 0 kg"):
        shipping_cost(0)


def test_just_over_20_kg_is_refused():
    with pytest.raises(ValueError, match="at most 20 kg"):
        shipping_cost(20.01)
