"""Fixtures for the Task API suite: the learner's server and a client for it.

``api`` is a client for one server shared by most of the session (fast), on a
fresh database. ``spawn`` starts extra servers for tests that need their own
(a restart on the same database file, or isolation); all of them are stopped
at the end of the test (``module_spawn``: of the module). A slow scenario
(a restart, a shutdown, jobs waiting out their retries) is a scene
(``_scene``): built in the background from the session's first test, on
servers of its own, and read by its module's tests. If the shared server dies
during a test, the next test gets a new one on a fresh database (a bounded
number of times), so one crash does not fail every later test.

Every server's database and log live in one folder of the session's (see
``_files``). The web framework is imported once per check: one warm parent
forks every server (``_warm_parent``), or in a batch's sandbox spare processes
that have imported it take the starts (``_spares``), so a restart costs the
learner's own start only.
"""

from __future__ import annotations

import atexit
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from _api import Api  # noqa: E402
from _files import ServerFiles  # noqa: E402
from _scene import Scenes, registered  # noqa: E402
from _server import Server  # noqa: E402
from _spares import Spares  # noqa: E402
from _warm_parent import WarmParent  # noqa: E402

# The known-wrong variants live beside the suite; they are servers, not tests.
collect_ignore = ["mistakes"]

MAX_RESTARTS = 3
_LIVE: list[Server] = []
_SPARES: list[Spares | WarmParent] = []
_PLANNED: list[int] = []  # how many servers the collected tests start (see planned_starts)


def _stop_all() -> None:
    """Last resort at interpreter exit: no server outlives the run."""
    for server in list(_LIVE):
        server.kill()
    for spares in _SPARES:
        spares.close()


atexit.register(_stop_all)


_track: list[Callable[[int], None]] = []
_programs: list[Any] = []  # the grader's LearnerPrograms: how to start a server (sandboxed in a batch)


_EARLY: list[WarmParent] = []  # the servers' warm parent, started while pytest collects


def pytest_configure(config: pytest.Config) -> None:
    """In a learner's own check (no sandbox to ask for), start importing the framework during collection."""
    project = config.getoption("--grader-project-dir", default=None)
    sandbox = config.getoption("--grader-sandbox-spec", default=None)
    if project and not sandbox and not config.option.collectonly:
        with contextlib.suppress(OSError):
            _EARLY.append(WarmParent(Path(project)))


def pytest_unconfigure(config: pytest.Config) -> None:
    for parent in _EARLY:
        parent.close()
    _EARLY.clear()


def pytest_collection_finish(session: pytest.Session) -> None:
    _PLANNED[:] = [planned_starts(session.items)]


def planned_starts(items: list[pytest.Item]) -> int:
    """The shared server, and a restart's two for each test that spawns and each module that shares spawns.

    An estimate that spares are made by: too low costs a slower start, too high a spare never used.
    """
    uses = [(item.nodeid, getattr(item, "fixturenames", ())) for item in items]
    spawning = sum("spawn" in names for _, names in uses)
    modules = {nodeid.split("::")[0] for nodeid, names in uses if "module_spawn" in names}
    return 1 + 2 * spawning + 2 * len(modules) + 2 * len(scene_builds(items))


def scene_builds(items: list[pytest.Item]) -> list[Any]:
    """The scenes the collected tests' modules build (``_scene.in_background``), in the tests' order."""
    return registered(item.module.__name__ for item in items if isinstance(item, pytest.Function))


def _programs_now() -> Any:
    return _programs[-1] if _programs else None


def _start(project_dir: Path, db_path: Path, log_path: Path) -> Server:
    spares = _SPARES[-1] if _SPARES else None
    server = Server(
        project_dir, db_path, log_path, on_spawn=_spawned, programs=_programs_now(), spares=spares
    )
    _LIVE.append(server)
    server.start()
    if spares is not None:
        spares.refill()  # after the start, so the new spares do not slow it down
    return server


def _spawned(pid: int) -> None:
    for track in _track:
        track(pid)


