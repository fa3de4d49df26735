"""A warm trusted pytest: imported once, forked for every grading run.

Run as ``python -I -m grader.batch.zygote``. It imports pytest, its built-in
plugins, pytest-json-report and our plugin, then reads one JSON request per
line: ``{"argv": [...], "cwd": ..., "log": ...}``. For each it forks a child
that becomes a session leader, sends its output to the log and runs
``pytest.main(argv)``; it answers ``{"pid": N}`` at once and
``{"exit": status}`` when the child ends (a negative status: killed by that
signal). Learner code never runs here: the child starts learner workers
exactly as a fresh pytest would, in the sandbox.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import importlib
import json
import os
import signal
import sys

PRELOAD = ("pytest", "pytest_jsonreport.plugin", "grader.plugin", "grader.testkit", "grader.batch.together")
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (best effort elsewhere)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def preload() -> None:
    from _pytest.config import default_plugins

    for name in PRELOAD:
        importlib.import_module(name)
    for name in default_plugins:
        importlib.import_module(f"_pytest.{name}")
    # Every run's pytest calls gc.collect(); frozen objects are skipped (and their pages stay shared).
    gc.freeze()


def child(request: dict[str, object]) -> None:
    """Become the grading run: own session, output to the log, then pytest."""
    os.setsid()
    die_with_parent()
    log = os.open(str(request["log"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.chdir(str(request["cwd"]))
    code = 3
    try:
        import pytest

        argv = [str(a) for a in request["argv"]]  # type: ignore[attr-defined]
        code = int(pytest.main(argv))
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve() -> None:
    replies = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            child(request)
        replies.write(json.dumps({"pid": pid}) + "\n")
        replies.flush()
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        replies.write(json.dumps({"exit": code}) + "\n")
        replies.flush()


def main() -> None:
    die_with_parent()
    preload()
    sys.stdout.write(json.dumps({"ready": os.getpid()}) + "\n")
    sys.stdout.flush()
    serve()


if __name__ == "__main__":
    main()
