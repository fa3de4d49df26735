"""Hidden tests for the test-paginator exercise: the learner's tests are what is graded.

Their tests run against implementations/correct/ (they must all pass) and
against each planted-bug version in implementations/ (at least one must fail).
"""

import pytest

EDGE_HINT = (
    "Test the last page of a list that does not fill it (25 items at 10 a page: page 3 has 5 items, "
    "pages is 3), and of a list that fills it exactly."
)
REFUSAL_HINT = (
    "Test each refusal with pytest.raises(ValueError, match=...): page 0, one past the last page, "
    "per_page 0 and 101, and a bool such as True."
)

BUGS = [
    pytest.param("drops_the_partial_last_page", marks=pytest.mark.hint(EDGE_HINT, when="bug_not_caught")),
    pytest.param(
        "pages_start_at_zero",
        marks=pytest.mark.hint(
            "Check which items page 1 holds: exactly the first per_page items.", when="bug_not_caught"
        ),
    ),
    pytest.param(
        "empty_list_has_no_pages",
        marks=pytest.mark.hint(
            "Test an empty list: page 1 exists, has no items, and pages is 1.", when="bug_not_caught"
        ),
    ),
    pytest.param("allows_a_page_past_the_end", marks=pytest.mark.hint(REFUSAL_HINT, when="bug_not_caught")),
    pytest.param("per_page_zero_crashes", marks=pytest.mark.hint(REFUSAL_HINT, when="bug_not_caught")),
    pytest.param(
        "total_counts_the_page",
        marks=pytest.mark.hint(
            "Check total on a page that is not full: it counts the whole list.", when="bug_not_caught"
        ),
    ),
    pytest.param("no_upper_limit_on_per_page", marks=pytest.mark.hint(REFUSAL_HINT, when="bug_not_caught")),
    pytest.param("accepts_a_bool_page", marks=pytest.mark.hint(REFUSAL_HINT, when="bug_not_caught")),
]


@pytest.mark.points(3)
def test_your_tests_pass_on_correct_code(learner_tests):
    """Your tests all pass on the correct paginate()."""
    learner_tests.against("correct").passes()


@pytest.mark.points(2)
@pytest.mark.parametrize("bug", BUGS)
def test_your_tests_catch_a_planted_bug(learner_tests, bug):
    """Your tests catch a version of paginate() with a planted bug."""
    learner_tests.against(bug).fails()
