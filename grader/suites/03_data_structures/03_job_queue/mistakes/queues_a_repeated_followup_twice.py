"""Mistake: checks all of a job's follow-ups before queueing any, so one listed twice runs twice.

Hint: run_order(["a"], {"a": ["b", "b"]}) checks both b's against the queue before either is added,
so b is queued, and run, twice. Check each follow-up, and remember it, one at a time: add it to a
set of every job that has run or is waiting as you queue it.

Timing: it looks each follow-up up in the list of jobs that ran, so the chain of 20 000 jobs
takes seconds: whether that test ends within its limit depends on the machine.
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
        new = [follow for follow in followups.get(job, []) if follow not in ran and follow not in waiting]
        waiting.extend(new)
    return ran
