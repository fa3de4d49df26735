"""Hidden tests for the most-frequent exercise."""

import pytest

from grader.kinds.growth import grows
from grader.testkit import call


def test_clear_winner(learner):
    """In tea, coffee, tea the answer is tea."""
    call(learner.most_frequent, ["tea", "coffee", "tea"]).returns("tea")


@pytest.mark.points(2)
def test_tie_goes_to_first_seen(learner):
    """3 and 1 both appear twice in [3, 1, 1, 3]: 3 appears first, so 3 wins."""
    call(learner.most_frequent, [3, 1, 1, 3]).returns(3)
    call(learner.most_frequent, ["b", "a"]).returns("b")


def test_one_item(learner):
    """A list of one item: that item."""
    call(learner.most_frequent, ["only"]).returns("only")


@pytest.mark.points(2)
def test_empty_list_is_refused(learner):
    """An empty list raises ValueError."""
    call(learner.most_frequent, []).raises(ValueError)


@pytest.mark.points(2)
def test_non_list_is_refused(learner):
    """A string or a number instead of a list raises TypeError."""
    call(learner.most_frequent, "abc").raises(TypeError)
    call(learner.most_frequent, 7).raises(TypeError)


def test_large_list_unchanged(learner):
    """Among 6,000 items where 'hit' appears 1,500 times, 'hit' wins; the list is not changed."""
    items = [f"item{i}" for i in range(4_500)] + ["hit"] * 1_500
    call(learner.most_frequent, items).left_arguments_unchanged().returns("hit")


@pytest.mark.points(3)
def test_work_grows_in_step_with_the_list(learner):
    """Eight times the items take about eight times the work (the grader counts the steps)."""
    grows(learner.most_frequent, lambda n: (list(range(n)),), sizes=(100, 800)).at_most("linear")
