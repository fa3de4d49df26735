"""Grade one learner's files for one exercise, the learner's worker inside the sandbox.

The trusted pytest run is the pipeline's own (the runner's staging, command
line, signed report and exact test ids); what differs from a local check is
the sandbox prefix handed to the plugin and who starts pytest: a
:class:`~grader.batch.warm.WarmPytest` forks it from a warm process, or it is
started fresh.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Protocol

from grader.batch.not_graded import host_failure_in, not_graded
from grader.batch.temp_folders import owned_folder
from grader.boundary.pytest_command import pytest_environment
from grader.boundary.sandbox import Sandbox, prepare
from grader.boundary.timed_run import run_with_time_limit
from grader.course.manifest import Course, Exercise
from grader.feedback.build import SuiteRun, build_feedback
from grader.feedback.model import Feedback
from grader.kinds.finish import finish
from grader.pipeline.runner import (
    kill_workers,
    read_report,
    stage_files,
    stage_original,
    stage_suite,
    suite_command,
    write_secret,
)

# Learner code runs only in the sandboxed worker, or, for these kinds, as programs the suite
# starts in the same sandbox: a write-tests learner's tests, a project's server.
PROGRAM_KINDS = ("write-tests", "project")


class Launcher(Protocol):
    def run(self, command: list[str], cwd: Path, log: Path, seconds: float) -> int | None:
        """Run a trusted pytest command; return its exit status, or None at the time limit."""
        ...


class ColdLauncher:
    """Start a fresh pytest process for every run (the local check's way)."""

    def run(self, command: list[str], cwd: Path, log: Path, seconds: float) -> int | None:
        return run_with_time_limit(command, cwd, pytest_environment(), log, seconds)


def grade_job(
    course: Course,
    exercise: Exercise,
    folder: Path,
    learner: str,
    expected: list[str],
    sandbox: Sandbox | None,
    launcher: Launcher,
) -> Feedback:
    """Grade the files in ``folder``; the result never raises for anything the learner did."""
    started = time.monotonic()
    with (
        owned_folder("grader-run-") as run_tmp,
        owned_folder("grader-code-") as code_tmp,
    ):
        run_dir, code_dir = Path(run_tmp), Path(code_tmp) / "code"
        stage_files(exercise, folder, code_dir)
        stage_suite(course.suite_dir(exercise), run_dir / "suite")
        original = stage_original(course, exercise, code_dir.parent)
        nonce = write_secret(run_dir / "nonce")
        command = suite_command(run_dir, exercise, code_dir, None, original)
        if sandbox is not None:
            command, launcher = sandboxed(command, exercise, code_dir, sandbox, launcher)
            if original is not None:  # the original runs in a sandbox of its own, like the learner's
                prepare(original)
                command.insert(-1, "--grader-original-sandbox=" + json.dumps(sandbox.prefix(original)))
        log = run_dir / "pytest-output.txt"
        try:
            code = launcher.run(command, run_dir, log, exercise.time_limit)
        finally:
            kill_workers(run_dir / "workers.pid")
        host = host_failure_in(code_dir.parent)
        if host is not None:  # the grading machine failed this run: no grade, and --resume retries
            return not_graded(exercise, learner, host)
        problem = run_problem(code, log, exercise.time_limit)
        report = None if problem else read_report(run_dir / "report.json", nonce, expected)
        if isinstance(report, str):
            problem, report = report, None
        run = SuiteRun(report, problem, time.monotonic() - started, timed_out=code is None)
    return finish(course, exercise, folder, build_feedback(exercise, run, learner))


def sandboxed(
    command: list[str], exercise: Exercise, code_dir: Path, sandbox: Sandbox, launcher: Launcher
) -> tuple[list[str], Launcher]:
    """The trusted run's command and launcher when every learner process it starts is sandboxed."""
    prepare(code_dir)
    command.insert(-1, "--grader-sandbox=" + json.dumps(sandbox.prefix(code_dir)))
    if exercise.kind in PROGRAM_KINDS:  # the learner's tests or server: run by the suite, sandboxed
        # The learner's tests or server, started by the trusted run: in one cgroup made now.
        command.insert(-1, "--grader-sandbox-spec=" + json.dumps(sandbox.placed().to_dict()))
    if exercise.kind == "project":
        # The server listens on loopback: the trusted run gets a network of its own to share with it.
        return sandbox.own_network() + command, ColdLauncher()
    return command, launcher


def run_problem(code: int | None, log: Path, seconds: float) -> str | None:
    if code is None:
        return f"the whole check took longer than {seconds:g} s and was stopped"
    if code not in (0, 1):
        tail = log.read_text("utf-8", "replace")[-1500:]
        return f"the grading run failed (pytest exit status {code}):\n{tail}"
    return None
