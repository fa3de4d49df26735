"""Start the pytest server's process with nothing but ``os``, so a check can start it first thing.

A one-shot check waits on the server's start (python, then pytest), so every
millisecond before it starts is a millisecond on the learner's clock.
Importing :mod:`subprocess` and the rest of the grader first cost about
20 ms; ``os.posix_spawn`` needs none of it. :class:`ServerProcess` offers the
few parts of ``Popen`` that :class:`grader.warm.PytestServer` uses.
"""

from __future__ import annotations

import os
import sys
import time

from grader.pytest_command import pytest_environment

TYPE_CHECKING = False  # typing itself costs 3 ms here, on the learner's clock
if TYPE_CHECKING:
    from typing import BinaryIO

SERVER_COMMAND = [sys.executable, "-I", "-m", "grader.pytest_server"]
WAIT_STEP_SECONDS = 0.005


def server_environment() -> dict[str, str]:
    """The isolated environment, but our own trusted modules may keep their bytecode.

    Without a cache every check compiled the grader's modules again; the
    server turns bytecode writing off again before any suite is imported.
    """
    env = pytest_environment()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


class ServerProcess:
    """A server process with its input and output pipes, in a session of its own."""

    def __init__(self, preload: tuple[str, ...] = ()) -> None:
        """Start the server; ``preload`` names trusted modules it imports once for every run."""
        command = SERVER_COMMAND + list(preload)
        child_input, input_end = os.pipe()  # both ends close on exec; dup2 clears that for 0 and 1
        output_end, child_output = os.pipe()
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            self.pid = os.posix_spawn(
                command[0],
                command,
                server_environment(),
                file_actions=[
                    (os.POSIX_SPAWN_DUP2, child_input, 0),
                    (os.POSIX_SPAWN_DUP2, child_output, 1),
                    (os.POSIX_SPAWN_DUP2, null, 2),
                ],
                setsid=True,
            )
        except BaseException:
            os.close(input_end)
            os.close(output_end)
            raise
        finally:
            for fd in (child_input, child_output, null):
                os.close(fd)
        self.stdin: BinaryIO = os.fdopen(input_end, "wb")
        self.stdout: BinaryIO = os.fdopen(output_end, "rb", buffering=0)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """The exit status if the server has ended (minus the signal if killed), else None."""
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        """Wait for the server to end; None if it is still running after ``timeout`` seconds."""
        if timeout is None:
            while self.returncode is None:
                _, status = os.waitpid(self.pid, 0)
                self.returncode = os.waitstatus_to_exitcode(status)
            return self.returncode
        deadline = time.monotonic() + timeout
        while self.poll() is None and time.monotonic() < deadline:
            time.sleep(WAIT_STEP_SECONDS)
        return self.returncode


_EARLY: list[ServerProcess] = []


def start_early() -> None:
    """Start a server now, for the first grading run of this process to take."""
    if hasattr(os, "fork") and hasattr(os, "posix_spawn") and not _EARLY:
        _EARLY.append(ServerProcess())


def take_early() -> ServerProcess | None:
    """The server started early, if it is still running."""
    while _EARLY:
        process = _EARLY.pop()
        if process.poll() is None:
            return process
        process.stdin.close()
        process.stdout.close()
    return None
