"""Hidden tests for the first-repeat exercise."""

import pytest

from grader.kinds.growth import grows
from grader.testkit import call


def test_finds_a_repeat(learner):
    """In ana, bo, cy, bo, ana the first repeat is bo."""
    call(learner.first_repeat, ["ana", "bo", "cy", "bo", "ana"]).returns("bo")


@pytest.mark.points(2)
def test_earliest_second_appearance(learner):
    """In [1, 2, 2, 1], 2 is seen again (position 2) before 1 is (position 3)."""
    call(learner.first_repeat, [1, 2, 2, 1]).returns(2)


@pytest.mark.points(2)
def test_no_repeat(learner):
    """Different items, one item or no items: None."""
    call(learner.first_repeat, [1, 2, 3]).returns(None)
    call(learner.first_repeat, ["solo"]).returns(None)
    call(learner.first_repeat, []).returns(None)


def test_repeat_right_away(learner):
    """Two equal items side by side: that item."""
    call(learner.first_repeat, ["x", "x"]).returns("x")


@pytest.mark.points(2)
def test_non_list_is_refused(learner):
    """A tuple or a string instead of a list raises TypeError."""
    call(learner.first_repeat, ("a", "a")).raises(TypeError)
    call(learner.first_repeat, "banana").raises(TypeError)


def test_large_list_unchanged(learner):
    """In 0..4,999 followed by 4,999 again, the repeat is 4,999; the list is not changed."""
    items = list(range(5_000)) + [4_999]
    call(learner.first_repeat, items).left_arguments_unchanged().returns(4_999)


@pytest.mark.points(3)
def test_work_grows_in_step_with_the_list(learner):
    """Eight times the items take about eight times the work (the grader counts the steps)."""
    grows(learner.first_repeat, lambda n: (list(range(n)),), sizes=(100, 800)).at_most("linear")
