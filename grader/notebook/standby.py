"""A grading process started ahead of the next in-notebook check, so that check does not wait for it.

Starting Python, importing the grader and pytest, and starting the trusted
pytest server take most of a check's time, and the first check of a session
paid it all while the learner watched. The setup cell (and every check, once
answered) starts the process for the next check: it starts its pytest server
at once, then waits for its one request on stdin. Each process grades once
and exits, so no check sees what another left; an unused one exits when the
kernel closes its stdin, and the pytest server dies with it.
"""

from __future__ import annotations

import atexit
import subprocess
import sys
from pathlib import Path

COMMAND = [sys.executable, "-m", "grader.notebook.run"]
_WAITING: list[tuple[Path, subprocess.Popen[str]]] = []


def start(folder: Path) -> None:
    """Start the grading process for the next check, in the course ``folder``, unless one waits."""
    if any(process.poll() is None and where == folder for where, process in _WAITING):
        return
    try:
        _WAITING.append((folder, spawn(folder)))
    except OSError:
        return  # out of processes, say: the check starts its own and reports it if that fails


def take(folder: Path) -> subprocess.Popen[str]:
    """The waiting grading process for ``folder`` if it is still alive, else a new one."""
    while _WAITING:
        where, process = _WAITING.pop()
        if process.poll() is None and where == folder:
            return process
        stop(process)
    return spawn(folder)


def spawn(folder: Path) -> subprocess.Popen[str]:
    pipe = subprocess.PIPE
    return subprocess.Popen(
        COMMAND, stdin=pipe, stdout=pipe, stderr=pipe, text=True, cwd=folder, encoding="utf-8"
    )


def stop(process: subprocess.Popen[str]) -> None:
    """End a grading process that will not be used (closing its stdin is its signal to go)."""
    if process.poll() is None:
        process.kill()
    process.communicate()


@atexit.register
def _stop_waiting() -> None:
    while _WAITING:
        stop(_WAITING.pop()[1])
