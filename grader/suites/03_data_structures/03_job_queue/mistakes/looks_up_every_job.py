"""Mistake: reads followups[job] for every job, which raises KeyError for the many jobs with no follow-ups.

Hint: Most jobs have no follow-ups and are not in the dict: use followups.get(job, []).
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
        job = waiting.popleft()
        ran.append(job)
        for follow in followups[job]:
            if follow not in seen:
                seen.add(follow)
                waiting.append(follow)
    return ran
