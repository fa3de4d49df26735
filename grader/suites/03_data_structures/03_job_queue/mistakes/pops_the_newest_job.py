"""Mistake: takes jobs with pop(), the newest first (a stack), instead of popleft(), the oldest first.

Hint: A queue is first in, first out: take jobs from the front with popleft() and add follow-ups at
the back with append(). pop() takes the newest job instead.
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
    seen = set(waiting)
    ran = []
    while waiting:
        job = waiting.pop()
        ran.append(job)
        for follow in followups.get(job, []):
            if follow not in seen:
                seen.add(follow)
                waiting.append(follow)
    return ran
