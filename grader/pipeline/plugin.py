"""Our pytest plugin, loaded by name inside every grading run.

It registers the markers suites use (``points``, ``hint``, ``milestone``, ``varies``),
provides the ``learner``, ``original`` and ``project_dir`` fixtures, and writes what each
test means for the learner (description, points, hints and a structured
failure) into the pytest-json-report metadata. It never runs learner code in
this process: that only happens in the worker behind ``learner``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from grader.boundary.learner_problems import IMPORT_TIMEOUT
from grader.boundary.process import LearnerProblem
from grader.boundary.remote import LearnerModule, LearnerSession
from grader.feedback.expectations import Mismatch
from grader.pipeline.progress import Progress
from grader.pipeline.signature import SIGNATURE_FIELD, report_signature
from grader.pipeline.test_descriptions import check_hint_markers, describe_test, marker_value
from grader.plain.module_import import PlainSuites

if TYPE_CHECKING:  # imported by the fixtures that need them: most runs grade neither kind
    from grader.kinds.learner_programs import LearnerPrograms
    from grader.kinds.learner_tests import LearnerTests

MARKERS = (
    "points(n): how many points the test is worth (default 1)",
    "hint(text, when=...): a hint shown when the test fails with one of the diagnosed mistakes named in when",
    "milestone(n): the project milestone the test belongs to",
    "varies: what this test's failure shows changes from run to run (threads, timing); "
    "a known mistake is matched on its diagnosis alone",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("grader")
    group.addoption("--grader-learner-dir", default=None, help="staged learner files")
    group.addoption("--grader-modules", default="", help="learner modules, comma separated")
    group.addoption("--grader-project-dir", default=None, help="staged learner project")
    group.addoption("--grader-tests-dir", default=None, help="staged learner tests (write-tests)")
    group.addoption("--grader-call-timeout", type=float, default=2.0)
    group.addoption("--grader-import-timeout", type=float, default=IMPORT_TIMEOUT)
    group.addoption("--grader-test-timeout", type=float, default=10.0)
    group.addoption("--grader-memory-mb", type=int, default=1024)
    group.addoption("--grader-milestone", type=int, default=None)
    group.addoption("--grader-pid-file", default=None)
    group.addoption("--grader-ids-file", default=None, help="write the selected test ids here")
    group.addoption("--grader-nonce-file", default=None, help="this run's secret; read, then deleted")
    group.addoption("--grader-progress-file", default=None, help="each test as it starts and ends (signed)")
    group.addoption("--grader-sandbox", default="", help="JSON list: command prefix that sandboxes workers")
    group.addoption("--grader-original-dir", default=None, help="the program to behave like")
    group.addoption("--grader-original-sandbox", default="", help="JSON list: the original's sandbox prefix")
    group.addoption("--grader-sandbox-spec", default="", help="JSON: the sandbox for learner programs")


def pytest_configure(config: pytest.Config) -> None:
    for line in MARKERS:
        config.addinivalue_line("markers", line)
    stamp = ReportStamp(take_nonce(config.getoption("--grader-nonce-file")))
    config.pluginmanager.register(stamp)
    progress_file = config.getoption("--grader-progress-file")
    if progress_file:
        config.pluginmanager.register(Progress(Path(progress_file), stamp.secret), "grader-progress")
    learner_dir = config.getoption("--grader-learner-dir")
    if learner_dir:
        session = worker_session(config, learner_dir, "--grader-sandbox")
        session.start()  # overlaps the worker's start-up with collection
        config.stash[SESSION_KEY] = session
    original_dir = config.getoption("--grader-original-dir")
    if original_dir:  # started on first use: only the suites that compare with it need it
        config.stash[ORIGINAL_KEY] = worker_session(config, original_dir, "--grader-original-sandbox")
    install_plain_imports(config)
    if config.getoption("--grader-project-dir"):  # a project's layers, called directly: project_code
        config.pluginmanager.import_plugin("grader.pipeline.project_plugin")


def worker_session(config: pytest.Config, folder: str, sandbox_option: str) -> LearnerSession:
    """A session on the graded modules in ``folder``, with the run's limits and the given sandbox."""
    return LearnerSession(
        Path(folder),
        [m for m in config.getoption("--grader-modules").split(",") if m],
        config.getoption("--grader-call-timeout"),
        config.getoption("--grader-memory-mb"),
        process_recorder(config),
        sandbox_prefix(config.getoption(sandbox_option)),
        config.getoption("--grader-import-timeout"),
    )


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    # A suite's own conftest.py is imported before pytest_configure, and may import the learner's module.
    install_plain_imports(early_config, str(getattr(early_config.known_args_namespace, "grader_modules", "")))


