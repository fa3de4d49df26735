"""Jobs in order: a bounded buffer and a job queue with collections.deque (reference solution)."""

from collections import deque


def tail(lines: list[str], n: int) -> list[str]:
    """Return the last n lines, in order, holding at most n lines at a time.

    Raise TypeError when n is not an int and ValueError when it is negative.
    """
    if type(n) is not int:
        raise TypeError(f"n must be an int, got {n!r}")
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    # A bounded deque drops its oldest line as each new one arrives, so memory
    # stays at n lines however long the log is.
    return list(deque(lines, maxlen=n))


def run_order(start: list[str], followups: dict[str, list[str]]) -> list[str]:
    """Return the jobs in the order they run: first in, first out, each job at most once."""
    # dict.fromkeys drops repeats and keeps the order: a job listed twice in start runs once.
    waiting = deque(dict.fromkeys(start))
    seen = set(waiting)  # every job that has run or is waiting: none is queued twice
    ran: list[str] = []
    while waiting:
        job = waiting.popleft()
        ran.append(job)
        for follow in followups.get(job, []):
            if follow not in seen:
                seen.add(follow)
                waiting.append(follow)
    return ran
