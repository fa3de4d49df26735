"""Mistake: tests every price and edge but never the errors, so accepting 0 kg or 20.5 kg slips through."""

from shipping import shipping_cost


def test_light_parcels_cost_5():
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