def install_plain_imports(config: pytest.Config, option: str | None = None) -> None:
    """Let plain suites import the graded modules (as proxies; see grader.plain.module_import)."""
    if config.pluginmanager.get_plugin("grader-plain-suites") is not None:
        return  # installed already, before the initial conftests were loaded
    option = config.getoption("--grader-modules") if option is None else option
    modules = [m for m in option.split(",") if m]
    if modules:
        plain = PlainSuites(config, modules, SESSION_KEY)
        plain.install()
        config.pluginmanager.register(plain, "grader-plain-suites")


SESSION_KEY = pytest.StashKey[LearnerSession]()
ORIGINAL_KEY = pytest.StashKey[LearnerSession]()


def sandbox_prefix(value: str) -> list[str]:
    """Decode the worker's sandbox prefix (a JSON list of strings; empty: no sandbox)."""
    prefix = json.loads(value) if value else []
    if not isinstance(prefix, list) or not all(isinstance(part, str) for part in prefix):
        raise pytest.UsageError("--grader-sandbox must be a JSON list of strings")
    return prefix


def take_nonce(path: str | None) -> str:
    """Read the run's secret and delete it before any learner code starts."""
    if not path:
        return ""
    secret = Path(path).read_text(encoding="ascii").strip()
    Path(path).unlink()
    return secret


@pytest.hookimpl(wrapper=True)
def pytest_sessionfinish(session: pytest.Session) -> Iterator[None]:
    # A wrapper runs before every plain implementation, pytest-json-report's
    # included: learner code is stopped before the report is written.
    for key in (SESSION_KEY, ORIGINAL_KEY):
        worker = session.config.stash.get(key, None)
        if worker is not None:
            worker.close()
    return (yield)


def pytest_unconfigure(config: pytest.Config) -> None:
    plain = config.pluginmanager.get_plugin("grader-plain-suites")
    if isinstance(plain, PlainSuites):
        plain.uninstall()
    for key in (SESSION_KEY, ORIGINAL_KEY):
        session = config.stash.get(key, None)
        if session is not None:
            session.close()


@pytest.fixture
def learner(request: pytest.FixtureRequest) -> Iterator[LearnerModule]:
    """The learner's main module, reached across the process boundary."""
    yield from main_module(request, SESSION_KEY, "this suite needs learner files (--grader-learner-dir)")


@pytest.fixture
def original(request: pytest.FixtureRequest) -> Iterator[LearnerModule]:
    """The program the learner's must behave like (grader/kinds/original.py), in a worker of its own."""
    yield from main_module(request, ORIGINAL_KEY, "this suite compares with the original, and it has none")


def main_module(request: pytest.FixtureRequest, key: Any, missing: str) -> Iterator[LearnerModule]:
    """The session's main module for one test, its calls limited to the test's time."""
    session = request.config.stash.get(key, None)
    if session is None:
        pytest.fail(missing)
    session.time_test(request.config.getoption("--grader-test-timeout"))
    try:
        yield LearnerModule(session, session.modules[0])
    finally:
        session.time_test(None)


@pytest.fixture
def learner_tests(request: pytest.FixtureRequest) -> LearnerTests:
    """The learner's own tests, runnable against the suite's implementations."""
    value = request.config.getoption("--grader-tests-dir")
    if not value:
        pytest.fail("this suite needs the learner's tests (--grader-tests-dir)")
    seconds = request.config.getoption("--grader-call-timeout")  # one run of their tests is one call
    from grader.kinds.learner_programs import programs_from_option  # only for the exercises that need it
    from grader.kinds.learner_tests import LearnerTests

    sandbox = programs_from_option(request.config.getoption("--grader-sandbox-spec")).sandbox
    return LearnerTests(Path(value), request.path.parent, seconds, process_recorder(request.config), sandbox)


