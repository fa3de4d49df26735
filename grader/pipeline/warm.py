"""Run trusted pytest jobs through a pytest server, cold (one job) or kept warm between jobs.

A :class:`PytestServer` is a :mod:`grader.pipeline.pytest_server` process: pytest
and our plugins are imported once, and every job runs in a fresh fork of it
with a fresh learner worker, so no run can leave anything for the next. A
one-shot check starts a server for its single job (it overlaps the server's
imports with staging). ``with warm_pytest():`` keeps one server for every
job run in that block, in this thread: `grader watch` uses it between saves,
and a batch can give each of its threads one.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path

from grader.boundary.process import ignore_pid, kill_group, wait_for_exit
from grader.boundary.pytest_command import grading_pytest, isolated_arguments, pytest_environment
from grader.boundary.timed_run import run_with_time_limit
from grader.pipeline.server_process import ServerProcess, spawn_server, take_early

CLEAN_UP_SECONDS = 15.0  # the server kills what a run left behind before it answers


class ServerError(Exception):
    """The pytest server did not answer as it should."""


class PytestServer:
    """A running pytest server; :meth:`run` sends it one job at a time."""

    def __init__(self, preload: tuple[str, ...] = (), process: ServerProcess | None = None) -> None:
        """Start a server (``preload``: trusted modules it imports once), or take one started early."""
        self.process = process if process is not None else spawn_server(preload)
        self.pending = b""
        self.ready = False
        self.running: int | None = None  # the process id of the run in progress

    def _line(self, seconds: float) -> str | None:
        """The next line from the server, or None after ``seconds``."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + seconds
        fd = self.process.stdout.fileno()
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 4096)
            if not chunk:
                raise ServerError("the pytest server ended unexpectedly")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return line.decode("ascii", "replace")

    def _expect(self, word: str, seconds: float) -> str:
        line = self._line(seconds)
        if line is None or not line.startswith(word):
            raise ServerError(f"the pytest server did not answer {word!r} (got {line!r})")
        return line[len(word) :].strip()

    def run(
        self,
        args: list[str],
        cwd: Path,
        log: Path,
        seconds: float,
        on_start: Callable[[int], None] = ignore_pid,
    ) -> int | None:
        """Run pytest with ``args`` in ``cwd``; return its exit status, or None after ``seconds``.

        A server that answers wrongly is stopped (a warm slot then starts another).
        """
        try:
            return self._run(args, cwd, log, seconds, on_start)
        except (ServerError, OSError, ValueError) as error:
            self.close()
            raise ServerError(str(error)) from None

    def _run(
        self, args: list[str], cwd: Path, log: Path, seconds: float, on_start: Callable[[int], None]
    ) -> int | None:
        if not self.ready:
            self._expect("ready", 120.0)
            self.ready = True
        assert self.process.stdin is not None
        job = {"args": args, "cwd": str(cwd), "log": str(log)}
        self.process.stdin.write(json.dumps(job).encode() + b"\n")
        self.process.stdin.flush()
        pid = self.running = int(self._expect("started", 30.0))
        on_start(pid)
        line = self._line(seconds)
        if line is None:
            kill_group(pid)  # the run leads its own group; the server reaps it and what it left
            self._expect("ended", CLEAN_UP_SECONDS)
            self.running = None
            return None
        self.running = None
        if not line.startswith("ended"):
            raise ServerError(f"the pytest server answered {line!r}")
        return int(line.split()[1])

    def close(self) -> None:
        """Stop the server: closing its input ends it; a kill makes sure."""
        if self.running is not None:  # interrupted mid-run (Ctrl-C in watch): stop the run first
            kill_group(self.running)
        with contextlib.suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        if wait_for_exit(self.process, CLEAN_UP_SECONDS) is None:
            kill_group(self.process.pid)
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


class WarmSlot:
    """The server kept warm for one ``with warm_pytest():`` block (replaced if it dies)."""

    def __init__(self) -> None:
        self.server: PytestServer | None = None

    def get(self) -> PytestServer:
        if self.server is None or self.server.process.poll() is not None:
            if self.server is not None:
                self.server.close()
            self.server = new_server()
        return self.server


def new_server() -> PytestServer:
    """The server started early (see grader/launch.py) if it is still running, else a new one."""
    return PytestServer(process=take_early())


_WARM: ContextVar[WarmSlot | None] = ContextVar("warm_pytest_server", default=None)


def can_serve() -> bool:
    """A pytest server forks one child per run: not on Windows."""
    return hasattr(os, "fork")


@contextlib.contextmanager
def warm_pytest(start_now: bool = True) -> Iterator[None]:
    """Keep one pytest server for every grading run in this block, in this thread."""
    if not can_serve() or _WARM.get() is not None:
        yield
        return
    slot = WarmSlot()
    if start_now:
        slot.get()  # its imports overlap with whatever the caller does next
    token = _WARM.set(slot)
    try:
        yield
    finally:
        _WARM.reset(token)
        if slot.server is not None:
            slot.server.close()


def warm_server() -> PytestServer | None:
    """The server this thread keeps warm (``with warm_pytest():``), or None outside such a block."""
    slot = _WARM.get()
    return slot.get() if slot is not None else None


@contextlib.contextmanager
def pytest_server() -> Iterator[PytestServer | None]:
    """The warm server if there is one, else a server for this block only (None without fork)."""
    slot = _WARM.get()
    if slot is not None:
        yield slot.get()
        return
    if not can_serve():
        yield None
        return
    server = new_server()
    try:
        yield server
    finally:
        server.close()


def run_grading_pytest(
    arguments: list[str], run_dir: Path, log: Path, seconds: float, server: PytestServer | None
) -> int | None:
    """Run trusted pytest with our plugins: through ``server``, or a plain subprocess without one."""
    if server is not None:
        return server.run(isolated_arguments(run_dir) + arguments, run_dir, log, seconds)
    command = grading_pytest(run_dir) + arguments
    return run_with_time_limit(command, run_dir, pytest_environment(), log, seconds)
