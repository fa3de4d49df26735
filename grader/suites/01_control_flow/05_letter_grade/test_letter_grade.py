"""Hidden tests for the letter-grade debug exercise.

A debug exercise grades the fix, not a workaround: besides the boundaries, every
score in the range is checked, and the learner's source must not special-case
particular scores (``if score == 90: return "A"`` hides the symptom only).
"""

import pytest

from grader.testkit import call

# The table in the README, as the lowest score of each letter, highest first.
BANDS = [(90, "A"), (80, "B"), (70, "C"), (60, "D"), (0, "F")]


def expected_letter(score):
    return next(letter for lowest, letter in BANDS if score >= lowest)


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("score", "letter"),
    [(90, "A"), (80, "B"), (70, "C"), (60, "D")],
    # Neutral ids: the learner sees the first failure only, and the names must not list the rest.
    ids=["boundary-1", "boundary-2", "boundary-3", "boundary-4"],
)
def test_score_on_a_boundary_gets_the_higher_letter(learner, score, letter):
    """A score exactly on the lowest mark of a band earns that band's letter."""
    call(learner.letter_grade, score).returns(letter)


def test_just_below_a_boundary(learner):
    """89 is still a B, and 79 is still a C."""
    call(learner.letter_grade, 89).returns("B")
    call(learner.letter_grade, 79).returns("C")


def test_failing_score(learner):
    """59 is an F."""
    call(learner.letter_grade, 59).returns("F")


def test_middle_of_each_band(learner):
    """Scores well inside a band get that band's letter."""
    call(learner.letter_grade, 95).returns("A")
    call(learner.letter_grade, 85).returns("B")
    call(learner.letter_grade, 75).returns("C")
    call(learner.letter_grade, 65).returns("D")
    call(learner.letter_grade, 30).returns("F")


@pytest.mark.hint("100 is a valid score. Check the range test at the top of the function.", when="exception")
def test_perfect_score(learner):
    """100, the best possible score, is an A."""
    call(learner.letter_grade, 100).returns("A")


@pytest.mark.hint("0 is a valid score. Check the range test at the top of the function.", when="exception")
def test_zero_score(learner):
    """0, the lowest possible score, is an F."""
    call(learner.letter_grade, 0).returns("F")


def test_rejects_score_above_100(learner):
    """A score of 101 is refused with a ValueError."""
    call(learner.letter_grade, 101).raises(ValueError, match="between 0 and 100")


def test_rejects_negative_score(learner):
    """A score of -1 is refused with a ValueError."""
    call(learner.letter_grade, -1).raises(ValueError, match="between 0 and 100")


@pytest.mark.points(2)
def test_every_score_in_the_range(learner):
    """Every score from 0 to 100 gets the letter the table gives it."""
    for score in range(0, 101):
        call(learner.letter_grade, score).returns(expected_letter(score))


def test_rejects_scores_far_outside_the_range(learner):
    """Scores far outside 0 to 100 (-50, 150) are refused with a ValueError."""
    call(learner.letter_grade, -50).raises(ValueError, match="between 0 and 100")
    call(learner.letter_grade, 150).raises(ValueError, match="between 0 and 100")