@pytest.fixture(scope="session")
def project_dir(request: pytest.FixtureRequest) -> Path:
    """The staged copy of the learner's project folder."""
    value = request.config.getoption("--grader-project-dir")
    if not value:
        pytest.fail("this suite needs a project (--grader-project-dir)")
    return Path(value)


@pytest.fixture(scope="session")
def learner_programs(request: pytest.FixtureRequest) -> LearnerPrograms:
    """How to start and stop the learner's own programs (a server): in the batch's sandbox, if any."""
    from grader.kinds.learner_programs import programs_from_option  # only for projects

    return programs_from_option(request.config.getoption("--grader-sandbox-spec"))


@pytest.fixture(scope="session")
def track_learner_process(request: pytest.FixtureRequest) -> Callable[[int], None]:
    """Give a callable that records a learner process's id (a session leader).

    The runner kills every recorded process group when the run ends or hits
    its wall limit, so a learner's server never outlives the grading run.
    """
    return process_recorder(request.config)


def process_recorder(config: pytest.Config) -> Callable[[int], None]:
    """Record learner process ids (session leaders) in the run's pid file for the runner."""
    pid_file = config.getoption("--grader-pid-file")

    def record(pid: int) -> None:
        if pid_file:
            with open(pid_file, "a", encoding="ascii") as pids:
                pids.write(f"{pid}\n")

    return record


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        check_hint_markers(item)
    milestone = config.getoption("--grader-milestone")
    if milestone is None:
        return
    keep = [item for item in items if marker_value(item, "milestone", 0) <= milestone]
    dropped = [item for item in items if marker_value(item, "milestone", 0) > milestone]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def pytest_collection_finish(session: pytest.Session) -> None:
    ids_file = session.config.getoption("--grader-ids-file")
    if ids_file:
        Path(ids_file).write_text(json.dumps([item.nodeid for item in session.items]), encoding="utf-8")


def describe_failure(error: BaseException) -> dict[str, Any]:
    """Turn whatever a test raised into structured, plain-data feedback."""
    if isinstance(error, (Mismatch, LearnerProblem)):
        return {
            k: v if isinstance(v, (str, int, float, bool, type(None), dict, list)) else str(v)
            for k, v in error.detail.items()
        }
    info = getattr(error, "learner_info", None)
    if isinstance(info, dict):
        kind = "not_started" if info.get("builtin") == "NotImplementedError" else "learner_exception"
        call = info.get("call", "your code")
        text = str(info.get("message", ""))
        message = f"Called {call}; your code raised {info.get('type')}" + (f": {text}" if text else "")
        output = {key: info[key] for key in ("output", "dropped") if key in info}
        hint = getattr(error, "grader_hint", "")  # set by the suite's hint_if, on the trusted side
        extra = {"hint": str(hint)} if hint else {}
        return {"kind": kind, "summary": message, "call": call, "exception": info, **output, **extra}
    if isinstance(error, AssertionError):
        return {"kind": "assertion", "summary": str(error)[:1000]}
    return {"kind": "suite_error", "summary": f"{type(error).__name__}: {error}"[:1000]}


@pytest.hookimpl(optionalhook=True)
def pytest_json_runtest_metadata(item: pytest.Item, call: pytest.CallInfo[None]) -> dict[str, Any]:
    metadata: dict[str, Any] = {}
    if call.when == "setup":
        metadata.update(describe_test(item))
    if call.excinfo is not None and not call.excinfo.errisinstance(pytest.skip.Exception):
        metadata[f"failure_{call.when}"] = describe_failure(call.excinfo.value)
    return metadata


class ReportStamp:
    """Sign the report with the run's secret before it is written.

    The secret never reaches the disk after the plugin has read it, so a
    report written or altered by anyone else (learner code included) cannot
    carry a valid signature. The runner checks it with :func:`report_signature`.
    """

    def __init__(self, secret: str) -> None:
        self.secret = secret

    @pytest.hookimpl(optionalhook=True, trylast=True)  # sign what others have finished changing
    def pytest_json_modifyreport(self, json_report: dict[str, Any]) -> None:
        json_report.pop(SIGNATURE_FIELD, None)
        json_report[SIGNATURE_FIELD] = report_signature(self.secret, json_report)
