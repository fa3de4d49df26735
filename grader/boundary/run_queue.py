"""Time a worker was ready to run but waited for a processor: a busy machine's share of a call's time.

A call's time limit is wall time. On a machine whose cores are all busy, a
call that needs half its limit may wait so long for a core that it runs out
of time, and be called slow or endless for the machine's load. Linux counts,
per thread, the time spent ready in a run queue (the second field of
``/proc/<pid>/task/<tid>/schedstat``). That time, summed over the worker's
threads and those of every process below it (learner code may do its work
in a thread or a child while the main thread waits for it), is given back to
the call, up to ``STRETCH`` more limits in all; code that sleeps or waits on
a lock gets nothing back, so a deadlock is stopped at its limit as before.
Threads that work side by side each count their wait: the sum may give more
than the machine took, never more than the stretch.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

STRETCH = 4.0  # at most this many more limits of wall time, however busy the machine
MIN_GRANT = 0.05  # seconds: less is not worth another wait
DEPTH = 4  # a sandbox puts its launcher (and an init) above the worker's Python
MAX_THREADS = 512  # counted at most: a process limit bounds a learner's tree long before


def worker_python(pid: int, sandboxed: bool) -> int | None:
    """The worker's Python: ``pid`` itself, or in a sandbox the first Python below its launcher."""
    for _ in range(DEPTH if sandboxed else 1):
        path = Path(f"/proc/{pid}")
        try:
            if not sandboxed or "python" in (path / "comm").read_text():
                return pid if (path / "schedstat").exists() else None
            children = (path / "task" / str(pid) / "children").read_text().split()
        except OSError:
            return None
        if not children:
            return None
        pid = int(children[0])
    return None


def waited_seconds(path: Path | None) -> float | None:
    """The run-queue time the thread has had so far, in seconds."""
    if path is None:
        return None
    try:
        fields = path.read_text().split()
        return int(fields[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


def thread_waits(pid: int) -> dict[str, float]:
    """The run-queue seconds so far of each thread of ``pid`` and of every process below it."""
    waits: dict[str, float] = {}
    below = [pid]
    while below and len(waits) < MAX_THREADS:
        process = below.pop()
        try:
            threads = os.listdir(f"/proc/{process}/task")
        except OSError:
            continue  # ended meanwhile
        for thread in threads:
            folder = Path(f"/proc/{process}/task/{thread}")
            if (seconds := waited_seconds(folder / "schedstat")) is not None:
                waits[f"{process}/{thread}"] = seconds
            with contextlib.suppress(OSError, ValueError):  # ended meanwhile
                below += [int(child) for child in (folder / "children").read_text().split()]
    return waits


class RunQueueWait:
    """How long a worker waited for a processor since this was made; what of it a call gets back."""

    def __init__(self, pid: int, sandboxed: bool) -> None:
        self.pid, self.sandboxed = pid, sandboxed
        self.python = worker_python(pid, sandboxed) if os.name == "posix" else None
        self.start = thread_waits(self.python) if self.python is not None else {}
        self.granted = 0.0

    def grant(self, limit: float) -> float:
        """Seconds more for the call: its wait for a processor not yet given back, within the stretch."""
        if self.sandboxed and os.name == "posix":
            self.find_late_python()
        if self.python is None:
            return 0.0
        now = thread_waits(self.python)
        # A thread that has ended took its count along: only those still running are summed.
        waited = sum(seconds - self.start.get(thread, 0.0) for thread, seconds in now.items())
        extra = min(waited - self.granted, limit * STRETCH - self.granted)
        if extra < MIN_GRANT:
            return 0.0
        self.granted += extra
        return extra

    def find_late_python(self) -> None:
        """Look again for the sandbox's Python: when counting began it may not have been started yet.

        A worker just launched is a sandbox with no Python below it for a
        while (longest on a busy machine), or even the grader's own Python
        forked but not yet replaced by the sandbox: a Python found only now
        did all of its waiting since.
        """
        found = worker_python(self.pid, self.sandboxed)
        if found is not None and found != self.python:
            self.python, self.start = found, {}
