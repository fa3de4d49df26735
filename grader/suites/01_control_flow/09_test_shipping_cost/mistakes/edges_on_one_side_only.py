"""Mistake: tests each edge exactly on it but never just past it (1.5 kg, 5.5 kg, 20.5 kg slip through)."""

import pytest
from shipping import shipping_cost


def test_a_light_parcel_costs_5():
    assert shipping_cost(0.5) == 5


def test_exactly_1_kg_costs_5():
    assert shipping_cost(1) == 5


def test_a_medium_parcel_costs_8():
    assert shipping_cost(3) == 8


def test_exactly_5_kg_costs_8():
    assert shipping_cost(5) == 8


def test_a_heavy_parcel_costs_15():
    assert shipping_cost(12) == 15


def test_exactly_20_kg_costs_15():
    assert shipping_cost(20) == 15


def test_0_kg_is_refused():
    with pytest.raises(ValueError, match="more than 0 kg"):
        shipping_cost(0)


def test_a_negative_weight_is_refused():
    with pytest.raises(ValueError, match="more than 0 kg"):
        shipping_cost(-1)


def test_a_very_heavy_parcel_is_refused():
    with pytest.raises(ValueError, match="at most 20 kg"):
        shipping_cost(100)
