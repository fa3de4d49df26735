"""Grade all of one learner's exercises in a single trusted pytest run.

pytest's own start-up and configuration cost as much as a small suite, so a
run per learner x exercise is several times slower than one run per learner.
Here every exercise's suite is staged in its own folder of one run, next to
a ``conftest.py`` we write, whose ``learner`` fixture reaches that
exercise's files only: each exercise keeps its own staged folder, its own
sandboxed worker and its own per-call limit. The report is checked as a
whole (this run's signature, exactly the suites' tests) and split per
exercise. When anything about the shared run goes wrong, the caller grades
the exercises one by one instead, so a shared run never costs a grade.

This module is also the pytest plugin (``-p grader.batch.together``) that
stops every learner worker before the report is written.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from grader.batch.job import Launcher, run_problem
from grader.batch.not_graded import host_failure_in
from grader.batch.temp_folders import owned_folder
from grader.boundary.pytest_command import grading_pytest
from grader.boundary.remote import LearnerModule, LearnerSession
from grader.boundary.sandbox import Sandbox, prepare
from grader.course.manifest import Course, Exercise
from grader.feedback.build import SuiteRun, build_feedback
from grader.feedback.model import Feedback
from grader.kinds.finish import finish
from grader.pipeline.runner import kill_workers, read_report, stage_files, stage_suite, write_secret

CONFTEST = """\
from grader.batch.together import learner_fixture

learner = learner_fixture({code_dir!r}, {modules!r}, {call_timeout!r}, {prefix!r}, {pid_file!r})
"""
SESSIONS: dict[str, LearnerSession] = {}
MEMORY_MB = 1024  # the plugin's default for --grader-memory-mb


def record_in(pid_file: str) -> Callable[[int], None]:
    """Record worker process ids where the runner kills them at the end (as the plugin does)."""

    def record(pid: int) -> None:
        with open(pid_file, "a", encoding="ascii") as pids:
            pids.write(f"{pid}\n")

    return record


def learner_fixture(
    code_dir: str, modules: list[str], call_timeout: float, prefix: str, pid_file: str
) -> Callable[..., Any]:
    """A ``learner`` fixture bound to one exercise's staged files (used by the conftest we write).

    The worker starts now, while pytest is still collecting, as the plugin's does.
    """
    session = LearnerSession(
        Path(code_dir), modules, call_timeout, MEMORY_MB, record_in(pid_file), json.loads(prefix)
    )
    session.start()
    SESSIONS[code_dir] = session

    @pytest.fixture
    def learner(request: pytest.FixtureRequest) -> Iterator[LearnerModule]:
        session.time_test(request.config.getoption("--grader-test-timeout"))
        try:
            yield LearnerModule(session, session.modules[0])
        finally:
            session.time_test(None)

    return learner


@pytest.hookimpl(wrapper=True)
def pytest_sessionfinish(session: pytest.Session) -> Iterator[None]:
    # As in grader.pipeline.plugin: learner code is stopped before pytest-json-report writes.
    for learner_session in SESSIONS.values():
        learner_session.close()
    return (yield)


def can_share(course: Course, exercise: Exercise) -> bool:
    """Suites that only use the ``learner`` fixture and bring no conftest of their own."""
    suite = course.suite_dir(exercise)
    return exercise.kind in ("implement", "debug") and not (suite / "conftest.py").exists()


def grade_together(
    course: Course,
    work: list[tuple[Exercise, Path]],
    learner: str,
    expected: dict[str, list[str]],
    sandbox: Sandbox | None,
    launcher: Launcher,
) -> list[Feedback] | None:
    """Grade each (exercise, folder) in one run; None when the shared run cannot be trusted."""
    started = time.monotonic()
    with (
        owned_folder("grader-run-") as run_tmp,
        owned_folder("grader-code-") as code_tmp,
    ):
        run_dir = Path(run_tmp)
        wanted = stage_shared(course, work, expected, sandbox, run_dir, Path(code_tmp))
        nonce = write_secret(run_dir / "nonce")
        command = shared_command(run_dir, len(work))
        log = run_dir / "pytest-output.txt"
        seconds = sum(exercise.time_limit for exercise, _ in work)
        try:
            code = launcher.run(command, run_dir, log, seconds)
        finally:
            kill_workers(run_dir / "workers.pid")
        if run_problem(code, log, seconds) is not None or host_failure_in(Path(code_tmp)) is not None:
            return None  # graded one by one instead, each run on its own
        report = read_report(run_dir / "report.json", nonce, sorted(wanted))
    if isinstance(report, str):
        return None
    share = (time.monotonic() - started) / len(work)
    return [split(course, exercise, folder, learner, report, wanted, share) for exercise, folder in work]


def stage_shared(
    course: Course,
    work: list[tuple[Exercise, Path]],
    expected: dict[str, list[str]],
    sandbox: Sandbox | None,
    run_dir: Path,
    code_root: Path,
) -> dict[str, str]:
    """Stage each exercise's files and suite (with our conftest); return node id -> exercise id."""
    wanted: dict[str, str] = {}
    for index, (exercise, folder) in enumerate(work):
        code_dir = code_root / f"e{index}" / "code"
        stage_files(exercise, folder, code_dir)
        suite = run_dir / f"e{index}"
        stage_suite(course.suite_dir(exercise), suite)
        prefix = sandbox.prefix(code_dir) if sandbox is not None else []
        if sandbox is not None:
            prepare(code_dir)
        text = CONFTEST.format(
            code_dir=str(code_dir),
            modules=exercise.modules,
            call_timeout=exercise.call_timeout,
            prefix=json.dumps(prefix),
            pid_file=str(run_dir / "workers.pid"),
        )
        (suite / "conftest.py").write_text(text, encoding="utf-8")
        for node in expected[exercise.id]:
            wanted[f"e{index}/" + node.removeprefix("suite/")] = exercise.id
    return wanted


def shared_command(run_dir: Path, suites: int) -> list[str]:
    return grading_pytest(run_dir) + [
        "-p",
        "grader.batch.together",
        "--json-report",
        f"--json-report-file={run_dir / 'report.json'}",
        "--json-report-omit",
        "collectors",
        "keywords",
        "streams",
        "log",
        f"--grader-pid-file={run_dir / 'workers.pid'}",
        f"--grader-nonce-file={run_dir / 'nonce'}",
        *[str(run_dir / f"e{index}") for index in range(suites)],
    ]


def split(
    course: Course,
    exercise: Exercise,
    folder: Path,
    learner: str,
    report: dict[str, Any],
    wanted: dict[str, str],
    seconds: float,
) -> Feedback:
    """One exercise's feedback from the shared report."""
    tests = [t for t in report["tests"] if wanted.get(str(t.get("nodeid"))) == exercise.id]
    run = SuiteRun({"tests": tests}, None, seconds)
    return finish(course, exercise, folder, build_feedback(exercise, run, learner))
