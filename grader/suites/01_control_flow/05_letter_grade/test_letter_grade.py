"""Hidden tests for the letter-grade debug exercise."""

import pytest

from grader.testkit import call


@pytest.mark.points(2)
@pytest.mark.hint(
    "The lowest score of each band earns that band's letter. Does 'score > 90' include 90 itself?"
)
@pytest.mark.parametrize(
    ("score", "letter"),
    [(90, "A"), (80, "B"), (70, "C"), (60, "D")],
    ids=["90-is-A", "80-is-B", "70-is-C", "60-is-D"],
)
def test_score_on_a_boundary_gets_the_higher_letter(learner, score, letter):
    """A score exactly on a boundary (90, 80, 70, 60) earns the higher letter."""
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


@pytest.mark.hint("100 is a valid score. Check the range test at the top of the function.")
def test_perfect_score(learner):
    """100, the best possible score, is an A."""
    call(learner.letter_grade, 100).returns("A")


@pytest.mark.hint("0 is a valid score. Check the range test at the top of the function.")
def test_zero_score(learner):
    """0, the lowest possible score, is an F."""
    call(learner.letter_grade, 0).returns("F")


def test_rejects_score_above_100(learner):
    """A score of 101 is refused with a ValueError."""
    call(learner.letter_grade, 101).raises(ValueError, match="between 0 and 100")


def test_rejects_negative_score(learner):
    """A score of -1 is refused with a ValueError."""
    call(learner.letter_grade, -1).raises(ValueError, match="between 0 and 100")
