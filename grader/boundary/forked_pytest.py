"""Run one set of learner tests against many staged folders in one runner process (POSIX).

The runner (grader/boundary/fork_runner.py) starts like any isolated pytest run:
``python -I``, a minimal environment, resource limits, the sandbox in a batch.
It pays Python's and pytest's start once, then forks one child per folder, so
a check costs one start instead of one per implementation. What this side
believes comes from what a learner cannot forge: each child's exit status,
taken by the runner from waitpid and sent on a pipe no child holds, and each
child's output, in a file opened here and handed to the runner as a file
descriptor. A runner that dies (a learner test can kill its parent) leaves
the folders it did not report on without a status: never a pass.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from grader.boundary.process import ignore_pid, kill_group

RUNNER = Path(__file__).resolve().with_name("fork_runner.py")  # run as text: never imported
START_SECONDS = 10.0  # the runner's own start, on a loaded machine, beyond the runs' limits
REPORT_LINE_LIMIT = 4096


@dataclass(frozen=True)
class Job:
    """One run: pytest with ``args`` in ``folder``, reported under ``name``."""

    name: str
    folder: Path
    args: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What became of one job: ``reported`` False when the runner never said (it died or skipped it)."""

    reported: bool
    exit_code: int | None  # None: stopped (time limit, or a test stuck long enough to be found)
    output: bytes


@dataclass(frozen=True)
class Runner:
    """How to start the runner: environment, sandbox prefix, limits, and who hears of each process."""

    env: dict[str, str]
    seconds: float  # for each job
    stuck_mark: str  # in a job's output: a test is stuck, stop that job now
    prefix: Sequence[str] = ()
    preexec: Callable[[], None] | None = None
    on_start: Callable[[int], None] = ignore_pid
    side_by_side: int = 2
    first_decides: bool = True  # the first job stopped: start no other

    def run(self, jobs: Sequence[Job], cwd: Path, outputs: Path) -> dict[str, Outcome]:
        """Run every job; their outputs go in ``outputs`` (a folder no job is given)."""
        with contextlib.ExitStack() as stack:
            files = {
                job.name: stack.enter_context(open(outputs / f"output-{index}.txt", "w+b"))
                for index, job in enumerate(jobs)
            }
            fds = {name: file.fileno() for name, file in files.items()}
            statuses = self._statuses(jobs, cwd, fds, outputs)
            return {name: self._outcome(name, statuses, file) for name, file in files.items()}

    @staticmethod
    def _outcome(name: str, statuses: dict[str, int | None], file: BinaryIO) -> Outcome:
        file.seek(0)
        return Outcome(name in statuses, statuses.get(name), file.read())

    def _total_seconds(self, count: int) -> float:
        return self.seconds * math.ceil(count / max(1, self.side_by_side)) + 1.0

    def _statuses(
        self, jobs: Sequence[Job], cwd: Path, fds: dict[str, int], outputs: Path
    ) -> dict[str, int | None]:
        spec = {
            "seconds": self.seconds,
            "total_seconds": self._total_seconds(len(jobs)),
            "side_by_side": self.side_by_side,
            "first_decides": self.first_decides,
            "stuck": self.stuck_mark,
            "jobs": [
                {"name": job.name, "folder": str(job.folder), "fd": fds[job.name], "args": list(job.args)}
                for job in jobs
            ],
        }
        command = [*self.prefix, sys.executable, "-I", "-c", RUNNER.read_text("utf-8"), json.dumps(spec)]
        with open(outputs / "runner-errors.txt", "wb") as errors:
            process = subprocess.Popen(
                command,
                cwd=cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=errors,
                start_new_session=True,
                preexec_fn=self.preexec,
                pass_fds=tuple(fds.values()),
            )
        self.on_start(process.pid)
        children: list[int] = []
        try:
            assert process.stdout is not None
            deadline = time.monotonic() + spec["total_seconds"] + START_SECONDS  # type: ignore[operator]
            return read_reports(
                process.stdout.fileno(), deadline, {job.name for job in jobs}, children, self.on_start
            )
        finally:
            for pid in [process.pid, *children]:
                kill_group(pid)
            process.wait()
            assert process.stdout is not None
            process.stdout.close()


def read_reports(
    fd: int, deadline: float, names: set[str], children: list[int], on_start: Callable[[int], None]
) -> dict[str, int | None]:
    """The runner's reports until it ends or ``deadline``: each job's status (None: stopped)."""
    statuses: dict[str, int | None] = {}
    pending = b""
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            take_report(line, names, statuses, children, on_start)
        if len(pending) > REPORT_LINE_LIMIT:
            break
    return statuses


def take_report(
    line: bytes,
    names: set[str],
    statuses: dict[str, int | None],
    children: list[int],
    on_start: Callable[[int], None],
) -> None:
    """Record one report line; a line that is not one of ours is ignored."""
    try:
        event = json.loads(line)
    except ValueError:
        return
    if not isinstance(event, list) or len(event) < 2 or event[1] not in names:
        return
    if event[0] == "start" and len(event) == 3 and type(event[2]) is int:
        children.append(event[2])
        on_start(event[2])
    elif event[0] == "done" and len(event) == 3 and type(event[2]) is int:
        statuses.setdefault(event[1], event[2])
    elif event[0] == "stopped":
        statuses.setdefault(event[1], None)
