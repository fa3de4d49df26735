"""Mistake: catches every Exception, so bad input is retried (and waited for) as if the network had failed.

Hint: Catch only the errors a second try can cure, (ConnectionError, TimeoutError). Bad input fails
the same way every time: let it through at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# --- given: a fake sleep and a flaky service for trying retry() out. Do not change them. ---


class FakeSleep:
    """Records the delays it is asked for instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


ERRORS = {error.__name__: error for error in (ConnectionError, TimeoutError, ValueError, PermissionError)}


class FlakyService:
    """Fails with the named errors, one per call, in order; then returns ``result``."""

    def __init__(self, failures: list[str], result: object = "ok") -> None:
        self._failures = list(failures)
        self._result = result
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        if self._failures:
            raise ERRORS[self._failures.pop(0)](f"attempt {self.calls} failed")
        return self._result


# --- your code ---

TRANSIENT = (ConnectionError, TimeoutError)


def backoff_delay(retry_number: int, base_delay: float, max_delay: float) -> float:
    """The wait before retry 1, 2, 3, ...: base, 2 x base, 4 x base, ..., never above max_delay."""
    return min(max_delay, base_delay * 2 ** (retry_number - 1))


def retry(
    operation: Callable[[], object],
    *,
    attempts: int = 3,
    base_delay: float = 0.1,
    max_delay: float = 2.0,
    sleep: Callable[[float], None] = time.sleep,
) -> object:
    """Call ``operation`` until it succeeds, at most ``attempts`` times, backing off between tries."""
    if type(attempts) is not int or attempts < 1:
        raise ValueError(f"attempts must be a whole number of at least 1, got {attempts!r}")
    for attempt in range(1, attempts + 1):
        try:
            return operation()
        except Exception:
            if attempt == attempts:
                raise
            sleep(backoff_delay(attempt, base_delay, max_delay))
    raise AssertionError("unreachable: the loop returns or raises")
