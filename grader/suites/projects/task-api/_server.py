"""Start and stop the learner's Task API server as a child process.

The server runs as ``python -m taskapi --host 127.0.0.1 --port P --db FILE``
in the learner's project folder, in its own process group, with its output
captured to a log file. Nothing here raises into pytest: a server that does
not start records a ``failure`` detail which every request then reports, so
each test fails (rather than errors) with the same clear explanation.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import _http
from _spares import Spares, server_env
from _warm_parent import ForkedServer, WarmParent

HOST = "127.0.0.1"
START_TIMEOUT = 15.0
POLL_FIRST = 0.005  # a warm start answers within tens of milliseconds: poll often at first
POLL_EVERY = 0.05
STOP_TIMEOUT = 5.0
PORT_ATTEMPTS = 3
UNHEALTHY_GRACE = 2.0  # once it answers, how long a non-200 /health is given
TAIL_LINES = 15


def poll_pauses() -> Iterator[float]:
    """The pauses between readiness polls: from 5 ms, doubling up to 50 ms, bounded by the start limit."""
    pause = POLL_FIRST
    for _ in range(int(START_TIMEOUT / POLL_FIRST)):
        yield pause
        pause = min(pause * 2, POLL_EVERY)


def free_port() -> int:
    """Ask the kernel for a loopback port nobody is using right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def tail(text: str, lines: int = TAIL_LINES) -> str:
    """The last ``lines`` non-empty lines of ``text``, tracebacks cut to the learner's own frames."""
    kept = [line for line in own_frames(readable(text)).splitlines() if line.strip()]
    return "\n".join(kept[-lines:])


def readable(text: str) -> str:
    """Show JSON log lines (milestone 12) as their message, and their traceback as printed."""
    shown: list[str] = []
    for line in text.splitlines():
        try:
            record = json.loads(line) if line.startswith("{") else None
        except ValueError:
            record = None
        if not isinstance(record, dict) or not isinstance(record.get("message"), str):
            shown.append(line)
            continue
        shown.append(record["message"])
        if isinstance(record.get("exception"), str):
            shown += record["exception"].splitlines()
    return "\n".join(shown)


FRAME = re.compile(r'^(\s*)File "([^"]*)", line \d+')
CARETS = re.compile(r"^\s*[\^~]+\s*$")
STDLIB = sysconfig.get_paths()["stdlib"]


def not_learners(path: str) -> bool:
    """A frame of an installed library, of Python itself, or of frozen start-up code."""
    return "site-packages" in path or "dist-packages" in path or path.startswith(("<", STDLIB))


def own_frames(text: str) -> str:
    """Leave out traceback frames outside the learner's code (one "..." for a run of them) and ^^^ lines."""
    kept: list[str] = []
    skipping: int | None = None  # the indentation of a left-out frame's "File" line
    for line in text.splitlines():
        if CARETS.match(line):
            continue
        frame = FRAME.match(line)
        if frame:
            if not_learners(frame.group(2)):
                if skipping is None:
                    kept.append(f"{frame.group(1)}... (frames of libraries left out)")
                skipping = len(frame.group(1))
                continue
            skipping = None
        elif skipping is not None and len(line) - len(line.lstrip()) > skipping:
            continue  # the source line of a left-out frame
        else:
            skipping = None
        kept.append(line)
    return "\n".join(kept)


