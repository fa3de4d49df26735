"""Mistake: tests the light and medium tiers and the errors but never the price of a heavy parcel."""

import pytest
from shipping import shipping_cost


def test_light_parcels_cost_5():
    assert shipping_cost(0.01) == 5
    assert shipping_cost(0.5) == 5
    assert shipping_cost(1) == 5


def test_medium_parcels_cost_8():
    assert shipping_cost(1.01) == 8
    assert shipping_cost(3) == 8
    assert shipping_cost(5) == 8


def test_0_kg_is_refused():
    with pytest.raises(ValueError, match="more than 0 kg"):
        shipping_cost(0)


def test_a_negative_weight_is_refused():
    with pytest.raises(ValueError, match="more than 0 kg"):
        shipping_cost(-1)


def test_just_over_20_kg_is_refused():
    with pytest.raises(ValueError, match="at most 20 kg"):
        shipping_cost(20.01)
