"""Count a call's time limit in the processor time its worker got, not in the machine's wall time.

On a loaded machine other processes take the worker's turns: a call that needs
0.2 s of work may take 2 s to finish. Stopped at its wall-clock limit, such a
call would read as slow or endless, or as stopped where on a quiet machine it
raises (a RecursionError, for one), and its grade and failure fingerprint would
follow the load. So at its deadline a call is given the processor time it was
kept from, up to STRETCH times its limit in wall time.

The worker says in each reply how much processor time it has used so far; at a
deadline the trusted side reads what the worker's processes have used since,
from /proc. Only a call still computing is owed time: one asleep or blocked keeps
its limit. Where /proc cannot say, the wall-clock limit stands.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, NamedTuple

STRETCH = 8.0  # a starved call may last at most this many times its limit
OWED_AT_LEAST = 0.05  # seconds of processor time: owed less, the limit stands
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class Usage(NamedTuple):
    """What a worker's processes have done so far."""

    seconds: float  # processor seconds, all its processes together
    computing: bool  # one of them is running or waiting for the processor (not asleep or blocked)


def tree_usage(root: int) -> Usage | None:
    """The processor time and state of ``root`` and every process below it (None where /proc cannot say)."""
    try:
        names = [name for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return None
    parent: dict[int, int] = {}
    stats: dict[int, list[str]] = {}
    for name in names:
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                text = stat.read().decode("ascii", "replace")
        except OSError:
            continue  # ended while we looked
        fields = text[text.rfind(")") + 2 :].split()  # after "pid (name) ": state, ppid, ...
        parent[int(name)], stats[int(name)] = int(fields[1]), fields
    if root not in stats:
        return None
    tree = [fields for pid, fields in stats.items() if descends_from(pid, root, parent)]
    # utime, stime, cutime and cstime are fields 14-17 of the line, 11-14 after the name.
    seconds = sum(int(value) for fields in tree for value in fields[11:15]) / TICKS
    return Usage(seconds, any(fields[0] == "R" for fields in tree))


def descends_from(pid: int, root: int, parent: dict[int, int]) -> bool:
    seen = 0
    while pid != root and pid in parent and seen < 64:  # 64: deeper than any worker's tree
        pid, seen = parent[pid], seen + 1
    return pid == root


class CallClock:
    """One call's deadline, moved on while other processes kept its worker from the processor."""

    def __init__(self, pid: int, seconds: float, cpu_before: float) -> None:
        now = time.monotonic()
        self.pid, self.seconds, self.cpu_before = pid, seconds, cpu_before
        self.deadline, self.cap = now + seconds, now + seconds * STRETCH

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def stretch(self) -> bool:
        """At the deadline: give the processor time a computing call was owed, within the cap.

        A call asleep or blocked (time.sleep, a lock never released, input()) is owed
        nothing: waiting longer would not help it, and its limit stands.
        """
        now = time.monotonic()
        usage = tree_usage(self.pid) if now < self.cap else None
        if usage is None or not usage.computing:
            return False
        # cpu_before is the worker's own count after its last reply: the call is charged a little
        # more than it used (its sandbox's processes, the worker's wait for this request), never less.
        owed = self.seconds - (usage.seconds - self.cpu_before)
        if owed < OWED_AT_LEAST:
            return False
        self.deadline = min(now + owed, self.cap)
        return True


def cpu_after(reply: dict[str, Any], before: float) -> float:
    """The worker's processor time as its reply tells it (``before`` when the reply does not say)."""
    cpu: Any = reply.get("cpu")
    return float(cpu) if type(cpu) in (int, float) else before


def line_within(read_line: Callable[[float], bytes | None], clock: CallClock) -> bytes | None:
    """The next line within the call's limit, counted in the processor time the worker got."""
    while (line := read_line(clock.left())) is None:
        if not clock.stretch():
            return None
    return line
