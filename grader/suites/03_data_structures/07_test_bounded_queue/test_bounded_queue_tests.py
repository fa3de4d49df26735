"""Hidden tests for the test-bounded-queue exercise: the learner's tests are what is graded.

Their tests run against implementations/correct/ (they must all pass) and
against each planted-bug version in implementations/ (at least one must fail).
"""

import pytest

LIMIT_HINT = (
    "Test the capacity exactly at the limit and one past it: a queue of capacity 2 takes two "
    "items, is_full() is then True, and a third put raises OverflowError."
)
EMPTY_HINT = "Test an empty queue with pytest.raises(IndexError, match='empty'): both take() and peek()."

# One case per folder in implementations/ (except correct/).
BUGS = [
    pytest.param(
        "takes_the_newest_first",
        marks=pytest.mark.hint(
            "Put two or three different items in, then check take() gives them back oldest first.",
            when="bug_not_caught",
        ),
    ),
    pytest.param("holds_one_too_many", marks=pytest.mark.hint(LIMIT_HINT, when="bug_not_caught")),
    pytest.param("full_one_too_early", marks=pytest.mark.hint(LIMIT_HINT, when="bug_not_caught")),
    pytest.param(
        "drops_the_oldest_when_full",
        marks=pytest.mark.hint(
            "After a refused put, check that nothing was lost: the length and the items taken out after.",
            when="bug_not_caught",
        ),
    ),
    pytest.param(
        "peek_removes_the_item",
        marks=pytest.mark.hint(
            "After peek(), check that the item is still there: len() and the next take().",
            when="bug_not_caught",
        ),
    ),
    pytest.param("take_from_empty_returns_none", marks=pytest.mark.hint(EMPTY_HINT, when="bug_not_caught")),
    pytest.param(
        "accepts_capacity_0",
        marks=pytest.mark.hint(
            "Test that BoundedQueue(0) raises ValueError: a queue must hold at least one item.",
            when="bug_not_caught",
        ),
    ),
]


@pytest.mark.points(3)
def test_your_tests_pass_on_correct_code(learner_tests):
    """Your tests all pass on the correct BoundedQueue."""
    learner_tests.against("correct").passes()


@pytest.mark.points(2)
@pytest.mark.parametrize("bug", BUGS)
def test_your_tests_catch_a_planted_bug(learner_tests, bug):
    """Your tests catch a version of BoundedQueue with a planted bug."""
    learner_tests.against(bug).fails()
