"""Mistake: makes a new Lock inside each call, so no two threads ever share one and nothing is protected.

Hint: Create one threading.Lock() in __init__ and do every read-decide-write inside 'with
self._lock:'. A lock made inside the method is a new lock for every call and protects nothing.
"""

from __future__ import annotations

import threading
import time

# --- given: a slow shared ledger and a way to run calls at the same moment. Do not change them. ---


class SlowLedger:
    """Balances in a shared store; each read takes a moment, like a round trip to a database."""

    def __init__(self, balances: dict[str, int], latency: float = 0.002) -> None:
        self._balances = dict(balances)
        self._latency = latency

    def read(self, account: str) -> int:
        balance = self._balances[account]
        time.sleep(self._latency)  # while this thread waits, the others run
        return balance

    def write(self, account: str, balance: int) -> None:
        self._balances[account] = balance

    def balances(self) -> dict[str, int]:
        return dict(self._balances)


def run_together(target: object, calls: list[list]) -> list[str | None]:
    """Run each [method, *args] on ``target`` in its own thread, all released at once.

    Returns one entry per call, in order: None when it worked, else "ErrorType: message".
    """
    results: list[str | None] = [None] * len(calls)
    start = threading.Barrier(len(calls))
    threading.stack_size(256 * 1024)  # small stacks, so many threads fit in the grader's memory limit

    def run(index: int, method: str, *args: object) -> None:
        start.wait()
        try:
            getattr(target, method)(*args)
        except Exception as error:
            results[index] = f"{type(error).__name__}: {error}"

    threads = [threading.Thread(target=run, args=(i, *c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# --- your code ---


def check_amount(amount: object) -> None:
    if type(amount) is not int or amount <= 0:
        raise ValueError(f"amount must be a whole number above 0, got {amount!r}")


class Bank:
    """Deposits and transfers that stay correct when many threads use one ledger at once."""

    def __init__(self, ledger: SlowLedger) -> None:
        self._ledger = ledger
        # One lock shared by every method that changes balances: two locks would let a deposit
        # and a transfer on the same account run at once, and the race would be back.
        self._lock = threading.Lock()

    def deposit(self, account: str, amount: int) -> None:
        """Add ``amount`` to the account."""
        check_amount(amount)
        with threading.Lock():
            self._ledger.write(account, self._ledger.read(account) + amount)

    def transfer(self, source: str, target: str, amount: int) -> None:
        """Move ``amount`` from source to target; ValueError, moving nothing, if source has too little."""
        check_amount(amount)
        if source == target:
            raise ValueError("cannot transfer to the same account")
        with threading.Lock():
            available = self._ledger.read(source)
            if available < amount:
                raise ValueError(f"insufficient funds: {source} has {available}, needs {amount}")
            self._ledger.write(source, available - amount)
            self._ledger.write(target, self._ledger.read(target) + amount)
