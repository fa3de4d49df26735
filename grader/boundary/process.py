"""Run the learner's worker process and exchange one request and reply at a time.

Only this module starts, times and stops worker processes; what the requests
mean lives in :mod:`grader.boundary.remote`.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import grader.worker
from grader.boundary.run_queue import RunQueueWait
from grader.boundary.waiting import wait_for_exit
from grader.boundary.where_stopped import WHERE_LINE, where_line
from grader.boundary.worker_endings import LimitWatch, explain_end, note_host_failure
from grader.boundary.worker_environment import minimal_environment
from grader.worker.pipe_reading import read_when_ready

WORKER_SCRIPT = Path(grader.worker.__file__).resolve().with_name("main.py")
HELLO_LINE = b'{"hello":1}'  # the worker's first line, before any learner code
SIDE_LINES = (WHERE_LINE, HELLO_LINE)  # lines that are not replies
# Every file the worker runs: the script and what it loads by path from beside it (the sandbox
# binds each one; test_process checks that every load_wire name is here).
WORKER_FILES = tuple(
    WORKER_SCRIPT.with_name(name)
    for name in (
        "main.py", "wire.py", "step_counter.py", "kept_arguments.py", "limits.py", "pipe_reading.py",
        "value_types.py", "value_builders.py", "sharing.py", "operations.py", "errors.py",
        "stop_watch.py", "loop_evidence.py", "recursion.py",
    )
)  # fmt: skip


class LearnerProblem(Exception):
    """Something went wrong on the learner's side of the boundary."""

    kind = "error"

    def __init__(self, summary: str, **detail: Any) -> None:
        super().__init__(summary)
        self.detail = {"kind": self.kind, "summary": summary, **detail}


class LearnerTimeout(LearnerProblem):
    kind = "timeout"


class LearnerCrash(LearnerProblem):
    kind = "crash"


def ignore_pid(pid: int) -> None:
    """The default for on_start: nobody needs to know the process id."""


def kill_group(pid: int) -> None:
    """Kill a process group on POSIX (the leader's pid names it), or the process elsewhere."""
    try:
        if os.name == "posix":
            os.killpg(pid, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError, OSError):
        pass


def kill_process_tree(process: subprocess.Popen[Any]) -> None:
    """Kill a process and, where the platform allows, its whole process group."""
    if process.poll() is None or os.name == "posix":
        kill_group(process.pid)
    wait_for_exit(process, 5)


COMPACT = (",", ":")  # no spaces after separators: a million-item list is a megabyte less to send
MAX_REPLY_BYTES = 16 * 1024 * 1024 + 1024  # the worker's own limit, and room for the rest
PIPE_BYTES = 1024 * 1024
F_SETPIPE_SZ = 1031  # Linux: larger pipes carry a large value in fewer system calls
PATIENCE = 0.05  # seconds: a call still running then has its wait for a processor counted