@pytest.fixture(scope="session", autouse=True)
def _track_servers(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tell the grading engine about every server we start (it kills leftovers)."""
    try:
        track = request.getfixturevalue("track_learner_process")
    except pytest.FixtureLookupError:
        track = None
    if track is not None:
        _track.append(track)
    with contextlib.suppress(pytest.FixtureLookupError):
        _programs.append(request.getfixturevalue("learner_programs"))
    yield
    _track.clear()
    _programs.clear()


def _stop(server: Server) -> None:
    """End a server whose test is over: killed at once, since nothing it does now is graded.

    (A graceful stop waited for the framework's next look at its signals, about 0.1 s a server;
    the tests about stopping stop their servers themselves.)
    """
    server.kill()
    if server in _LIVE:
        _LIVE.remove(server)


class Shared:
    """The session's server, replaced (bounded) if it dies mid-run."""

    def __init__(self, project_dir: Path, files: ServerFiles, starter: Spares | WarmParent) -> None:
        self.project_dir = project_dir
        self.files = files
        self.starter = starter  # what starts every server of the session
        self.folder = files.folder("shared")
        self.restarts = 0
        self.server = self._new()
        self.first_failure = self.server.failure

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
def task_server(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory, _track_servers: None
) -> Iterator[Shared]:
    """The learner's server, started once for the session on a fresh database.

    After ``_track_servers`` whoever asks first: it says whether a sandbox holds the servers.
    """
    files = ServerFiles.make(tmp_path_factory, _programs_now())
    spares = _server_starter(Path(project_dir), files)
    _SPARES.append(spares)
    try:
        shared = Shared(Path(project_dir), files, spares)
        try:
            yield shared
        finally:
            _stop(shared.server)
    finally:
        spares.close()
        _SPARES.remove(spares)


def _server_starter(project_dir: Path, files: ServerFiles) -> Spares | WarmParent:
    """The warm parent outside a sandbox (the one started at collection, if any), else spares."""
    if getattr(_programs_now(), "sandbox", None) is None:
        parent = _EARLY.pop() if _EARLY else WarmParent(project_dir)
        return parent.adopted(_spawned)
    spares = Spares(project_dir, files.root, _programs_now(), _spawned)
    spares.expected = _PLANNED[-1] if _PLANNED else None
    return spares


@pytest.fixture
def api(task_server: Shared) -> Api:
    """A client for the shared server."""
    return Api(task_server.current())


class Spawner:
    """Starts extra servers (each with its own log) and stops them all at the end."""

    def __init__(self, shared: Shared, folder: Path) -> None:
        self.shared = shared
        self.project_dir = shared.project_dir
        self.folder = folder
        self.started: list[Server] = []

    def __call__(self, db_path: Path | None = None) -> Server:
        """Start a server on ``db_path`` (default: this spawner's own fresh file)."""
        number = len(self.started) + 1
        if self.shared.first_failure is not None:
            # The same code failed to start once already; don't wait for it again.
            server = Server(self.project_dir, db_path or self.folder / "tasks.db", self.folder / "x.log")
            server.failure = dict(self.shared.first_failure)
            return server
        server = _start(
            self.project_dir, db_path or self.folder / "tasks.db", self.folder / f"server-{number}.log"
        )
        self.started.append(server)
        return server

    def close(self) -> None:
        for server in self.started:
            _stop(server)


@pytest.fixture
def spawn(task_server: Shared) -> Iterator[Spawner]:
    """Start servers of this test's own: ``spawn(db_path=None)``."""
    spawner = Spawner(task_server, task_server.files.folder("own"))
    try:
        yield spawner
    finally:
        spawner.close()


@pytest.fixture(scope="module")
def module_spawn(task_server: Shared) -> Iterator[Spawner]:
    """Like ``spawn``, but the servers live until the module's last test."""
    spawner = Spawner(task_server, task_server.files.folder("module"))
    try:
        yield spawner
    finally:
        spawner.close()


@pytest.fixture(scope="session")
def scenes(request: pytest.FixtureRequest, task_server: Shared) -> Iterator[Scenes]:
    """The slow scenarios of the modules being run, each with servers of its own, built in the background."""
    made = Scenes(
        scene_builds(request.session.items),
        lambda name: Spawner(task_server, task_server.files.folder(f"scene-{name}")),
    )
    if getattr(_programs_now(), "sandbox", None) is None:
        # In a batch's sandbox each scene is built by its first test instead: a slot's process
        # and thread limits are sized for one server at a time (and the batch's learners already
        # keep every core busy).
        made.start()
    try:
        yield made
    finally:
        made.close()


@pytest.fixture(scope="session", autouse=True)
def _scenes_from_the_first_test(request: pytest.FixtureRequest) -> None:
    """Start the scenes with the session's first test, so their waiting overlaps every test's."""
    if scene_builds(request.session.items):
        request.getfixturevalue("scenes")


@pytest.fixture(scope="session")
def project_modules() -> list[str]:
    """The learner's modules the layer tests call directly, in the grader's worker (``project_code``)."""
    return ["taskapi.service", "taskapi.repository", "taskapi.schemas", "taskapi.job_store"]
