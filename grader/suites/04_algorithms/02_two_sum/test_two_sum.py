"""Hidden tests for the two-sum exercise."""

import pytest

from grader.kinds.growth import grows
from grader.testkit import call


def test_simple_pair(learner):
    """In [2, 7, 11, 15], 2 + 7 make 9: positions (0, 1)."""
    call(learner.two_sum, [2, 7, 11, 15], 9).returns((0, 1))


@pytest.mark.points(2)
def test_first_completed_pair(learner):
    """In [1, 2, 3, 4] with target 5, the 3 at position 2 completes a pair first: (1, 2)."""
    call(learner.two_sum, [1, 2, 3, 4], 5).returns((1, 2))


@pytest.mark.points(2)
def test_position_never_pairs_with_itself(learner):
    """[3] with target 6 has no pair: 3 + 3 would use position 0 twice."""
    call(learner.two_sum, [3], 6).returns(None)
    call(learner.two_sum, [3, 3], 6).returns((0, 1))


def test_empty_list(learner):
    """An empty list has no pair."""
    call(learner.two_sum, [], 6).returns(None)


@pytest.mark.points(2)
def test_duplicates_pair_with_first(learner):
    """In [5, 1, 5, 5] with target 10, the second 5 pairs with the first: (0, 2)."""
    call(learner.two_sum, [5, 1, 5, 5], 10).returns((0, 2))
    call(learner.two_sum, [4, 4, 1, 4], 5).returns((0, 2))


def test_negative_numbers(learner):
    """Negative numbers pair too: -3 + 7 make 4."""
    call(learner.two_sum, [-3, 1, 7], 4).returns((0, 2))


def test_large_list_unchanged(learner):
    """In 0..2,999 the first pair adding to 5,997 is (2,998, 2,999); the list is not changed."""
    numbers = list(range(3_000))
    call(learner.two_sum, numbers, 5_997).left_arguments_unchanged().returns((2_998, 2_999))


@pytest.mark.points(3)
def test_work_grows_in_step_with_the_list(learner):
    """Eight times the numbers take about eight times the work (the grader counts the steps)."""
    grows(learner.two_sum, lambda n: (list(range(n)), -1), sizes=(100, 800)).at_most("linear")
