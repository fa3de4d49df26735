"""Hidden tests for race-transfer: balances stay exact when many threads use one ledger at once.

The race is made to happen every run, not sometimes: every SlowLedger.read
sleeps (the exercise's own "database round trip"), which hands the processor
to the other threads between a read and its write, and run_together
releases all the threads at the same moment from a barrier. An unlocked
read-modify-write therefore loses updates on every run.
"""

import pytest

from grader.testkit import call


def bank_with(learner, balances):
    ledger = learner.SlowLedger(balances)
    return ledger, learner.Bank(ledger)


def together(learner, bank, calls):
    """run_together's results; a method not written yet is reported as not started, not as wrong."""
    results = learner.run_together(bank, calls)
    for (method, *args), result in zip(calls, results, strict=True):
        if result is not None and result.startswith("NotImplementedError"):
            getattr(bank, method)(*args)  # raises the learner's own NotImplementedError, once, directly
    return results


def balances_are(ledger, expected, after):
    got = ledger.balances()
    if got != expected:
        raise AssertionError(f"After {after}, the balances are {got}, expected {expected}")


def test_one_thread_at_a_time(learner):
    """Alone, deposit(a, 30) and transfer(a, b, 20) give a: 10 + 30 - 20, b: 5 + 20."""
    ledger, bank = bank_with(learner, {"a": 10, "b": 5})
    call(bank.deposit, "a", 30).returns(None)
    call(bank.transfer, "a", "b", 20).returns(None)
    balances_are(ledger, {"a": 20, "b": 25}, "deposit('a', 30) and transfer('a', 'b', 20)")


@pytest.mark.points(2)
def test_refused_transfers_move_nothing(learner):
    """Transfers of more than the balance, of 0, -5 or 2.5, or to the same account raise ValueError."""
    ledger, bank = bank_with(learner, {"a": 10, "b": 5})
    call(bank.transfer, "a", "b", 11).raises(ValueError, match="insufficient")
    for bad in (0, -5, 2.5, True):
        call(bank.transfer, "a", "b", bad).raises(ValueError)
        call(bank.deposit, "a", bad).raises(ValueError)
    call(bank.transfer, "a", "a", 5).raises(ValueError)
    balances_are(ledger, {"a": 10, "b": 5}, "refused transfers and deposits")


@pytest.mark.points(3)
@pytest.mark.varies  # threads interleave differently each run: the balances vary
def test_deposits_at_the_same_moment_all_count(learner):
    """40 threads each depositing 1 at the same moment leave a balance of exactly 40."""
    ledger, bank = bank_with(learner, {"a": 0})
    results = together(learner, bank, [["deposit", "a", 1]] * 40)
    if results != [None] * 40:
        raise AssertionError(
            f"Ran 40 deposits of 1 at the same moment; some raised: {sorted(set(results) - {None})}"
        )
    balances_are(ledger, {"a": 40}, "40 deposits of 1 made at the same moment")


@pytest.mark.points(3)
@pytest.mark.varies  # threads interleave differently each run: the balances vary
def test_transfers_at_the_same_moment_never_overdraw(learner):
    """20 transfers of 10 from an account holding 100, all at once: exactly 10 work, 10 are refused."""
    ledger, bank = bank_with(learner, {"a": 100, "b": 0})
    results = together(learner, bank, [["transfer", "a", "b", 10]] * 20)
    refused = [r for r in results if r is not None]
    if len(refused) != 10 or not all(r.startswith("ValueError") for r in refused):
        raise AssertionError(
            f"Ran 20 transfers of 10 from an account of 100 at the same moment; {20 - len(refused)} worked "
            f"and {len(refused)} were refused, expected 10 and 10 (refused with ValueError)"
        )
    balances_are(ledger, {"a": 0, "b": 100}, "20 transfers of 10 from 100 at the same moment")


@pytest.mark.points(3)
@pytest.mark.varies  # threads interleave differently each run: the balances vary
def test_money_is_never_created_or_lost(learner):
    """30 transfers of 5 from a to b and 30 of 3 back, all at once: the balances match what worked."""
    ledger, bank = bank_with(learner, {"a": 50, "b": 50})
    calls = [["transfer", "a", "b", 5], ["transfer", "b", "a", 3]] * 30
    results = together(learner, bank, calls)
    a_to_b = sum(1 for c, r in zip(calls, results, strict=True) if r is None and c[1] == "a")
    b_to_a = sum(1 for c, r in zip(calls, results, strict=True) if r is None and c[1] == "b")
    expected = {"a": 50 - 5 * a_to_b + 3 * b_to_a, "b": 50 + 5 * a_to_b - 3 * b_to_a}
    balances_are(ledger, expected, f"{a_to_b} transfers a to b and {b_to_a} b to a worked, all at once")


@pytest.mark.points(2)
@pytest.mark.varies  # threads interleave differently each run: the balances vary
def test_deposits_and_transfers_together(learner):
    """30 deposits of 100 into a and 30 transfers of 1 from a to b, all at once: a ends at 3970, b at 30."""
    ledger, bank = bank_with(learner, {"a": 1000, "b": 0})
    # Amounts this different cannot cancel out: a lost deposit (-100) is never hidden by lost debits (+1).
    calls = [["deposit", "a", 100], ["transfer", "a", "b", 1]] * 30
    results = together(learner, bank, calls)
    if results != [None] * 60:
        raise AssertionError(f"Ran 30 deposits and 30 transfers at once; some were refused: {results}")
    balances_are(
        ledger, {"a": 3970, "b": 30}, "30 deposits of 100 and 30 transfers of 1 from 1000, all at once"
    )


@pytest.mark.varies  # threads interleave differently each run: the balances vary
def test_two_banks_do_not_block_each_other(learner):
    """Two banks on two ledgers each keep their own balances exact."""
    first, bank_one = bank_with(learner, {"x": 0})
    second, bank_two = bank_with(learner, {"x": 7})
    together(learner, bank_one, [["deposit", "x", 3]] * 10)
    together(learner, bank_two, [["deposit", "x", 1]] * 10)
    balances_are(first, {"x": 30}, "10 deposits of 3 on the first bank")
    balances_are(second, {"x": 17}, "10 deposits of 1 on the second bank")
