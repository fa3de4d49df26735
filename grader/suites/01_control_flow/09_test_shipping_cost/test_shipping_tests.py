"""Hidden tests for the test-shipping-cost exercise: the learner's tests are what is graded.

Their tests run against implementations/correct/ (they must all pass) and
against each planted-bug version in implementations/ (at least one must fail).
"""

import pytest

EDGE_HINT = "Test each tier edge exactly on it and just past it: 1 kg and 1.01 kg, 5 kg and 5.01 kg."
ERROR_HINT = "Test the refused weights with pytest.raises(ValueError, match=...): 0 kg, and just over 20 kg."

# One case per folder in implementations/ (except correct/), in the order of the price list.
BUGS = [
    pytest.param(
        "refuses_parcels_under_1_kg",
        marks=pytest.mark.hint(
            "Test a light parcel under 1 kg too, such as 0.5 kg: it costs 5.", when="bug_not_caught"
        ),
    ),
    pytest.param("charges_8_for_exactly_1_kg", marks=pytest.mark.hint(EDGE_HINT, when="bug_not_caught")),
    pytest.param("light_price_up_to_2_kg", marks=pytest.mark.hint(EDGE_HINT, when="bug_not_caught")),
    pytest.param(
        "wrong_middle_price",
        marks=pytest.mark.hint(
            "Test a weight in the middle of every tier, not only the first one.", when="bug_not_caught"
        ),
    ),
    pytest.param("charges_15_for_exactly_5_kg", marks=pytest.mark.hint(EDGE_HINT, when="bug_not_caught")),
    pytest.param(
        "middle_price_up_to_6_kg",
        marks=pytest.mark.hint(
            "Test the weight just past 5 kg, such as 5.01 kg: it is a heavy parcel.", when="bug_not_caught"
        ),
    ),
    pytest.param(
        "wrong_heavy_price",
        marks=pytest.mark.hint(
            "Test a weight in the middle of every tier, the heavy one too.", when="bug_not_caught"
        ),
    ),
    pytest.param(
        "refuses_exactly_20_kg",
        marks=pytest.mark.hint(
            "The heaviest parcel that can be shipped is exactly 20 kg: test its price.", when="bug_not_caught"
        ),
    ),
    pytest.param("accepts_0_kg", marks=pytest.mark.hint(ERROR_HINT, when="bug_not_caught")),
    pytest.param(
        "accepts_negative_weights",
        marks=pytest.mark.hint(
            "A negative weight must be refused too: test one, such as -1 kg.", when="bug_not_caught"
        ),
    ),
    pytest.param(
        "wrong_message_for_0_kg",
        marks=pytest.mark.hint(
            'Give pytest.raises a match= with a piece of the expected message, such as "more than 0 kg".',
            when="bug_not_caught",
        ),
    ),
    pytest.param("accepts_just_over_20_kg", marks=pytest.mark.hint(ERROR_HINT, when="bug_not_caught")),
]


@pytest.mark.points(3)
def test_your_tests_pass_on_correct_code(learner_tests):
    """Your tests all pass on the correct shipping_cost()."""
    learner_tests.against("correct").passes()


@pytest.mark.points(2)
@pytest.mark.parametrize("bug", BUGS)
def test_your_tests_catch_a_planted_bug(learner_tests, bug):
    """Your tests catch a version of shipping_cost() with a planted bug."""
    learner_tests.against(bug).fails()
