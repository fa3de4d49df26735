"""Run a learner's own tests against many implementations, paying Python's and pytest's start once.

Started by grader/boundary/forked_pytest.py as ``python -I -c <this file's text> <job spec>``:
standard library and pytest only; the runner process never imports the grader package.
This process imports pytest and its built-in plugins but runs no learner code.
For each implementation it forks a child that moves into its own session
(and process group), points its output at the file descriptor the trusted side opened for it,
closes the report pipe, enters the implementation's staged folder and only then
runs ``pytest.main``: the learner's code runs in that child alone, and whatever
it changes (modules, globals, files in its folder) ends with it.

On the report pipe (this process's stdout) it writes one line per event, as
JSON: ``["start", name, pid]``, ``["done", name, status]`` (from waitpid: the
exit status, or minus the signal) and ``["stopped", name]`` (past the time
limit, or a test stuck long enough for faulthandler to say where).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import select
import signal
import sys
import time

PR_SET_PDEATHSIG, PR_SET_DUMPABLE = 1, 4
LOOK_EVERY = 0.2  # seconds between two looks at a running child's output
POLL_WITHOUT_PIDFD = 0.02
LATER_IMPORTS = ("_pytest._argcomplete", "faulthandler", "pdb")  # what pytest.main imports as it goes


def prctl(option: int, value: int) -> None:
    """Linux's prctl(option, value), where there is one; nothing elsewhere."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def preload() -> None:
    """Import pytest and the plugins every run loads: each child starts with them in memory."""
    import _pytest.config
    import pytest  # noqa: F401

    for name in [*(f"_pytest.{name}" for name in _pytest.config.default_plugins), *LATER_IMPORTS]:
        with contextlib.suppress(ImportError):  # a plugin of another pytest version
            importlib.import_module(name)
    # Nothing loaded so far is garbage: the children's collections skip it (half their time).
    gc.freeze()


def exit_status(code: object) -> int:
    """The exit status Python gives ``SystemExit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    return 1


def child(job: dict, runner: int) -> None:  # pragma: no cover - forked
    """Run pytest for one implementation, in this forked child; never returns."""
    leave = os._exit  # kept before any learner code can replace it
    status = 1
    try:
        # A session of its own, as a pytest process started alone had: its own process group to
        # kill, and, where Linux groups processes by session to share the processor, its own share.
        os.setsid()
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # the runner gone (killed by a learner test): so is this
        if os.getppid() != runner:
            leave(status)
        os.dup2(job["fd"], 1)
        os.dup2(job["fd"], 2)
        os.closerange(3, 1 << 16)  # the report pipe, the other outputs, the other children's pidfds
        os.chdir(job["folder"])
        import pytest

        status = exit_status(int(pytest.main(job["args"])))
    except SystemExit as stop:
        status = exit_status(stop.code)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            leave(status)


class Runs:
    """The children running now: their jobs, start times, pidfds and how far their output was read."""

    def __init__(self, spec: dict, report_fd: int) -> None:
        self.spec = spec
        self.report_fd = report_fd
        self.running: dict[int, dict] = {}
        self.reaped: dict[int, int] = {}  # statuses waitpid gave before their child was settled
        self.no_more = False  # the first implementation was stopped: start nothing else

    def report(self, *event: object) -> None:
        data = (json.dumps(event) + "\n").encode()
        while data:
            data = data[os.write(self.report_fd, data) :]

    def start(self, job: dict) -> None:
        runner = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            child(job, runner)
        try:
            pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            pidfd = None
        self.running[pid] = {"job": job, "started": time.monotonic(), "pidfd": pidfd, "read": 0}
        self.report("start", job["name"], pid)

    def finish(self, pid: int, stopped: bool) -> None:
        """Record a child that ended, or stop it (past its limit); its group goes either way."""
        run = self.running.pop(pid)
        kill_group(pid)  # before reaping: the child's pid (its group's id) cannot be reused yet
        status = self.reap(pid)
        if run["pidfd"] is not None:
            os.close(run["pidfd"])
        name = run["job"]["name"]
        if stopped:
            self.report("stopped", name)
            self.no_more = self.no_more or (bool(self.spec["first_decides"]) and name == self.first)
        else:
            self.report("done", name, status)

    def has_ended(self, pid: int) -> bool:
        """Whether the child has ended, leaving it unreaped where the platform can."""
        if hasattr(os, "waitid"):
            try:
                return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
            except ChildProcessError:
                return True
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return True
        if done:
            self.reaped[pid] = os.waitstatus_to_exitcode(status)
        return bool(done)

    def reap(self, pid: int) -> int:
        """The child's exit status from waitpid, or minus the signal that ended it."""
        if pid in self.reaped:
            return self.reaped.pop(pid)
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return -signal.SIGKILL
        return os.waitstatus_to_exitcode(status)

    @property
    def first(self) -> str:
        return self.spec["jobs"][0]["name"]

    def stuck(self, run: dict) -> bool:
        """The child's output holds the mark faulthandler writes when a test runs too long."""
        mark = self.spec["stuck"].encode()
        start = max(0, run["read"] - len(mark))
        try:
            data = os.pread(run["job"]["fd"], 1 << 20, start)
        except OSError:
            return False
        run["read"] = start + len(data)
        return mark in data

    def look(self) -> None:
        """Wait a little for a child to end, then settle every child that ended or must stop."""
        fds = [run["pidfd"] for run in self.running.values() if run["pidfd"] is not None]
        if len(fds) == len(self.running):
            select.select(fds, [], [], LOOK_EVERY)
        else:
            time.sleep(POLL_WITHOUT_PIDFD)
        now = time.monotonic()
        for pid, run in list(self.running.items()):
            if self.has_ended(pid):
                self.finish(pid, stopped=False)
            elif now - run["started"] > self.spec["seconds"] or self.stuck(run):
                self.finish(pid, stopped=True)


def kill_group(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


def main(argv: list[str]) -> int:
    spec = json.loads(argv[1])
    prctl(PR_SET_DUMPABLE, 0)  # a child can neither ptrace this process nor open its files in /proc
    report_fd = os.dup(1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # stray prints cannot reach the report pipe
    preload()
    runs = Runs(spec, report_fd)
    waiting = list(spec["jobs"])
    started = time.monotonic()
    while (waiting or runs.running) and time.monotonic() - started < spec["total_seconds"]:
        while waiting and not runs.no_more and len(runs.running) < spec["side_by_side"]:
            runs.start(waiting.pop(0))
        if not runs.running:
            break
        runs.look()
    for pid in list(runs.running):
        runs.finish(pid, stopped=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
