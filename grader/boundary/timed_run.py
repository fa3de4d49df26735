"""Run a command in its own process group, within a time limit, its output in a file."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from grader.boundary.process import ignore_pid, kill_group
from grader.boundary.waiting import wait_for_exit, wait_unless


def run_with_time_limit(
    command: list[str],
    cwd: Path,
    env: dict[str, str],
    log: Path,
    seconds: float,
    on_start: Callable[[int], None] = ignore_pid,
    preexec: Callable[[], None] | None = None,
    give_up: Callable[[], bool] | None = None,
) -> int | None:
    """Run a command in its own process group with its output in ``log``.

    Return its exit status, or None when it ran out of time, or ``give_up``
    said so (it is asked a few times a second). The whole group is killed at
    the end either way; processes that left the group are the job of
    :mod:`grader.boundary.reaper`.
    """
    posix = os.name == "posix"
    with open(log, "wb") as stream:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stream,
            stderr=subprocess.STDOUT,
            start_new_session=posix,
            preexec_fn=preexec if posix else None,
        )
        on_start(process.pid)
        try:
            code = (
                wait_for_exit(process, seconds) if give_up is None else wait_unless(process, seconds, give_up)
            )
        finally:
            kill_group(process.pid)
            process.wait()
    return code
