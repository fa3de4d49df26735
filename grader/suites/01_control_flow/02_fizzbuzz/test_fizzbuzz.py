"""Hidden tests for the fizzbuzz exercise."""

import pytest

from grader.testkit import call


def test_first_five_turns(learner):
    """fizzbuzz(5) says 1, 2, Fizz, 4, Buzz."""
    call(learner.fizzbuzz, 5).returns(["1", "2", "Fizz", "4", "Buzz"])


def test_single_turn(learner):
    """fizzbuzz(1) is a list holding just '1'."""
    call(learner.fizzbuzz, 1).returns(["1"])


def test_zero_turns_gives_empty_list(learner):
    """fizzbuzz(0) has no turns, so it returns an empty list."""
    call(learner.fizzbuzz, 0).returns([])


@pytest.mark.points(2)
def test_counts_up_to_and_including_n(learner):
    """The list goes up to n itself, not one short of it."""
    call(learner.fizzbuzz, 3).returns(["1", "2", "Fizz"])


@pytest.mark.points(2)
def test_fifteen_is_fizzbuzz(learner):
    """Numbers divisible by both 3 and 5, like 15, become FizzBuzz."""
    expected = ["1", "2", "Fizz", "4", "Buzz", "Fizz", "7", "8", "Fizz", "Buzz"]
    expected += ["11", "Fizz", "13", "14", "FizzBuzz"]
    both_first = (
        "15 divides by 3 too. Only the first matching branch of an if/elif runs, so check for 'both' first."
    )
    call(learner.fizzbuzz, 15).returns(
        expected, hint_if=[(expected[:-1] + ["Fizz"], both_first), (expected[:-1] + ["Buzz"], both_first)]
    )


def holds_numbers(got):
    """The list came back with numbers in it, not their text."""
    return isinstance(got, list) and any(isinstance(item, int) for item in got)


def test_numbers_are_strings(learner):
    """Plain numbers are returned as text: '1', not 1."""
    call(learner.fizzbuzz, 2).returns(
        ["1", "2"], hint_if=[(holds_numbers, "Turn a number into text with str(number).")]
    )


def test_one_item_per_number(learner):
    """fizzbuzz(100) has exactly 100 items."""
    call(learner.fizzbuzz, 100).satisfies(
        lambda said: isinstance(said, list) and len(said) == 100, "a list of 100 items"
    )


def test_later_turns(learner):
    """Turns 28, 29 and 30 are said as '28', '29' and 'FizzBuzz'."""
    call(learner.fizzbuzz, 30).satisfies(
        lambda said: isinstance(said, list) and said[27:] == ["28", "29", "FizzBuzz"],
        "a list ending with '28', '29', 'FizzBuzz'",
    )
