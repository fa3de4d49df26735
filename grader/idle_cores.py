"""How many of the machine's cores stood idle over a while, read from Linux's ``/proc/stat``.

Validate asks this before it lets one more run start than ``--jobs`` says:
some runs (a worker's graceful stop, a job retried after its back-off) mostly
wait, and while they wait a core has nothing to do. Like ``make --load-average``,
the machine's own figures decide, so another program's work counts as busy too.
Only the cores this process may run on are read (a container's cpuset); a CPU
quota (a container's ``--cpus``) is not seen here, and ``--jobs 1`` is the way
to keep validate to one run at a time there.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC_STAT = Path("/proc/stat")

Ticks = tuple[int, int, int]  # all and idle ticks since boot of the cores read, and how many were read


def our_cores() -> set[int]:
    """The cores this process may run on (a container's cpuset leaves some out), else every core."""
    if hasattr(os, "sched_getaffinity"):
        return set(os.sched_getaffinity(0))
    return set(range(os.cpu_count() or 1))


def processor_times(stat: Path = PROC_STAT, cores: set[int] | None = None) -> Ticks | None:
    """All and idle ticks of our cores since boot, or None where the file cannot be read.

    Only the ``cpuN`` lines of the cores we may run on count: another program's
    cores standing idle are no room for us. Time waiting for the disk counts as
    idle: the core could run something else.
    """
    wanted = {f"cpu{core}" for core in (our_cores() if cores is None else cores)}
    total = idle = read = 0
    try:
        with open(stat, encoding="ascii") as lines:
            for line in lines:
                fields = line.split()
                if fields and fields[0] in wanted and len(fields) > 5:
                    ticks = [int(field) for field in fields[1:]]
                    total, idle, read = total + sum(ticks), idle + ticks[3] + ticks[4], read + 1
    except (OSError, ValueError):
        return None
    return (total, idle, read) if read == len(wanted) else None


def idle_between(before: Ticks | None, after: Ticks | None) -> float | None:
    """How many cores stood idle, on average, between two reads (None: unknown, or no tick passed)."""
    if before is None or after is None or after[0] <= before[0] or after[2] != before[2]:
        return None
    return (after[1] - before[1]) / (after[0] - before[0]) * after[2]


def idle_cores(seconds: float, stop: threading.Event, stat: Path = PROC_STAT) -> float | None:
    """How many cores stand idle, on average, over the next ``seconds`` (or until ``stop`` is set)."""
    before = processor_times(stat)
    if before is None:
        return None
    stop.wait(seconds)
    return idle_between(before, processor_times(stat))


class Cores:
    """The machine's cores as a spare thread sees them: a look over a while, or since a reading."""

    def look(self, seconds: float, stop: threading.Event) -> float | None:
        return idle_cores(seconds, stop)

    def reading(self) -> Ticks | None:
        return processor_times()

    def idle_since(self, before: Ticks | None) -> float | None:
        return idle_between(before, processor_times())
