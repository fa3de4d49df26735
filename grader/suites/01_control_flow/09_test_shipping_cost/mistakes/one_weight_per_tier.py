"""Mistake: tests one weight in the middle of each tier, so bugs at the tier edges slip through."""

import pytest
from shipping import shipping_cost


def test_light_parcel():
    assert shipping_cost(0.5) == 5


def test_medium_parcel():
    assert shipping_cost(3) == 8


def test_heavy_parcel():
    assert shipping_cost(12) == 15


def test_negative_weight_is_refused():
    with pytest.raises(ValueError):
        shipping_cost(-1)


def test_very_heavy_parcel_is_refused():
    with pytest.raises(ValueError):
        shipping_cost(100)
