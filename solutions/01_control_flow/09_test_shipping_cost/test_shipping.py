"""Tests for shipping_cost(): every tier, every edge on both sides, and both errors.

Reference solution. Each test makes one claim about the price list, and its
name says which claim, so a failing test tells you which rule broke. An edge
is tested exactly on it and just past it, because that is where an `<` that
should have been `<=` hides.
"""

import pytest
from shipping import shipping_cost

# Light parcels: more than 0 kg, up to and including 1 kg, cost 5.


def test_a_light_parcel_costs_5():
    assert shipping_cost(0.5) == 5


def test_the_lightest_parcel_costs_5():
    assert shipping_cost(0.01) == 5


def test_exactly_1_kg_still_costs_5():
    assert shipping_cost(1) == 5


# Medium parcels: more than 1 kg, up to and including 5 kg, cost 8.


def test_just_over_1_kg_costs_8():
    assert shipping_cost(1.01) == 8


def test_a_medium_parcel_costs_8():
    assert shipping_cost(3) == 8


def test_exactly_5_kg_still_costs_8():
    assert shipping_cost(5) == 8


# Heavy parcels: more than 5 kg, up to and including 20 kg, cost 15.


def test_just_over_5_kg_costs_15():
    assert shipping_cost(5.01) == 15


def test_a_heavy_parcel_costs_15():
    assert shipping_cost(12) == 15


def test_exactly_20_kg_still_costs_15():
    assert shipping_cost(20) == 15


# Weights that cannot be shipped. `match` checks the message too, so a
# ValueError raised for some other reason would not pass by accident.


def test_0_kg_is_refused():
    with pytest.raises(ValueError, match="more than 0 kg"):
        shipping_cost(0)


def test_a_negative_weight_is_refused():
    with pytest.raises(ValueError, match="more than 0 kg"):
        shipping_cost(-1)


def test_just_over_20_kg_is_refused():
    with pytest.raises(ValueError, match="at most 20 kg"):
        shipping_cost(20.01)


def test_a_very_heavy_parcel_is_refused():
    with pytest.raises(ValueError, match="at most 20 kg"):
        shipping_cost(100)
