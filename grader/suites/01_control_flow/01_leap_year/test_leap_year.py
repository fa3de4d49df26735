"""Hidden tests for the leap-year exercise."""

import pytest

from grader.testkit import call

# Why True, not 1: said in the message when the type is wrong.
A_BOOL = "the README asks for True or False: a caller may check `leap_year(year) is True`"


def test_year_divisible_by_4_is_leap(learner):
    """2024 is a leap year: it divides evenly by 4."""
    call(learner.leap_year, 2024).returns(True, exact_type=A_BOOL)


def test_odd_year_is_not_leap(learner):
    """2023 is not a leap year: it does not divide by 4."""
    call(learner.leap_year, 2023).returns(False, exact_type=A_BOOL)


def test_even_year_not_divisible_by_4(learner):
    """2026 is even but not divisible by 4, so it is not a leap year."""
    call(learner.leap_year, 2026).returns(False, exact_type=A_BOOL)


@pytest.mark.points(2)
def test_century_is_not_leap(learner):
    """1900 is not a leap year: centuries must also divide by 400."""
    call(learner.leap_year, 1900).returns(False, exact_type=A_BOOL)


def test_future_century_is_not_leap(learner):
    """2100 will not be a leap year, for the same reason as 1900."""
    call(learner.leap_year, 2100).returns(False, exact_type=A_BOOL)


@pytest.mark.points(2)
def test_divisible_by_400_is_leap(learner):
    """2000 is a leap year: it divides by 400, which beats the century rule."""
    call(learner.leap_year, 2000).returns(True, exact_type=A_BOOL)


def test_another_400_year_is_leap(learner):
    """2400 is a leap year too."""
    call(learner.leap_year, 2400).returns(True, exact_type=A_BOOL)


@pytest.mark.hint("Return True or False themselves, not 1 and 0 or the text 'True'.", when="wrong_type")
def test_answer_is_a_bool(learner):
    """The answer is the bool True or False, not a number or a piece of text."""
    call(learner.leap_year, 1996).returns(True, exact_type=A_BOOL)
    call(learner.leap_year, 1999).returns(False, exact_type=A_BOOL)
