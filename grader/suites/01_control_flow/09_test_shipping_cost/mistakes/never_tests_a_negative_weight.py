"""Mistake: tests every tier, edge and error except a negative weight, so accepting -1 kg slips through."""

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


def test_heavy_parcels_cost_15():
    assert shipping_cost(5.01) == 15
    assert shipping_cost(12) == 15
    assert shipping_cost(20) == 15


def test_0_kg_is_refused():
    with pytest.raises(ValueError, match="more than 0 kg"):
        shipping_cost(0)


def test_just_over_20_kg_is_refused():
    with pytest.raises(ValueError, match="at most 20 kg"):
        shipping_cost(20.01)
