"""Tests for split_bill() in split.py.

Write one test function per claim, each named test_... Run them with
`python -m pytest` in this folder; when they all pass, run
`grader check test-split-bill`.
"""

import pytest
from split import split_bill

# TODO: an even split: 900 cents between 3 people.

# TODO: splits with left-over cents: who gets the extra cents, and do the shares add up to the total?

# TODO: the edges: one person, a total of 0, fewer cents than people.

# TODO: the errors, with pytest.raises(..., match=...): no people, a negative total,
# and values that are not ints.
