"""Time a worker was ready to run but waited for a processor: a busy machine's share of a call's time.

A call's time limit is wall time. On a machine whose cores are all busy, a
call that needs half its limit may wait so long for a core that it runs out
of time, and be called slow or endless for the machine's load. Linux counts,
per thread, the time spent ready in a run queue (the second field of
``/proc/<pid>/schedstat``). That time, measured for the worker's main thread
(where learner code runs), is given back to the call, up to ``STRETCH`` more
limits in all; code that sleeps or waits on a lock gets nothing back, so a
deadlock is stopped at its limit as before.
"""

from __future__ import annotations

import os
from pathlib import Path

STRETCH = 4.0  # at most this many more limits of wall time, however busy the machine
MIN_GRANT = 0.05  # seconds: less is not worth another wait
DEPTH = 4  # a sandbox puts its launcher (and an init) above the worker's Python


def schedstat_path(pid: int, sandboxed: bool) -> Path | None:
    """Where the worker's main thread's scheduler counts are, or None if they cannot be read."""
    for _ in range(DEPTH if sandboxed else 1):
        path = Path(f"/proc/{pid}")
        try:
            if not sandboxed or "python" in (path / "comm").read_text():
                return path / "schedstat"
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


class RunQueueWait:
    """How long a worker waited for a processor since this was made; what of it a call gets back."""

    def __init__(self, pid: int, sandboxed: bool) -> None:
        self.pid, self.sandboxed = pid, sandboxed
        self.path = schedstat_path(pid, sandboxed) if os.name == "posix" else None
        self.start = waited_seconds(self.path)
        self.granted = 0.0

    def grant(self, limit: float) -> float:
        """Seconds more for the call: its wait for a processor not yet given back, within the stretch."""
        if self.sandboxed and os.name == "posix":
            self.find_late_python()
        now = waited_seconds(self.path)
        if now is None or self.start is None:
            return 0.0
        extra = min(now - self.start - self.granted, limit * STRETCH - self.granted)
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
        path = schedstat_path(self.pid, self.sandboxed)
        if path is not None and path != self.path:
            self.path, self.start = path, 0.0
