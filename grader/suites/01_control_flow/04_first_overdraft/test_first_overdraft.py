"""Hidden tests for the first-overdraft exercise."""

import pytest

from grader.testkit import call


@pytest.mark.points(2)
def test_finds_the_overdraft(learner):
    """Starting with 50, the -40 at index 1 takes the balance to -10."""
    call(learner.first_overdraft, 50, [-20, -40, 100]).returns(1)


@pytest.mark.points(2)
def test_never_overdrawn_gives_none(learner):
    """An account that never drops below zero gives None."""
    not_minus_one = "When the loop ends without finding an overdraft, return None (not -1)."
    call(learner.first_overdraft, 100, [-20, -30, 10]).returns(None, hint_if={-1: not_minus_one})


@pytest.mark.points(2)
def test_overdrawn_by_the_first_transaction(learner):
    """If the very first transaction overdraws the account, the answer is 0."""
    call(learner.first_overdraft, 0, [-1, 5]).returns(0)


@pytest.mark.points(3)
def test_reports_the_first_overdraft_not_the_last(learner):
    """When the account is overdrawn twice, the first time is reported."""
    stop_early = (
        "Return from inside the loop the moment the balance goes below zero; "
        "do not keep looping and overwrite your answer."
    )
    call(learner.first_overdraft, 10, [-5, -10, 20, -30]).returns(1, hint_if={3: stop_early})


@pytest.mark.points(2)
def test_exactly_zero_is_not_overdrawn(learner):
    """A balance of exactly 0 is not overdrawn."""
    # No hint_if here: code that ignores the starting balance also gives 0 (the variants' hints say which).
    call(learner.first_overdraft, 30, [-30, 5]).returns(None)


def test_no_transactions(learner):
    """With no transactions the account is never overdrawn: None."""
    call(learner.first_overdraft, 25, []).returns(None)


def test_balance_carries_over(learner):
    """Deposits earlier in the list count: the balance builds up as you go."""
    call(learner.first_overdraft, 0, [10, 20, -31]).returns(2)


@pytest.mark.points(2)
def test_starting_balance_counts(learner):
    """The starting balance is money in the account: 100 covers a -99 withdrawal."""
    from_given = "Start from the balance you were given, not from 0."
    call(learner.first_overdraft, 100, [-99]).returns(
        None, hint_if={0: from_given}
    ).left_arguments_unchanged()
