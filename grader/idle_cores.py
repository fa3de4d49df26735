"""How many of the machine's cores stood idle over a while, read from Linux's ``/proc/stat``.

Validate asks this before it lets one more run start than ``--jobs`` says:
some runs (a worker's graceful stop, a job retried after its back-off) mostly
wait, and while they wait a core has nothing to do. Like ``make --load-average``,
the machine's own figures decide, so another program's work counts as busy too.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC_STAT = Path("/proc/stat")

Ticks = tuple[int, int]  # all and idle ticks of every core since boot


def processor_times(stat: Path = PROC_STAT) -> Ticks | None:
    """All and idle ticks of every core since boot, or None where the file cannot be read.

    Time waiting for the disk counts as idle: the core could run something else.
    """
    try:
        with open(stat, encoding="ascii") as lines:
            first = lines.readline().split()
        ticks = [int(field) for field in first[1:]]
    except (OSError, ValueError):
        return None
    if not first or first[0] != "cpu" or len(ticks) < 5:
        return None
    return sum(ticks), ticks[3] + ticks[4]


def idle_between(before: Ticks | None, after: Ticks | None) -> float | None:
    """How many cores stood idle, on average, between two reads (None: unknown, or no tick passed)."""
    if before is None or after is None or after[0] <= before[0]:
        return None
    return (after[1] - before[1]) / (after[0] - before[0]) * (os.cpu_count() or 1)


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
