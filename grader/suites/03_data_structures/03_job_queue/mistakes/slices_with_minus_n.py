"""Mistake: tail returns lines[-n:], but lines[-0:] is the whole list, so tail(log, 0) returns every line.

Hint: lines[-0:] is the whole list, not an empty one, because -0 is just 0. A deque(lines, maxlen=n)
gets n = 0 right too.
"""

from collections import deque


def tail(lines, n):
    if type(n) is not int:
        raise TypeError(f"n must be an int, got {n!r}")
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    return lines[-n:]


def run_order(start, followups):
    waiting = deque(dict.fromkeys(start))
    seen = set(waiting)
    ran = []
    while waiting:
        job = waiting.popleft()
        ran.append(job)
        for follow in followups.get(job, []):
            if follow not in seen:
                seen.add(follow)
                waiting.append(follow)
    return ran
