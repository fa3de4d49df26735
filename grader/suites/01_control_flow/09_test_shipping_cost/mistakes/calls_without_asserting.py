"""Mistake: calls shipping_cost() without asserting the result, so only a crash can make a test fail."""

import pytest
from shipping import shipping_cost


def test_light_parcel():
    shipping_cost(1)


def test_medium_parcel():
    shipping_cost(5)


def test_heavy_parcel():
    shipping_cost(20)


def test_0_kg_is_refused():
    with pytest.raises(ValueError):
        shipping_cost(0)
