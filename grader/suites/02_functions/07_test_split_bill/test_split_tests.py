"""Hidden tests for the test-split-bill exercise: the learner's tests are what is graded.

Their tests run against implementations/correct/ (they must all pass) and
against each planted-bug version in implementations/ (at least one must fail).
"""

import pytest

LEFT_OVER_HINT = (
    "Test a split with left-over cents and check every share: split_bill(1001, 3) is exactly [334, 334, 333]."
)
ERROR_HINT = (
    "Test each refusal with pytest.raises(..., match=...): 0 people, a negative total, "
    "a value that is not an int."
)

BUGS = [
    pytest.param(
        "left_over_cents_to_the_last_people", marks=pytest.mark.hint(LEFT_OVER_HINT, when="bug_not_caught")
    ),
    pytest.param(
        "drops_the_left_over_cents",
        marks=pytest.mark.hint(
            "Check that the shares add up to the total: sum(split_bill(1000, 3)) == 1000.",
            when="bug_not_caught",
        ),
    ),
    pytest.param(
        "all_left_over_cents_to_the_first_person",
        marks=pytest.mark.hint(
            "Test a split with two or more left-over cents, such as 1001 between 3.", when="bug_not_caught"
        ),
    ),
    pytest.param(
        "one_share_too_few",
        marks=pytest.mark.hint(
            "Check how many shares come back: one per person, len(shares) == people.", when="bug_not_caught"
        ),
    ),
    pytest.param("divides_by_zero_for_no_people", marks=pytest.mark.hint(ERROR_HINT, when="bug_not_caught")),
    pytest.param("accepts_a_negative_total", marks=pytest.mark.hint(ERROR_HINT, when="bug_not_caught")),
    pytest.param(
        "accepts_true_as_people",
        marks=pytest.mark.hint(
            "True is not a number of people: test that split_bill(10, True) raises TypeError.",
            when="bug_not_caught",
        ),
    ),
]


@pytest.mark.points(3)
def test_your_tests_pass_on_correct_code(learner_tests):
    """Your tests all pass on the correct split_bill()."""
    learner_tests.against("correct").passes()


@pytest.mark.points(2)
@pytest.mark.parametrize("bug", BUGS)
def test_your_tests_catch_a_planted_bug(learner_tests, bug):
    """Your tests catch a version of split_bill() with a planted bug."""
    learner_tests.against(bug).fails()
