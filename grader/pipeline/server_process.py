"""Start the pytest server's process, and start it first thing when a check begins.

A one-shot check waits on the server's start (python, then pytest), so every
millisecond before that start is on the learner's clock. Importing
:mod:`subprocess` and the rest of the grader first cost about 20 ms, so this
module needs nothing but ``os``: :func:`spawn_server` starts
``python -I -m grader.pipeline.pytest_server`` with ``os.posix_spawn``. The early
server of a check is better still a fork of the ``grader`` command itself,
taken before the command has imported anything (:func:`fork_server`): it
skips a second interpreter start (about 25 ms). The fork then makes itself
what ``python -I`` would be, and where that cannot be made sure (an
interpreter run with ``-O``, say, which would strip the suites' asserts) a
spawned server is used instead. :class:`ServerProcess` offers the few parts
of ``Popen`` that :class:`grader.pipeline.warm.PytestServer` uses.
"""

from __future__ import annotations

import os
import sys
import time

from grader.boundary.pytest_command import pytest_environment
from grader.pipeline.standard_streams import flush_standard_streams

TYPE_CHECKING = False  # typing itself costs 3 ms here, on the learner's clock
if TYPE_CHECKING:
    from typing import NoReturn

SERVER_COMMAND = [sys.executable, "-I", "-m", "grader.pipeline.pytest_server"]
WAIT_STEP_SECONDS = 0.005
SERVER_FAILED = 70  # the forked server's exit status if it could not serve


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

    def __init__(self, pid: int, input_end: int, output_end: int) -> None:
        self.pid = pid
        self.stdin = os.fdopen(input_end, "wb")
        self.stdout = os.fdopen(output_end, "rb", buffering=0)
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


def open_standard_fds() -> None:
    """Put /dev/null on a closed standard input, output or error (``grader check <&-``).

    Otherwise a pipe made next could take fd 0, 1 or 2 and be closed or
    overwritten when the server's own standard streams are set up.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # the lowest free descriptor: this one


def spawn_server(preload: tuple[str, ...] = ()) -> ServerProcess:
    """Start ``python -I -m grader.pipeline.pytest_server``; ``preload``: trusted modules it imports once."""
    open_standard_fds()
    command = SERVER_COMMAND + list(preload)
    child_input, input_end = os.pipe()  # both ends close on exec; dup2 clears that for 0 and 1
    output_end, child_output = os.pipe()
    null = os.open(os.devnull, os.O_WRONLY)
    actions = [
        (os.POSIX_SPAWN_DUP2, child_input, 0),
        (os.POSIX_SPAWN_DUP2, child_output, 1),
        (os.POSIX_SPAWN_DUP2, null, 2),
    ]
    env = server_environment()
    try:
        try:
            pid = os.posix_spawn(command[0], command, env, file_actions=actions, setsid=True)
        except NotImplementedError:  # no new session at spawn here: a process group of its own will do
            pid = os.posix_spawn(command[0], command, env, file_actions=actions, setpgroup=0)
    except BaseException:
        os.close(input_end)
        os.close(output_end)
        raise
    finally:
        for fd in (child_input, child_output, null):
            os.close(fd)
    return ServerProcess(pid, input_end, output_end)


def isolated_path() -> list[str] | None:
    """This process's import path as ``python -I`` starts with it; None where a fork can't be one.

    Isolated mode leaves out the script's folder (the current one under
    ``-m``), PYTHONPATH and the user's site folder. What a fork cannot undo
    rules it out: the flags (``-O`` strips asserts, ``-W`` changes warnings),
    threads, and pytest already imported and set up (in a test run, say).
    """
    threading = sys.modules.get("threading")
    if sys.flags.optimize or sys.warnoptions or "_pytest" in sys.modules:
        return None
    if threading is not None and threading.active_count() > 1:
        return None
    # The entry isolated mode leaves out: the current folder for `python -m`, else the script's folder.
    started_as_module = getattr(sys.modules.get("__main__"), "__spec__", None) is not None
    first = os.getcwd() if started_as_module else os.path.dirname(os.path.abspath(sys.argv[0]))
    if not sys.path or os.path.abspath(sys.path[0]) != first:
        return None  # started some other way (`-c`, embedded): no telling which entries to drop
    site = sys.modules.get("site")
    entries = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    outside = {os.path.abspath(entry) for entry in entries if entry}
    if site is not None and isinstance(getattr(site, "USER_SITE", None), str):
        outside.add(os.path.abspath(site.USER_SITE))
    return [entry for entry in sys.path[1:] if os.path.abspath(entry) not in outside]


def fork_server(path: list[str]) -> ServerProcess:
    """Fork this process into a pytest server that imports with ``path`` as its import path."""
    open_standard_fds()
    child_input, input_end = os.pipe()
    output_end, child_output = os.pipe()
    flush_standard_streams()  # nothing written may be written twice
    pid = os.fork()
    if pid == 0:
        become_server((child_input, child_output), (input_end, output_end), path)
    os.close(child_input)
    os.close(child_output)
    return ServerProcess(pid, input_end, output_end)


def become_server(pipes: tuple[int, int], parent_ends: tuple[int, int], path: list[str]) -> NoReturn:
    """In the forked child: take ``pipes`` as input and output, isolate as ``python -I`` would, serve."""
    try:
        os.setsid()
        null = os.open(os.devnull, os.O_WRONLY)
        for fd, target in zip((*pipes, null), (0, 1, 2), strict=True):
            os.dup2(fd, target)
        for fd in (*pipes, null, *parent_ends):
            os.close(fd)
        for name, fd, mode in (("stdin", 0, "r"), ("stdout", 1, "w"), ("stderr", 2, "w")):
            if getattr(sys, name) is None:  # closed when `grader` started; a new interpreter has one
                stream = open(fd, mode, closefd=False)  # noqa: SIM115 - it lives as long as the server
                setattr(sys, name, stream)
                setattr(sys, f"__{name}__", stream)
        os.environ.clear()
        os.environ.update(server_environment())
        sys.path[:] = path
        sys.dont_write_bytecode = False  # as in a spawned server: our modules keep their bytecode
        from grader.pipeline.pytest_server import main

        main([])
    finally:
        os._exit(SERVER_FAILED)


_EARLY: list[ServerProcess] = []


def start_early() -> None:
    """Start a server now, for the first grading run of this process to take."""
    if not hasattr(os, "fork") or not hasattr(os, "posix_spawn") or _EARLY:
        return
    try:
        path = isolated_path()
        _EARLY.append(spawn_server() if path is None else fork_server(path))
    except OSError:
        return  # out of processes or files, say: the run starts a server itself, and reports it if it fails


def take_early() -> ServerProcess | None:
    """The server started early, if it is still running."""
    while _EARLY:
        process = _EARLY.pop()
        if process.poll() is None:
            return process
        process.stdin.close()
        process.stdout.close()
    return None
