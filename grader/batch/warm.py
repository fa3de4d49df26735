"""The batch's side of a warm trusted pytest (see :mod:`grader.batch.zygote`).

One per grading slot. It runs the same command line a fresh pytest would get
(``python -I -m pytest ARGS``), so a run's staging, signed report and checks
do not change; only the start-up is saved. At the time limit the run's whole
session is killed, as for a fresh process.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from grader.pytest_command import pytest_environment

PYTEST_PREFIX = ["-I", "-m", "pytest"]


class WarmPytest:
    """A pre-forked pytest process; ``run`` has the Launcher signature."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.replies: queue.Queue[dict[str, Any]] = queue.Queue()
        self.ready = False

    def __enter__(self) -> WarmPytest:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-m", "grader.batch.zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=pytest_environment(),
            start_new_session=True,
        )
        self.replies = queue.Queue()
        threading.Thread(target=self._read, args=(self.process, self.replies), daemon=True).start()
        # Its "ready" is awaited by the first run: every slot's warm process starts up at once.
        self.ready = False

    @staticmethod
    def _read(process: subprocess.Popen[bytes], replies: queue.Queue[dict[str, Any]]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            replies.put(json.loads(line))
        replies.put({})

    def _reply(self, key: str, seconds: float | None) -> Any:
        reply = self.replies.get(timeout=seconds)
        if key not in reply:
            raise RuntimeError("the warm pytest process ended unexpectedly")
        return reply[key]

    def close(self) -> None:
        if self.process is not None:
            if self.process.stdin:
                self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def run(self, command: list[str], cwd: Path, log: Path, seconds: float) -> int | None:
        """Run ``python -I -m pytest ARGS`` forked from the warm process; None at the time limit."""
        if command[1:4] != PYTEST_PREFIX:
            raise ValueError("the warm pytest only runs `python -I -m pytest ...` commands")
        if self.process is None or self.process.poll() is not None:
            self.close()
            self.start()
        assert self.process is not None and self.process.stdin is not None
        if not self.ready:
            self._reply("ready", 120)
            self.ready = True
        request = {"argv": command[4:], "cwd": str(cwd), "log": str(log)}
        self.process.stdin.write(json.dumps(request).encode() + b"\n")
        self.process.stdin.flush()
        pid = int(self._reply("pid", 30))
        try:
            return int(self._reply("exit", seconds))
        except queue.Empty:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
            self._reply("exit", 30)
            return None
