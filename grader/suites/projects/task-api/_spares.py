"""Spare server processes: Python started and the web framework imported before a test needs a server.

Most of a server's start is importing fastapi, uvicorn and pydantic (about
0.8 s of CPU), which are trusted libraries and the same for every start. A
spare is a ``python -c`` process in the learner's project folder (in the
batch's sandbox when there is one) that imports them and then waits on its
stdin. Handed a start, it sends its output to the server's log, takes the
server's arguments and runs ``taskapi`` as ``python -m taskapi`` would: the
learner's code is imported only then, fresh in each server. A spare that is
never used is killed; it never ran learner code.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Trusted modules every Task API server imports; a missing one is simply left to the server.
PRELOAD = (
    "argparse",
    "sqlite3",
    "fastapi",
    "pydantic",
    "pydantic.v1",
    "uvicorn",
    "uvicorn.main",
    "uvicorn.lifespan.on",
    "uvicorn.loops.auto",
    "uvicorn.protocols.http.auto",
    "uvicorn.protocols.websockets.auto",
)
KEEP = 3  # spares kept ready: a restart test starts two servers one after the other, the next test more

# How a server process takes its start (an "order"), in a spare or a warm parent's child:
# output to the server's log, nothing to read, the arguments and settings of ``python -m``.
TAKE_ORDER = """\
def take(order):
    log = os.open(order["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    quiet = os.open(os.devnull, os.O_RDONLY)
    os.dup2(quiet, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    os.close(quiet)
    sys.argv[1:] = order["args"]
    os.environ.update(order["env"])
"""

# Before either program: the framework imported while the working folder is off sys.path
# (nothing of the learner's may stand in for it); the folder then comes back first, as for
# ``python -m``.
PRELOADING = """\
here = sys.path.pop(0)
for name in PRELOAD:
    try:
        importlib.import_module(name)
    except Exception:
        pass
sys.path.insert(0, here)
"""

# The spare itself: standard library only, the framework preloaded. It waits for its one start.
PROGRAM = """\
import json, runpy
order = sys.stdin.readline()
if not order:
    raise SystemExit(0)
order = json.loads(order)
take(order)
runpy.run_module(order["module"], run_name="__main__", alter_sys=True)
"""


def program(body: str) -> str:
    """A ``python -c`` program: how to take an order, the framework preloaded, then ``body``."""
    return f"import importlib, os, sys\nPRELOAD = {PRELOAD!r}\n" + TAKE_ORDER + PRELOADING + body


def server_env() -> dict[str, str]:
    """The environment a server starts with, spare or not."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the learner's folder is the working directory
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


class Spares:
    """Spares for one project folder whose servers keep their files under ``root``."""

    def __init__(
        self,
        project_dir: Path,
        root: Path,
        programs: Any = None,
        on_spawn: Callable[[int], None] | None = None,
        keep: int = KEEP,
    ) -> None:
        self.project_dir = Path(project_dir)
        self.root = Path(root)
        self.programs = programs  # grader.kinds.learner_programs.LearnerPrograms, or None
        self.on_spawn = on_spawn
        self.keep = keep
        self.expected: int | None = None  # starts still to come, if known: no spare is left unused
        self.waiting: list[subprocess.Popen[bytes]] = []
        self.lock = threading.Lock()  # scenes start servers from threads of their own (_scene)

    def covers(self, *paths: Path) -> bool:
        """Whether a spare can write at ``paths`` (in a sandbox it may write only under the root)."""
        return all(Path(path).resolve().is_relative_to(self.root.resolve()) for path in paths)

    def launch(self) -> subprocess.Popen[bytes] | None:
        """Start one more spare; None if it cannot be started."""
        spare = launch_spare(self.project_dir, self.programs, self.root)
        if spare is not None and self.on_spawn is not None:
            self.on_spawn(spare.pid)
        return spare

    def adopt(self, spare: subprocess.Popen[bytes]) -> None:
        """Take on a spare started before the session's fixtures existed (it loads during collection)."""
        if self.on_spawn is not None:
            self.on_spawn(spare.pid)
        self.waiting.append(spare)

    def start(
        self, module: str, args: list[str], log_path: Path, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes] | None:
        """A server process running ``env ... python -m module args`` with its output in ``log_path``.

        The oldest waiting spare is used, else a new one; None when none takes the start
        (the caller then starts the server the usual way).
        """
        order = json.dumps({"module": module, "args": args, "log": str(log_path), "env": env or {}}) + "\n"
        with self.lock:
            return self._hand_over(order)

    def _hand_over(self, order: str) -> subprocess.Popen[bytes] | None:
        if self.expected is not None:
            self.expected -= 1
        while True:
            spare = self.waiting.pop(0) if self.waiting else self.launch()
            if spare is None:
                return None
            if hand_over(spare, order):
                return spare
            kill(spare)

    def refill(self) -> None:
        """Start spares until ``keep`` are waiting, or as many starts as are still to come.

        They load while the tests go on.
        """
        with self.lock:
            self._refill()

    def _refill(self) -> None:
        self.waiting = [spare for spare in self.waiting if spare.poll() is None]
        wanted = self.keep if self.expected is None else min(self.keep, max(self.expected, 0))
        while len(self.waiting) < wanted:
            spare = self.launch()
            if spare is None:
                return
            self.waiting.append(spare)

    def close(self) -> None:
        """Kill the spares still waiting."""
        with self.lock:
            for spare in self.waiting:
                kill(spare)
            self.waiting = []


def launch_spare(
    project_dir: Path, programs: Any = None, root: Path | None = None
) -> subprocess.Popen[bytes] | None:
    """Start a spare in ``project_dir`` (sandboxed: writing only under ``root``); None if it cannot start."""
    command = [sys.executable, "-c", program(PROGRAM)]
    if programs is not None:
        command = list(programs.command(command, project_dir, [root] if root is not None else []))
    try:
        return subprocess.Popen(
            command,
            cwd=project_dir,
            stdin=subprocess.PIPE,  # its start comes this way; when we are gone it reads the end and exits
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=server_env(),
            start_new_session=True,
        )
    except OSError:
        return None


def hand_over(spare: subprocess.Popen[bytes], order: str) -> bool:
    """Give ``spare`` its start; False if it is gone."""
    if spare.poll() is not None or spare.stdin is None:
        return False
    try:
        spare.stdin.write(order.encode("utf-8"))
        spare.stdin.close()
    except OSError:
        return False
    return True


def kill(spare: subprocess.Popen[bytes]) -> None:
    """Kill a spare's process group (a sandbox's with it) and reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(spare.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        if spare.stdin is not None:
            spare.stdin.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        spare.wait(timeout=5.0)