class WorkerProcess:
    """One running worker: send a request, wait for its reply within a time limit."""

    def __init__(
        self,
        learner_dir: Path,
        memory_mb: int,
        on_start: Callable[[int], None],
        prefix: Sequence[str] = (),
        installed_packages: bool = False,
    ) -> None:
        # ``prefix`` wraps the worker in a sandbox (batch grading; see grader/boundary/sandbox.py).
        # -s -P as -I has them, without its -E: the environment is ours alone, and its hash seed
        # must count. -B: no bytecode written into the learner's folder. -S keeps an exercise to
        # the standard library; a project's modules import their framework, so ``installed_packages``
        # lets site add this environment's packages (a sandbox must then bind them: Access.libraries).
        python = [sys.executable, "-s", "-P", "-B", *(() if installed_packages else ("-S",))]
        command = [*prefix, *python, str(WORKER_SCRIPT), str(learner_dir), str(memory_mb)]
        self.stderr_path = learner_dir.parent / f"worker-stderr-{time.monotonic_ns()}.txt"
        with open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                cwd=learner_dir,
                env=minimal_environment(),
                start_new_session=(os.name == "posix"),
                bufsize=0,
            )
        on_start(self.process.pid)
        self.learner_dir, self.sandboxed, self.watch = learner_dir, bool(prefix), LimitWatch(prefix)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.send_fd, self.reply_fd = self.process.stdin.fileno(), self.process.stdout.fileno()
        for fd in (self.send_fd, self.reply_fd):
            with contextlib.suppress(OSError, AttributeError):
                import fcntl

                fcntl.fcntl(fd, F_SETPIPE_SZ, PIPE_BYTES)
        self.pending = bytearray()
        self.started = False  # set when the worker's hello is read
        self.last_reply_bytes = 0
        self.buffer = bytearray(PIPE_BYTES)
        self.chunks: queue.Queue[bytes] | None = None
        if os.name != "posix":  # Windows pipes cannot be polled: a thread reads for us
            self.chunks = queue.Queue()
            threading.Thread(target=self._pump, args=(self.chunks,), daemon=True).start()
        else:
            os.set_blocking(self.reply_fd, False)
            self.poller = select.poll()
            self.poller.register(self.reply_fd, select.POLLIN)

    def _pump(self, chunks: queue.Queue[bytes]) -> None:
        while chunk := os.read(self.reply_fd, PIPE_BYTES):
            chunks.put(chunk)
        chunks.put(b"")

    def _next_chunk(self, seconds: float) -> bytes | None:
        """Bytes from the worker; b"" at its end; None when nothing came within ``seconds``."""
        if seconds <= 0:
            return None
        if self.chunks is not None:
            try:
                return self.chunks.get(timeout=seconds)
            except queue.Empty:
                return None
        # Into a buffer made once: os.read(fd, 1 MiB) allocated (and faulted in) a megabyte per reply.
        count = read_when_ready(self.reply_fd, self.buffer, self.poller, int(seconds * 1000) + 1)
        return None if count is None else bytes(self.buffer[:count])

    def request(self, message: dict[str, Any], seconds: float) -> dict[str, Any]:
        """Send one request; raise LearnerTimeout or LearnerCrash when it goes wrong.

        The worker's watch thread may send where a call is, just before its
        limit: kept for the LearnerTimeout, skipped when the reply comes after all.
        """
        deadline = time.monotonic() + max(seconds, 0.01)
        try:
            # The clock both processes read: the worker's last look comes before our limit,
            # however long the request took to send.
            data = memoryview(
                json.dumps({**message, "deadline": deadline}, separators=COMPACT).encode() + b"\n"
            )
            while data:
                data = data[os.write(self.send_fd, data) :]
            line, where = self._await_reply(deadline, seconds)
        except (BrokenPipeError, OSError):
            line, where = b"", None
        if line is None:
            self._check_limits()  # stuck at its memory limit, the kernel reclaiming: say so
            self.stop()
            early = bool(where and where.get("loop", {}).get("certain"))
            raise LearnerTimeout(
                f"did not finish within {seconds:g} s", seconds=seconds, where=where, early=early
            )
        if not line:
            raise self._crashed()
        self.last_reply_bytes = len(line)  # read by iterations that pull many replies (object_uses.py)
        if self.watch.files:
            self._check_limits()  # its processes together may have reached a limit of its cgroup
        try:
            reply = json.loads(line)
        except RecursionError:
            self.stop()
            raise LearnerCrash("sent back a value nested too deeply to check") from None
        except ValueError:
            self.stop()
            raise LearnerCrash("sent back something unreadable") from None
        if not isinstance(reply, dict):
            self.stop()
            raise LearnerCrash("sent back something unreadable")
        return reply

    def _await_reply(self, deadline: float, seconds: float) -> tuple[bytes | None, dict[str, Any] | None]:
        """The reply line (b"" if the worker ended; None when out of time), and where a call was.

        A call that lasts has its wait for a processor counted from PATIENCE on
        (run_queue.py), and given back at its limit: a busy machine's load is not the code's.
        """
        where, starved = None, None
        while True:
            left = deadline - time.monotonic()
            line = self._read_line(left if starved else min(left, PATIENCE))
            if line is None:
                if starved is None:
                    starved = self.run_queue_wait()
                if time.monotonic() < deadline:
                    continue
                if (more := starved.grant(seconds)) > 0:
                    deadline += more
                    continue
                return None, where
            if line == HELLO_LINE:
                self.started = True  # the worker's Python runs: the sandbox did start
            elif not line.startswith(SIDE_LINES):
                return line, where
            elif (where := where_line(line)) and where.get("loop", {}).get("certain"):
                return None, where  # it never ends: stop it now

    def run_queue_wait(self) -> RunQueueWait:
        """Count, from now, this worker's wait for a processor."""
        return RunQueueWait(self.process.pid, self.sandboxed)

    def _read_line(self, seconds: float) -> bytes | None:
        """The next reply line; b"" when the worker has ended; None after ``seconds``.

        Read here, without a reader thread: one wake-up per reply, not two.
        """
        deadline = time.monotonic() + seconds
        scanned = 0
        while (end := self.pending.find(b"\n", scanned)) < 0:
            scanned = len(self.pending)
            if scanned > MAX_REPLY_BYTES:
                self.stop()
                raise LearnerCrash("sent back more data than the grader accepts (16 MB)")
            chunk = self._next_chunk(deadline - time.monotonic())
            if not chunk:
                return chunk
            self.pending += chunk
        line = bytes(self.pending[:end])
        del self.pending[: end + 1]
        return line

    def _check_limits(self) -> None:
        if (reached := self.watch.reached()) is not None:
            self.stop()
            raise LearnerCrash(f"{reached.describe()}: it was stopped", reason=reached.describe())

    def _crashed(self) -> LearnerCrash:
        kill_process_tree(self.process)
        tail = self.stderr_tail()
        end = explain_end(self.process.returncode, self.sandboxed, self.watch, tail, self.started)
        self.stop()
        if end.host is not None:
            note_host_failure(self.learner_dir, end.host)
        return LearnerCrash(f"{end.reason}: {end.advice}", reason=end.reason, stderr=tail, host=end.host)

    def stderr_tail(self, limit: int = 2000) -> str:
        try:
            data = self.stderr_path.read_bytes()
        except OSError:
            return ""
        return data[-limit:].decode("utf-8", "replace")

    def stop(self) -> None:
        kill_process_tree(self.process)
        self.watch.close()
