"""Mistake: prices only light and medium parcels and checks 20 kg is accepted without asserting its price.

It also never tries a negative weight. Before the suite had the bugs
middle_price_up_to_6_kg, wrong_heavy_price and accepts_negative_weights, this
file earned full marks.
"""

import pytest
from shipping import shipping_cost


def test_the_lightest_parcel_costs_5():
    assert shipping_cost(0.01) == 5


def test_a_light_parcel_costs_5():
    assert shipping_cost(0.5) == 5


def test_exactly_1_kg_costs_5():
    assert shipping_cost(1) == 5


def test_just_over_1_kg_costs_8():
    assert shipping_cost(1.01) == 8


def test_a_medium_parcel_costs_8():
    assert shipping_cost(3) == 8


def test_exactly_5_kg_costs_8():
    assert shipping_cost(5) == 8


def test_20_kg_is_accepted():
    shipping_cost(20)


def test_0_kg_is_refused():
    with pytest.raises(ValueError, match="more than 0 kg"):
        shipping_cost(0)


def test_just_over_20_kg_is_refused():
    with pytest.raises(ValueError, match="at most 20 kg"):
        shipping_cost(20.01)
