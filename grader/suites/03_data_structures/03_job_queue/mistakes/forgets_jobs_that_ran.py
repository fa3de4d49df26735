"""Mistake: skips follow-ups that are waiting but not jobs that ran, so a cycle of follow-ups never ends.

Hint: with {"a": ["b"], "b": ["a"]}, a runs and queues b, then b runs and queues a again, because a
is no longer waiting. Remember every job that has run or is waiting, in a set, and never queue one
of those again.
"""

from collections import deque


def tail(lines, n):
    if type(n) is not int:
        raise TypeError(f"n must be an int, got {n!r}")
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    return list(deque(lines, maxlen=n))


def run_order(start, followups):
    waiting = deque(dict.fromkeys(start))
    ran = []
    while waiting:
        job = waiting.popleft()
        ran.append(job)
        for follow in followups.get(job, []):
            if follow not in waiting:
                waiting.append(follow)
    return ran
