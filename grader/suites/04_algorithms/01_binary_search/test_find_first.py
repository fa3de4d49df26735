"""Hidden tests for the binary-search exercise."""

import pytest

from grader.kinds.growth import grows
from grader.testkit import call


def test_finds_a_middle_item(learner):
    """In [1, 3, 5, 7, 9], 7 is at position 3."""
    call(learner.find_first, [1, 3, 5, 7, 9], 7).returns(3)


@pytest.mark.points(2)
def test_first_and_last_items(learner):
    """The first and the last items are found: 1 at position 0 and 9 at position 4."""
    call(learner.find_first, [1, 3, 5, 7, 9], 1).returns(0)
    call(learner.find_first, [1, 3, 5, 7, 9], 9).returns(4)


@pytest.mark.points(2)
def test_absent_targets(learner):
    """A target smaller than all, larger than all, or between two items gives -1."""
    call(learner.find_first, [1, 3, 5, 7, 9], 0).returns(-1)
    call(learner.find_first, [1, 3, 5, 7, 9], 10).returns(-1)
    call(learner.find_first, [1, 3, 5, 7, 9], 4).returns(-1)


def test_empty_and_one_item(learner):
    """An empty list gives -1; a list of one item finds it, or gives -1."""
    call(learner.find_first, [], 5).returns(-1)
    call(learner.find_first, [4], 4).returns(0)
    call(learner.find_first, [4], 5).returns(-1)


@pytest.mark.points(2)
def test_first_of_duplicates(learner):
    """Among repeated targets, the first one's position is returned: [1, 2, 2, 2, 3] gives 1 for 2."""
    call(learner.find_first, [1, 2, 2, 2, 3], 2).returns(1)
    call(learner.find_first, [2, 2, 2, 2], 2).returns(0)


def test_large_list_unchanged(learner):
    """In the even numbers below 200,000, 199,998 is at position 99,999; the list is not changed."""
    numbers = list(range(0, 200_000, 2))
    call(learner.find_first, numbers, 199_998).left_arguments_unchanged().returns(99_999)


@pytest.mark.points(3)
def test_steps_grow_slowly(learner):
    """Eight times the items cost only a few more steps (the grader counts them)."""
    grows(learner.find_first, lambda n: (list(range(n)), n - 1), sizes=(1000, 8000)).at_most("logarithmic")


@pytest.mark.points(2)
def test_steps_grow_slowly_with_duplicates(learner):
    """A list full of the target is searched just as fast."""
    grows(learner.find_first, lambda n: ([7] * n, 7), sizes=(1000, 8000)).at_most("logarithmic")
