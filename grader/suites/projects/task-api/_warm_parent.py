"""One warm parent process that forks every server of a check: the web framework imported once.

A spare (``_spares``) saves a start the wait for fastapi, uvicorn and pydantic
but still pays their import, about 0.8 s of processor time, once per server; a
whole check starts dozens. Outside a sandbox one parent imports them once and
forks a child per start. The child is what a spare would be: a process in
its own session that has imported only trusted libraries, which then runs
``python -m taskapi`` in the project folder, importing the learner's code
afresh. The parent runs no learner code; it reports each child's pid and, as
it reaps them, their exit codes, so ``ForkedServer`` answers as a
``subprocess.Popen`` would. (In a batch's sandbox servers are spares: the
sandbox's own pid namespace would hide the children's pids.)
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from _spares import program, server_env

REPLY_TIMEOUT = 30.0  # the parent may still be importing the framework when the first start comes

# The parent: standard library only, after take() and the framework's preloading (_spares.program).
PARENT = """\
import atexit, json, runpy, select, signal, threading, traceback
wake, woken = os.pipe()
os.set_blocking(wake, False)
os.set_blocking(woken, False)
signal.set_wakeup_fd(woken)
signal.signal(signal.SIGCHLD, lambda *_: None)


def tell(message):
    os.write(1, (json.dumps(message) + "\\n").encode())


def reap():
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        tell({"exited": pid, "code": os.waitstatus_to_exitcode(status)})


def exit_code(stop):
    if stop.code is None or isinstance(stop.code, int):
        return stop.code or 0
    print(stop.code, file=sys.stderr)
    return 1


def server(order):
    # In the child: a session of its own, the parent's pipes and signal set-up dropped.
    os.setsid()
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.close(wake)
    os.close(woken)
    take(order)
    code = 0
    try:
        runpy.run_module(order["module"], run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        code = exit_code(stop)
    except BaseException:
        traceback.print_exc()
        code = 1
    # What the interpreter does at its end: wait for threads, run atexit, flush.
    threading._shutdown()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    return code


pending = b""
while True:
    ready = select.select([0, wake], [], [])[0]
    if wake in ready:
        while True:
            try:
                os.read(wake, 512)
            except BlockingIOError:
                break
        reap()
    if 0 not in ready:
        continue
    chunk = os.read(0, 65536)
    if not chunk:
        break
    pending += chunk
    while b"\\n" in pending:
        line, pending = pending.split(b"\\n", 1)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = server(json.loads(line))
            finally:
                os._exit(code)
        tell({"started": pid})
"""


class WarmParent:
    """The parent process of one project folder's servers, and what it has told of them.

    It takes a server's start as ``_spares.Spares`` does (``start``, ``covers``,
    ``refill``, ``close``), so a server is started the same way by either.
    """

    def __init__(self, project_dir: Path, on_spawn: Callable[[int], None] | None = None) -> None:
        self.on_spawn = on_spawn
        self.proc = subprocess.Popen(
            [sys.executable, "-c", program(PARENT)],
            cwd=project_dir,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=server_env(),
            start_new_session=True,
        )
        assert self.proc.stdout is not None
        self.replies = self.proc.stdout.fileno()
        os.set_blocking(self.replies, False)
        self.pending = b""
        self.lock = threading.RLock()  # scenes start servers from threads of their own (_scene)
        self.started: list[int] = []
        self.exits: dict[int, int] = {}

    def adopted(self, on_spawn: Callable[[int], None]) -> WarmParent:
        """This parent, started before the session's fixtures existed, now told to ``on_spawn``."""
        self.on_spawn = on_spawn
        on_spawn(self.proc.pid)
        return self

    def covers(self, *paths: Path) -> bool:
        """Whether a forked server can write at ``paths``: outside a sandbox, anywhere we can."""
        return True

    def refill(self) -> None:
        """Nothing to prepare: the parent is warm once, for every start."""

    def start(
        self, module: str, args: list[str], log_path: Path, env: dict[str, str] | None = None
    ) -> ForkedServer | None:
        """Fork ``env ... python -m module args``, output to ``log_path``; None if it cannot."""
        order = json.dumps({"module": module, "args": args, "log": str(log_path), "env": env or {}}) + "\n"
        with self.lock:
            pid = self._fork(order)
        if pid is None:
            return None
        server = ForkedServer(self, pid)
        if self.on_spawn is not None:
            self.on_spawn(server.pid)
        return server

    def _fork(self, order: str) -> int | None:
        """Send one start; the pid the parent forked for it, or None."""
        if self.proc.poll() is not None or self.proc.stdin is None:
            return None
        try:
            self.proc.stdin.write(order.encode("utf-8"))
            self.proc.stdin.flush()
        except OSError:
            return None
        deadline = time.monotonic() + REPLY_TIMEOUT
        while not self.started and self.read(deadline - time.monotonic()):
            pass
        return self.started.pop(0) if self.started else None

    def read(self, seconds: float) -> bool:
        """Take in what the parent said within ``seconds``; False once it is gone or the time is up."""
        with self.lock:
            return self._read(seconds)

    def _read(self, seconds: float) -> bool:
        if seconds <= 0 or not select.select([self.replies], [], [], seconds)[0]:
            return False
        try:
            chunk = os.read(self.replies, 65536)
        except BlockingIOError:
            return True
        if not chunk:
            return False
        self.pending += chunk
        *lines, self.pending = self.pending.split(b"\n")
        for line in lines:
            message = json.loads(line)
            if "started" in message:
                self.started.append(int(message["started"]))
            else:
                self.exits[int(message["exited"])] = int(message["code"])
        return True

    def close(self) -> None:
        """Stop the parent (a server still running is the suite's to stop, as any other)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5.0)
        for stream in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()


class ForkedServer:
    """A server forked by the warm parent, answering as much of ``subprocess.Popen`` as the suite uses."""

    def __init__(self, parent: WarmParent, pid: int) -> None:
        self.parent = parent
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            while self.parent.read(0.0001):
                pass
            self.returncode = self.parent.exits.get(self.pid)
            if self.returncode is None and self.parent.proc.poll() is not None and not alive(self.pid):
                self.returncode = -signal.SIGKILL  # its parent is gone, and nobody can say how it ended
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = time.monotonic() + (timeout if timeout is not None else 3600.0)
        while self.poll() is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise subprocess.TimeoutExpired(f"server {self.pid}", timeout or 0.0)
            if not self.parent.read(min(left, 0.05)):
                time.sleep(min(max(left, 0.0), 0.005))
        assert self.returncode is not None
        return self.returncode


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
