"""Hidden tests for the k-largest exercise."""

import pytest

from grader.kinds.growth import grows
from grader.testkit import call


@pytest.mark.points(2)
def test_two_largest(learner):
    """The 2 largest of [5, 1, 9, 3, 7] are [9, 7], largest first."""
    call(learner.k_largest, [5, 1, 9, 3, 7], 2).returns([9, 7])


def test_duplicates_count_separately(learner):
    """In [4, 4, 1] the 2 largest are both 4s."""
    call(learner.k_largest, [4, 4, 1], 2).returns([4, 4])


@pytest.mark.points(2)
def test_k_larger_than_the_list(learner):
    """Asking for 5 of 2 numbers gives both; asking any k of an empty list gives []."""
    call(learner.k_largest, [3, 1], 5).returns([3, 1])
    call(learner.k_largest, [], 3).returns([])


def test_zero_and_one(learner):
    """k = 0 gives []; k = 1 gives the largest alone."""
    call(learner.k_largest, [3, 1], 0).returns([])
    call(learner.k_largest, [2, 8, 5], 1).returns([8])


@pytest.mark.points(2)
def test_negative_k_is_refused(learner):
    """k = -1 raises ValueError."""
    call(learner.k_largest, [3, 1], -1).raises(ValueError)


@pytest.mark.points(2)
def test_k_of_the_wrong_type_is_refused(learner):
    """k given as a string, a float or a bool raises TypeError."""
    call(learner.k_largest, [3, 1], "2").raises(TypeError)
    call(learner.k_largest, [3, 1], 2.0).raises(TypeError)
    call(learner.k_largest, [3, 1], True).raises(TypeError)


@pytest.mark.points(2)
@pytest.mark.hint(
    "The list you were given changed: sort() and heapq.heapify() work in place. "
    "Work on a copy, or use sorted() or heapq.nlargest(), which leave it alone.",
    when="mutated_input",
)
def test_large_list_unchanged(learner):
    """The 3 largest of 50,000 shuffled numbers are found, and the list keeps its order."""
    numbers = [(i * 7919) % 50_000 for i in range(50_000)]
    call(learner.k_largest, numbers, 3).left_arguments_unchanged().returns([49_999, 49_998, 49_997])


@pytest.mark.points(3)
def test_work_grows_in_step_with_the_list(learner):
    """Eight times the numbers (k a quarter of them) take about eight times the work."""
    grows(learner.k_largest, lambda n: (list(range(n)), n // 4), sizes=(100, 800)).at_most("linear")
