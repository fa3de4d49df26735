"""Mistake: skips only jobs that have already run, so a job still waiting is queued (and run) twice.

Hint: Keep a set of every job that has run or is waiting, and only add a follow-up that is not in
it. Otherwise two jobs that follow each other run forever.

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
    waiting = deque(start)
    ran = []
    while waiting:
        job = waiting.popleft()
        ran.append(job)
        for follow in followups.get(job, []):
            if follow not in ran:
                waiting.append(follow)
    return ran