class Server:
    """One run of the learner's server on one database file."""

    def __init__(
        self,
        project_dir: Path,
        db_path: Path,
        log_path: Path,
        on_spawn: Callable[[int], None] | None = None,
        programs: Any = None,
        spares: Spares | WarmParent | None = None,
    ) -> None:
        self.on_spawn = on_spawn
        self.spares = spares  # warm processes that take a start, when they can write its files
        # grader.kinds.learner_programs.LearnerPrograms: in a batch, the server runs in the sandbox.
        self.programs = programs
        self.project_dir = Path(project_dir)
        self.db_path = Path(db_path)
        self.log_path = Path(log_path)
        self.port = 0
        self.proc: subprocess.Popen[bytes] | ForkedServer | None = None
        self.failure: dict[str, Any] | None = None
        self.started = 0.0

    # -- output -----------------------------------------------------------

    def log_size(self) -> int:
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def log_text(self, since: int = 0, limit: int = 64_000) -> str:
        """The server's output from byte ``since`` (at most the last ``limit`` bytes)."""
        try:
            with open(self.log_path, "rb") as handle:
                handle.seek(0, os.SEEK_END)
                end = handle.tell()
                start = max(since, end - limit)
                handle.seek(start)
                return handle.read().decode("utf-8", errors="replace")
        except OSError:
            return ""

    def log_tail(self, since: int = 0) -> str:
        return tail(self.log_text(since))

    # -- life cycle -------------------------------------------------------

    def arguments(self) -> list[str]:
        """What follows ``python -m taskapi``."""
        return ["--host", HOST, "--port", str(self.port), "--db", str(self.db_path)]

    def settings(self) -> dict[str, str]:
        """Environment variables the server starts with, beyond the usual ones (milestone 12)."""
        return {}

    def command(self) -> list[str]:
        """``python -m taskapi ...``, through ``env NAME=VALUE`` when there are settings."""
        setter = [shutil.which("env") or "/usr/bin/env"] if self.settings() else []
        assigned = [f"{name}={value}" for name, value in self.settings().items()]
        return [*setter, *assigned, sys.executable, "-m", "taskapi", *self.arguments()]

    def launch_command(self) -> list[str]:
        """The command as started: wrapped in the grader's sandbox when there is one."""
        if self.programs is None:
            return self.command()
        return list(self.programs.command(self.command(), self.project_dir, [self.db_path.parent]))

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> Server:
        """Start the server and wait until ``GET /health`` answers 200."""
        self.failure = None
        for _attempt in range(PORT_ATTEMPTS):
            self.port = free_port()
            outcome = self._start_once()
            if outcome == "ready":
                return self
            self.stop()
            if outcome != "port_taken":
                break
        return self

    def launch(self) -> subprocess.Popen[bytes] | ForkedServer:
        """The server's process: forked by the warm parent or a spare handed this start, else a new one."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        if self.spares is not None and self.spares.covers(self.db_path.parent, self.log_path):
            spare = self.spares.start("taskapi", self.arguments(), self.log_path, self.settings())
            if spare is not None:
                return spare
        with open(self.log_path, "ab") as log:
            proc = subprocess.Popen(
                self.launch_command(),
                cwd=self.project_dir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=server_env(),
                start_new_session=True,
            )
        if self.on_spawn is not None:
            self.on_spawn(proc.pid)
        return proc

    def _start_once(self) -> str:
        try:
            self.proc = self.launch()
        except OSError as error:
            self._record("The server could not be started", f"{error}")
            return "failed"
        self.started = time.monotonic()
        deadline = self.started + START_TIMEOUT
        first_answer: float | None = None
        last: _http.Response | None = None
        for pause in poll_pauses():
            if time.monotonic() > deadline:
                break
            if self.proc.poll() is not None:
                text = self.log_text()
                if "address already in use" in text.lower() or "errno 98" in text.lower():
                    return "port_taken"
                self._record(
                    f"The server stopped right after starting (exit code {self.proc.returncode})",
                    "python -m taskapi must keep running and answer GET /health with 200",
                )
                return "failed"
            try:
                last = _http.send(HOST, self.port, "GET", "/health", timeout=1.0)
            except _http.ServerGone:
                time.sleep(pause)
                continue
            if last.status == 200:
                return "ready"
            first_answer = first_answer or time.monotonic()
            if time.monotonic() - first_answer > UNHEALTHY_GRACE:
                break
            time.sleep(pause)
        if last is not None:
            self._record(
                f"The server started but GET /health answered {last.status} instead of 200",
                "GET /health answers 200",
                response=last.describe(),
            )
        else:
            self._record(
                f"The server did not answer GET /health within {START_TIMEOUT:.0f} seconds",
                "the server listens on --host/--port and answers GET /health with 200",
            )
        return "failed"

    def _record(self, problem: str, expected: str, **extra: Any) -> None:
        log = self.log_tail()
        summary = f"{problem}."
        if log:
            summary += " Last lines of its output:\n" + log
        else:
            summary += " It printed nothing."
        self.failure = {
            "kind": "server_failed",
            "summary": summary,
            "request": f"python -m taskapi --host {HOST} --port {self.port} --db {self.db_path.name}"
            + " (run in your project folder; the database is a new file in a temporary folder)",
            "expected": expected,
            "server_log": log,
            **extra,
        }

    def stop(self) -> float | None:
        """SIGTERM the process group, wait up to 5 s, then SIGKILL it.

        Returns how many seconds the server took to exit on SIGTERM, or None
        when it had to be killed (or was not running).
        """
        proc = self.proc
        if proc is None:
            return None
        took: float | None = None
        if proc.poll() is None:
            if self.programs is not None:
                self.programs.terminate(proc.pid)
            else:
                self._signal(signal.SIGTERM)
            started = time.monotonic()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=STOP_TIMEOUT)
                took = time.monotonic() - started
        # Whatever the leader did, make sure no child of it survives.
        self._signal(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=STOP_TIMEOUT)
        self.proc = None
        return took

    def kill(self) -> None:
        """SIGKILL at once, like a crash or a power cut."""
        if self.proc is None:
            return
        self._signal(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=STOP_TIMEOUT)
        self.proc = None

    def _signal(self, sig: int) -> None:
        assert self.proc is not None
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, sig)
