"""Tests for shipping_cost() in shipping.py.

Write one test function per claim about the price list, each named test_...
Run them with `python -m pytest` in this folder; when they all pass, run
`grader check test-shipping-cost`.
"""

import pytest
from shipping import shipping_cost

# TODO: one test per tier: a weight in the middle of each tier costs that tier's price.

# TODO: each tier edge on both sides: exactly 1 kg, 5 kg and 20 kg, and just over each of them.

# TODO: the errors, with pytest.raises(ValueError, match=...): 0 kg, a negative weight,
# and weights over 20 kg (just over 20 kg, and far over it).
