"""Stage learner files and a hidden suite, run pytest on them, return the raw report.

The suite runs in a trusted ``python -I -m pytest`` subprocess with plugin
autoloading off and a config file of ours. Learner code runs only in the
worker the plugin starts, in a separate folder that holds nothing but the
graded files. The report is accepted only when it carries this run's secret
and lists exactly the tests the suite defines.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from grader.boundary.process import kill_group
from grader.boundary.pytest_command import grading_pytest
from grader.course.edition_marker import INSTRUCTOR_PATTERN
from grader.course.manifest import Course, Exercise
from grader.course.starter import write_files
from grader.feedback.build import SuiteRun
from grader.kinds.original import original_program
from grader.pipeline.progress import OnTest, RunSoFar, follow, read_progress
from grader.pipeline.signature import SIGNATURE_FIELD, report_signature
from grader.pipeline.suite_ids import SuiteError, expected_test_ids, recollect
from grader.pipeline.warm import PytestServer, ServerError, pytest_server, run_grading_pytest

WRONG_TESTS = "the grading report does not list exactly the suite's tests"
PROGRESS = "progress.jsonl"  # each test as it starts and ends (grader/pipeline/progress.py)


def stage_files(exercise: Exercise, source: Path, target: Path) -> list[str]:
    """Copy the graded files (regular files only) into ``target``; return the required ones missing."""
    missing = []
    target.mkdir(parents=True, exist_ok=True)
    for pattern in exercise.graded_patterns:
        matches = [p for p in source.glob(pattern) if p.is_file() and not p.is_symlink()]
        if not matches and pattern not in exercise.optional_files:
            missing.append(pattern)
        for path in matches:
            if "__pycache__" in path.parts:
                continue
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    return missing


def stage_suite(suite_dir: Path, target: Path, public_only: bool = False) -> None:
    """Copy the hidden suite, without its known-wrong variants, into ``target``.

    ``public_only`` also leaves out the instructor-only files, as a learner edition does.
    """
    left_out = ("mistakes", "__pycache__", "*.pyc", *([INSTRUCTOR_PATTERN] if public_only else []))
    shutil.copytree(suite_dir, target, ignore=shutil.ignore_patterns(*left_out))


def stage_original(course: Course, exercise: Exercise, code_root: Path) -> Path | None:
    """Write the program the learner's must behave like (grader/kinds/original.py) beside their files.

    It gets a folder of its own, so the learner's worker never sees it; None when the kind has none.
    """
    files = original_program(course, exercise)
    return write_files(files, code_root / "original") if files else None


def run_suite(
    course: Course,
    exercise: Exercise,
    source: Path,
    milestone: int | None = None,
    public_only: bool = False,
    on_test: OnTest | None = None,
) -> SuiteRun:
    """Grade the files under ``source`` with the hidden suite (``public_only``: its public tests).

    ``on_test(test id, description)`` hears of each test as it starts (a door's progress display).
    """
    started = time.monotonic()
    with pytest_server() as server:  # a cold server imports pytest while we stage
        expected = expected_test_ids(course, exercise, milestone, server, public_only=public_only)
        if not expected:
            raise SuiteError(
                f"No hidden tests of {exercise.id} cover milestone {milestone} or earlier: "
                f"see {exercise.path}/README.md for the milestones the grader checks."
                if milestone is not None
                else f"The hidden suite of {exercise.id} has no tests."
            )
        with (
            tempfile.TemporaryDirectory(prefix="grader-run-") as run_tmp,
            tempfile.TemporaryDirectory(prefix="grader-code-") as code_tmp,
        ):
            run_dir, code_root = Path(run_tmp), Path(code_tmp)
            code_dir = code_root / "code"
            missing = stage_files(exercise, source, code_dir)
            if missing:
                return SuiteRun(None, None, time.monotonic() - started, tuple(missing))
            stage_suite(course.suite_dir(exercise), run_dir / "suite", public_only)
            original = stage_original(course, exercise, code_root)
            nonce = write_secret(run_dir / "nonce")
            arguments = suite_arguments(run_dir, exercise, code_dir, milestone, original)
            with following(run_dir / PROGRESS, nonce, on_test):
                problem, timed_out = run_pytest(arguments, run_dir, exercise.time_limit, server)
            if timed_out:
                return stopped_run(read_progress(run_dir / PROGRESS, nonce), problem, started)
            report = None if problem else read_report(run_dir / "report.json", nonce, expected)
            if report == WRONG_TESTS:  # the cached ids may be stale or rewritten: collect afresh
                fresh = recollect(course, exercise, milestone, server, public_only=public_only)
                if fresh is not None:
                    report = read_report(run_dir / "report.json", nonce, fresh)
            if isinstance(report, str):
                problem, report = report, None
            return SuiteRun(report, problem, time.monotonic() - started, timed_out=timed_out)


@contextlib.contextmanager
def following(path: Path, secret: str, on_test: OnTest | None) -> Iterator[None]:
    """Tell ``on_test`` of each test that starts while the block runs (nothing without it)."""
    if on_test is None:
        yield
        return
    done = threading.Event()
    follower = threading.Thread(target=follow, args=(path, secret, on_test, done), daemon=True)
    follower.start()
    try:
        yield
    finally:
        done.set()
        follower.join()


def stopped_run(so_far: RunSoFar, problem: str | None, started: float) -> SuiteRun:
    """A run stopped at the whole check's limit: the tests that finished, and the one running."""
    return SuiteRun(
        None,
        problem,
        time.monotonic() - started,
        timed_out=True,
        finished=so_far.finished,
        running=so_far.running,
        running_metadata=so_far.running_metadata,
    )


def write_secret(path: Path) -> str:
    """Create this run's secret; the plugin reads and deletes the file before learner code starts."""
    secret = secrets.token_hex(16)
    path.write_text(secret, encoding="ascii")
    path.chmod(0o600)
    return secret


def suite_command(
    run_dir: Path, exercise: Exercise, code_dir: Path, milestone: int | None, original: Path | None = None
) -> list[str]:
    """The whole command line of a fresh grading pytest (``python -I -m pytest ...``)."""
    return grading_pytest(run_dir) + suite_arguments(run_dir, exercise, code_dir, milestone, original)


def suite_arguments(
    run_dir: Path, exercise: Exercise, code_dir: Path, milestone: int | None, original: Path | None = None
) -> list[str]:
    """Pytest's arguments for one grading run, after the isolated-pytest ones."""
    return [
        "--tb=native",  # feedback never reads pytest's tracebacks; building long ones is slow
        "--json-report",
        f"--json-report-file={run_dir / 'report.json'}",
        "--json-report-omit",
        "collectors",
        "keywords",
        "streams",
        "log",
        f"--grader-pid-file={run_dir / 'workers.pid'}",
        f"--grader-nonce-file={run_dir / 'nonce'}",
        f"--grader-progress-file={run_dir / PROGRESS}",
        f"--grader-call-timeout={exercise.call_timeout}",
        f"--grader-import-timeout={exercise.import_timeout}",
        *code_options(exercise, code_dir),
        *([f"--grader-original-dir={original}"] if original is not None else []),
        *([f"--grader-milestone={milestone}"] if milestone is not None else []),
        str(run_dir / "suite"),
    ]


def code_options(exercise: Exercise, code_dir: Path) -> list[str]:
    if exercise.kind == "project":
        return [f"--grader-project-dir={code_dir}"]
    if exercise.kind == "write-tests":
        return [f"--grader-tests-dir={code_dir}"]
    return [f"--grader-learner-dir={code_dir}", f"--grader-modules={','.join(exercise.modules)}"]


def run_pytest(
    arguments: list[str], run_dir: Path, time_limit: float, server: PytestServer | None
) -> tuple[str | None, bool]:
    """Run pytest within the wall limit; return (problem description or None, timed out)."""
    log = run_dir / "pytest-output.txt"
    try:
        code = run_grading_pytest(arguments, run_dir, log, time_limit, server)
    except ServerError as error:
        return f"the grading run failed: {error}", False
    finally:
        kill_workers(run_dir / "workers.pid")
    if code is None:
        return f"the whole check took longer than {time_limit:g} s and was stopped", True
    if code not in (0, 1):
        tail = log.read_text("utf-8", "replace")[-1500:]
        return f"the grading run failed (pytest exit status {code}):\n{tail}", False
    return None, False


def kill_workers(pid_file: Path) -> None:
    """Kill every worker the plugin started, even if pytest itself was killed."""
    try:
        pids = [int(p) for p in pid_file.read_text("ascii").split()]
    except (OSError, ValueError):
        return
    for pid in pids:
        kill_group(pid)


def read_report(path: Path, nonce: str, expected: list[str]) -> dict[str, Any] | str:
    """Load the report; return a problem description if it cannot be trusted."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "the grading run ended without writing a report"
    except (OSError, ValueError):
        return "the grading report could not be read"
    if not isinstance(report, dict) or not hmac.compare_digest(
        str(report.get(SIGNATURE_FIELD, "")), report_signature(nonce, report)
    ):
        return "the grading report was not written by this run"
    tests = report.get("tests")
    if not isinstance(tests, list):
        return "the grading report has no test results"
    found = [str(t.get("nodeid")) for t in tests if isinstance(t, dict)]
    if sorted(found) != sorted(expected):
        return WRONG_TESTS
    return report
