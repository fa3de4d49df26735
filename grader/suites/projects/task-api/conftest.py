"""Fixtures for the Task API suite: the learner's server and a client for it.

``api`` is a client for one server shared by most of the session (fast), on a
fresh database. ``spawn`` starts extra servers for tests that need their own
(a restart on the same database file, or isolation); all of them are stopped
at the end of the test. If the shared server dies during a test, the next
test gets a new one on a fresh database (a bounded number of times), so one
crash does not fail every later test.
"""

from __future__ import annotations

import atexit
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from _api import Api  # noqa: E402
from _server import Server  # noqa: E402

MAX_RESTARTS = 3
_LIVE: list[Server] = []


def _stop_all() -> None:
    """Last resort at interpreter exit: no server outlives the run."""
    for server in list(_LIVE):
        server.stop()


atexit.register(_stop_all)


def _start(project_dir: Path, db_path: Path, log_path: Path) -> Server:
    server = Server(project_dir, db_path, log_path)
    _LIVE.append(server)
    return server.start()


def _stop(server: Server) -> None:
    server.stop()
    if server in _LIVE:
        _LIVE.remove(server)


class Shared:
    """The session's server, replaced (bounded) if it dies mid-run."""

    def __init__(self, project_dir: Path, folder: Path) -> None:
        self.project_dir = project_dir
        self.folder = folder
        self.restarts = 0
        self.server = self._new()

    def _new(self) -> Server:
        number = self.restarts + 1
        return _start(
            self.project_dir, self.folder / f"tasks-{number}.db", self.folder / f"server-{number}.log"
        )

    def current(self) -> Server:
        server = self.server
        if server.failure is None and not server.alive() and self.restarts < MAX_RESTARTS:
            _stop(server)
            self.restarts += 1
            self.server = self._new()
        return self.server


@pytest.fixture(scope="session")
def task_server(project_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    """The learner's server, started once for the session on a fresh database."""
    shared = Shared(Path(project_dir), tmp_path_factory.mktemp("taskapi"))
    try:
        yield shared
    finally:
        _stop(shared.server)


@pytest.fixture
def api(task_server: Shared) -> Api:
    """A client for the shared server."""
    return Api(task_server.current())


@pytest.fixture
def spawn(project_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Server]]:
    """Start extra servers: ``spawn(db_path=None)``; all stop after the test."""
    folder = tmp_path_factory.mktemp("taskapi-own")
    started: list[Server] = []

    def start(db_path: Path | None = None) -> Server:
        number = len(started) + 1
        server = _start(
            Path(project_dir),
            db_path or folder / "tasks.db",
            folder / f"server-{number}.log",
        )
        started.append(server)
        return server

    start.folder = folder  # type: ignore[attr-defined]
    try:
        yield start
    finally:
        for server in started:
            _stop(server)
