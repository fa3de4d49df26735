"""Hidden tests for the merge-sorted exercise."""

import pytest

from grader.kinds.growth import grows
from grader.testkit import call


def four_streams(n: int) -> tuple[list[list[int]]]:
    """Return n numbers dealt into 4 sorted, interleaved streams."""
    return ([list(range(start, n, 4)) for start in range(4)],)


@pytest.mark.points(2)
def test_three_streams(learner):
    """[1, 4, 9], [2, 3, 10] and [5] merge into [1, 2, 3, 4, 5, 9, 10]."""
    call(learner.merge_sorted, [[1, 4, 9], [2, 3, 10], [5]]).returns([1, 2, 3, 4, 5, 9, 10])


@pytest.mark.points(2)
def test_streams_of_different_lengths(learner):
    """A long stream keeps going after the short ones run out."""
    call(learner.merge_sorted, [[1], [2, 5, 6, 7, 8], [3]]).returns([1, 2, 3, 5, 6, 7, 8])


def test_duplicates_all_stay(learner):
    """Repeated items are all kept: [1, 1] and [1] give [1, 1, 1]."""
    call(learner.merge_sorted, [[1, 1], [1]]).returns([1, 1, 1])


def test_empty_cases(learner):
    """No streams, or only empty streams, give an empty list; one item gives that item."""
    call(learner.merge_sorted, []).returns([])
    call(learner.merge_sorted, [[], []]).returns([])
    call(learner.merge_sorted, [[], [3], []]).returns([3])


def test_negative_numbers(learner):
    """Negative numbers merge in order too."""
    call(learner.merge_sorted, [[-5, 0], [-7, -1, 2]]).returns([-7, -5, -1, 0, 2])


@pytest.mark.points(2)
@pytest.mark.hint(
    "Do not pop items off the streams: keep a position for each stream and move it forward.",
    when="mutated_input",
)
def test_streams_unchanged(learner):
    """The streams you are given still hold all their items."""
    call(learner.merge_sorted, [[1, 3], [2, 4]]).left_arguments_unchanged().returns([1, 2, 3, 4])


def test_large_input(learner):
    """6,000 numbers over 4 streams merge into 0..5,999."""
    call(learner.merge_sorted, *four_streams(6_000)).returns(list(range(6_000)))


@pytest.mark.points(3)
def test_work_grows_in_step_with_the_items(learner):
    """Eight times the items take about eight times the work (the grader counts the steps)."""
    grows(learner.merge_sorted, four_streams, sizes=(100, 800)).at_most("linear")
