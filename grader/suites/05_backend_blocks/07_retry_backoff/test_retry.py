"""Hidden tests for retry-backoff: transient errors retried with capped doubling waits on a fake sleep."""

import pytest

from grader.testkit import call


def flaky(learner, *failures, result="ok"):
    return learner.FlakyService(list(failures), result)


def recorded(sleep, service, delays, calls, after):
    if sleep.delays != delays or service.calls != calls:
        raise AssertionError(
            f"After {after}, the service was called {service.calls} times with waits {sleep.delays} "
            f"in between; expected {calls} calls and waits {delays}"
        )


def test_success_at_once_does_not_wait(learner):
    """An operation that works the first time is called once, and nothing waits."""
    sleep, service = learner.FakeSleep(), flaky(learner, result=42)
    call(learner.retry, service, sleep=sleep).returns(42)
    recorded(sleep, service, [], 1, "a call that worked at once")


@pytest.mark.points(3)
def test_waits_double_between_tries(learner):
    """Two transient failures, then success: waits of 0.5 and 1.0, three calls, the result returned."""
    sleep, service = learner.FakeSleep(), flaky(learner, "ConnectionError", "TimeoutError", result="done")
    call(learner.retry, service, attempts=5, base_delay=0.5, max_delay=10, sleep=sleep).returns("done")
    recorded(sleep, service, [0.5, 1.0], 3, "two failures and a success")


@pytest.mark.points(2)
def test_waits_are_capped(learner):
    """base 1 and max 5: six failures wait 1, 2, 4, 5, 5, 5 before the seventh call works."""
    sleep, service = learner.FakeSleep(), flaky(learner, *["TimeoutError"] * 6)
    call(learner.retry, service, attempts=7, base_delay=1, max_delay=5, sleep=sleep).returns("ok")
    recorded(sleep, service, [1, 2, 4, 5, 5, 5], 7, "six failures and a success")


@pytest.mark.points(3)
def test_giving_up_raises_the_last_error(learner):
    """With attempts=3 and four failures: three calls, waits 0.1 and 0.2 only, and attempt 3's error."""
    sleep, service = learner.FakeSleep(), flaky(learner, *["ConnectionError"] * 4)
    call(learner.retry, service, attempts=3, base_delay=0.1, max_delay=2, sleep=sleep).raises(
        ConnectionError, match="attempt 3"
    )
    recorded(sleep, service, [0.1, 0.2], 3, "giving up after 3 attempts")


@pytest.mark.points(2)
def test_other_errors_are_not_retried(learner):
    """A ValueError or PermissionError is raised at once: one call, no wait."""
    for name, error in (("ValueError", ValueError), ("PermissionError", PermissionError)):
        sleep, service = learner.FakeSleep(), flaky(learner, name)
        call(learner.retry, service, attempts=4, sleep=sleep).raises(error, match="attempt 1")
        recorded(sleep, service, [], 1, f"a {name}")


def test_the_defaults(learner):
    """With no options: 3 attempts, waits of 0.1 and 0.2, then the third error is raised."""
    sleep, service = learner.FakeSleep(), flaky(learner, *["TimeoutError"] * 5)
    call(learner.retry, service, sleep=sleep).raises(TimeoutError, match="attempt 3")
    recorded(sleep, service, [0.1, 0.2], 3, "retry with the default options")


def test_one_attempt_means_no_retry(learner):
    """attempts=1: a failure is raised after one call, with no wait."""
    sleep, service = learner.FakeSleep(), flaky(learner, "TimeoutError")
    call(learner.retry, service, attempts=1, sleep=sleep).raises(TimeoutError)
    recorded(sleep, service, [], 1, "one attempt that failed")


def test_attempts_are_checked(learner):
    """attempts of 0, -1, 2.5 or True raise ValueError before anything is called."""
    for bad in (0, -1, 2.5, True):
        sleep, service = learner.FakeSleep(), flaky(learner)
        call(learner.retry, service, attempts=bad, sleep=sleep).raises(ValueError)
        recorded(sleep, service, [], 0, f"attempts={bad!r}")


def test_a_long_outage(learner):
    """40 failures with attempts=50, base 0.01, max 1: waits double from 0.01 up to 1, and call 41 works."""
    sleep, service = learner.FakeSleep(), flaky(learner, *["ConnectionError"] * 40, result="back")
    call(learner.retry, service, attempts=50, base_delay=0.01, max_delay=1, sleep=sleep).returns("back")
    expected = [min(1, 0.01 * 2**n) for n in range(40)]
    if sleep.delays != expected or service.calls != 41:
        raise AssertionError(
            f"After 40 failures, got {service.calls} calls and {len(sleep.delays)} waits; "
            f"expected 41 calls and waits {expected[:9]} ... then 1 each"
        )
