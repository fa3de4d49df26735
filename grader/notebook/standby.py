"""The grading process of a notebook session: started ahead of its first check, kept for the next.

Starting Python, importing the grader and pytest, and starting the trusted
pytest server take most of a check's time, and the first check of a session
paid it all while the learner watched. The setup cell starts the grading
process (it starts its pytest server at once), and it answers one request
per line for as long as the kernel lives. Each check is still a run of its
own: the pytest server forks a fresh child, with a fresh learner worker, for
every run, so no check sees what another left. A process that did not answer
in time, or was stopped, is killed and replaced by a new one; an unused one
exits when the kernel closes its stdin, and the pytest server dies with it.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import queue
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

COMMAND = [sys.executable, "-m", "grader.notebook.run"]
_WAITING: list[tuple[Path, subprocess.Popen[str]]] = []
_ERRORS: dict[int, IO[bytes]] = {}  # each process's standard error, in a file: a pipe could fill up


def start(folder: Path) -> None:
    """Start the grading process for the course ``folder``, unless one waits."""
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


def keep(folder: Path, process: subprocess.Popen[str]) -> None:
    """Put back a process that answered, for the next check of ``folder`` (a new one if it is gone)."""
    if process.poll() is None:
        _WAITING.append((folder, process))
    else:
        replace(folder, process)


def replace(folder: Path, process: subprocess.Popen[str]) -> None:
    """End a process that cannot be used again, and start the next check's process meanwhile."""
    stop(process)
    start(folder)


def spawn(folder: Path) -> subprocess.Popen[str]:
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - open as long as the process lives (see stop)
    pipe = subprocess.PIPE
    process = subprocess.Popen(
        COMMAND, stdin=pipe, stdout=pipe, stderr=errors, text=True, cwd=folder, encoding="utf-8"
    )
    _ERRORS[process.pid] = errors
    return process


def ask(process: subprocess.Popen[str], request: dict[str, Any], seconds: float) -> dict[str, Any] | None:
    """Send one request and return its answer; None if the process ended without one.

    Raises ``subprocess.TimeoutExpired`` when no answer came within ``seconds``.
    """
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(json.dumps(request) + "\n")
        process.stdin.flush()
    except OSError:
        return None
    answers: queue.Queue[str] = queue.Queue()
    reader = process.stdout
    # A thread reads, so the wait has a limit on every platform (select cannot wait on a pipe everywhere).
    threading.Thread(target=lambda: answers.put(reader.readline()), daemon=True).start()
    try:
        line = answers.get(timeout=seconds)
    except queue.Empty:
        raise subprocess.TimeoutExpired(COMMAND, seconds) from None
    try:
        answer = json.loads(line) if line else None
    except ValueError:
        return None
    return answer if isinstance(answer, dict) else None


def last_words(process: subprocess.Popen[str]) -> str:
    """The end of what a process wrote to its standard error."""
    errors = _ERRORS.get(process.pid)
    if errors is None:
        return ""
    errors.seek(0)
    return errors.read().decode("utf-8", errors="replace").strip()[-500:]


def stop(process: subprocess.Popen[str]) -> None:
    """End a grading process that will not be used again."""
    if process.poll() is None:
        process.kill()
    for stream in (process.stdin, process.stdout):
        with contextlib.suppress(OSError, ValueError):  # closed already, or broken
            if stream is not None:
                stream.close()
    process.wait()
    errors = _ERRORS.pop(process.pid, None)
    if errors is not None:
        errors.close()


@atexit.register
def _stop_waiting() -> None:
    while _WAITING:
        stop(_WAITING.pop()[1])
