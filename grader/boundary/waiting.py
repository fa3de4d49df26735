"""Wait for a process to end, within a time limit: the one way the trusted side waits."""

from __future__ import annotations

import os
import select
import subprocess
import time
from collections.abc import Callable
from typing import Any, Protocol


def wait_unless(process: subprocess.Popen[Any], seconds: float, give_up: Callable[[], bool]) -> int | None:
    """Wait for a process to end, as wait_for_exit, but only while ``give_up`` says no."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        code = wait_for_exit(process, min(left, GIVE_UP_EVERY))
        if code is not None or give_up():
            return code
    return None


GIVE_UP_EVERY = 0.2  # seconds between two questions to give_up


class Waitable(Protocol):
    """What wait_for_exit needs of a process: a Popen, or the pytest server's ServerProcess."""

    pid: int

    def wait(self, timeout: float | None = None) -> int | None: ...


def wait_for_exit(process: Waitable, seconds: float) -> int | None:
    """Wait for a process to end; return its status, or None after ``seconds``.

    Popen.wait polls with sleeps of up to 50 ms; a pidfd (Linux) wakes us the
    moment the process ends.
    """
    try:
        pidfd = os.pidfd_open(process.pid)
    except (AttributeError, OSError):
        try:
            return process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return None
    try:
        ready, _, _ = select.select([pidfd], [], [], seconds)
    finally:
        os.close(pidfd)
    return process.wait() if ready else None
