"""The trusted pytest process: pytest and our plugins imported once, one forked child per run.

Started as ``python -I -m grader.pipeline.pytest_server [MODULE...]`` (the modules
are imported up front), or forked from a starting ``grader check`` (see
:mod:`grader.pipeline.server_process`). It reads one job per line on stdin (JSON:
pytest arguments, folder, log file), forks a child that runs pytest with our
plugins given as objects (no entry-point scan), and answers ``started PID``
then ``ended STATUS``. Each run is a fresh fork of a process that never ran a
suite or learner code, so nothing one run does reaches the next. Before it
answers ``ended`` it kills every process the run left behind (see
:mod:`grader.boundary.reaper`).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import signal
import sys
from types import ModuleType
from typing import Any, NoReturn

from grader.boundary.reaper import become_subreaper, kill_children, set_process_option
from grader.pipeline.standard_streams import flush_standard_streams

PR_SET_PDEATHSIG = 1
PLUGINS: list[ModuleType] = []  # given to every run as objects: no entry-point scan


def import_pytest() -> None:
    """Import pytest, our plugins and pytest's own, once here rather than in every forked run."""
    import _pytest.config
    import pytest_jsonreport.plugin

    import grader.pipeline.plugin

    PLUGINS[:] = [pytest_jsonreport.plugin, grader.pipeline.plugin]
    for name in _pytest.config.default_plugins:  # pytest itself loads these lazily, per run
        with contextlib.suppress(ImportError):
            importlib.import_module(f"_pytest.{name}")


def run_pytest(args: list[str]) -> int:
    """Run pytest in this process with our plugins; return its exit status."""
    import pytest

    return int(pytest.main(args, plugins=list(PLUGINS)))


def run_job(job: dict[str, Any], channel: int) -> NoReturn:
    """In the forked child: become the leader of a new group, run pytest, exit (never return)."""
    code = 3
    try:
        os.close(channel)
        os.setsid()
        die_with_parent()
        os.chdir(job["cwd"])
        log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        code = run_pytest([str(arg) for arg in job["args"]])
    finally:
        flush_standard_streams()
        os._exit(code)


def exit_status(status: int) -> int:
    """A wait status as Popen reports it: the exit code, or minus the signal."""
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def serve(incoming: Any, channel: Any) -> None:
    """Answer jobs until stdin closes."""

    def reply(text: str) -> None:
        channel.write(text.encode("ascii") + b"\n")

    reply("ready")
    for line in incoming:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:
            run_job(job, channel.fileno())
        reply(f"started {pid}")
        _, status = os.waitpid(pid, 0)
        kill_children()
        reply(f"ended {exit_status(status)}")


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a killed grader leaves no run behind)."""
    set_process_option(PR_SET_PDEATHSIG, signal.SIGKILL)


def main(preload: list[str]) -> NoReturn:
    """Import pytest and ``preload`` (trusted modules every run loads), then serve until stdin closes."""
    die_with_parent()
    # No cyclic collection while importing: the imports make no garbage worth the 10-30 ms that
    # the collector's passes cost a check here, whose learner is waiting for this server.
    gc.disable()
    import_pytest()
    for name in preload:  # a batch's shared-run plugin, say
        importlib.import_module(name)
    sys.dont_write_bytecode = True  # our modules are cached by now; staged suites need none
    # Everything imported so far lives as long as the server: the collector never needs to walk it,
    # and a forked run that did would copy every page it touched (pytest collects at its end).
    gc.freeze()
    gc.enable()
    become_subreaper()
    channel = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    serve(os.fdopen(0, "rb"), channel)
    os._exit(0)  # nothing to flush or finish; tearing down a big heap only delays the caller


if __name__ == "__main__":
    main(sys.argv[1:])
