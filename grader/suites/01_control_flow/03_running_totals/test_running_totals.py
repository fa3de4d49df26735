"""Hidden tests for the running-totals exercise."""

import pytest

from grader.testkit import call


@pytest.mark.points(2)
def test_totals_of_a_short_list(learner):
    """running_totals([1, 2, 3]) is [1, 3, 6]."""
    add_first = "Add the number to the total first, then append the total to your list."
    call(learner.running_totals, [1, 2, 3]).returns([1, 3, 6], hint_if=[([0, 1, 3], add_first)])


def test_empty_list(learner):
    """An empty list has no totals: the answer is an empty list."""
    call(learner.running_totals, []).returns([])


def test_single_number(learner):
    """A list with one number has that number as its only total."""
    call(learner.running_totals, [5]).returns([5])


def test_negative_numbers_bring_the_total_down(learner):
    """Negative numbers make the total go down, even below zero."""
    call(learner.running_totals, [10, -4, -8]).returns([10, 6, -2])


def test_zero_keeps_the_total(learner):
    """A zero leaves the total where it was."""
    call(learner.running_totals, [5, 3, 0, 7]).returns([5, 8, 8, 15])


@pytest.mark.points(2)
@pytest.mark.hint(
    "Create a new empty list inside the function and append to it, "
    "instead of writing into the list you were given.",
    when="mutated_input",
)
def test_input_list_is_not_changed(learner):
    """The list you are given still holds the same numbers afterwards."""
    call(learner.running_totals, [4, 5, 6]).returns([4, 9, 15]).left_arguments_unchanged()


@pytest.mark.points(2)
def test_same_answer_every_time(learner):
    """Calling the function twice gives the same answer both times."""
    shared = (
        "Start your list and your total inside the function body, so each call begins "
        "from scratch. A default value like totals=[] is created only once and shared."
    )
    call(learner.running_totals, [1, 1]).returns([1, 2])
    call(learner.running_totals, [1, 1]).returns([1, 2], hint_if=[([1, 2, 1, 2], shared), ([3, 4], shared)])
