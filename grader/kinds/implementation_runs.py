"""Run the learner's own tests against the suite's implementations, one staged folder each.

Each implementation gets a fresh folder holding only the learner's test files
and that implementation. Where the platform can fork (Linux, macOS), one
runner process starts pytest once and forks one run per folder
(grader/boundary/forked_pytest.py); elsewhere each folder gets a pytest
process of its own, a few side by side. Either way every run has the same
isolation, limits and arguments, and only its exit status counts.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from grader.boundary.forked_pytest import Job, Outcome, Runner
from grader.boundary.pytest_command import isolated_arguments
from grader.boundary.sandbox import Access, Sandbox, prepare
from grader.boundary.timed_run import run_with_time_limit
from grader.boundary.worker_environment import minimal_environment
from grader.kinds.run_results import (
    ONE_TEST_SECONDS,
    STUCK,
    TestRun,
    implementation_description,
    stuck,
    where_stuck,
)

CORRECT = "correct"  # implementations/correct/ is the version every suite must have
OUTPUT_LIMIT = 4000
SIDE_BY_SIDE = 2  # runs of the learner's tests at once (fewer on a one-core machine)
EXTRA_ENV = (("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1"), ("NO_COLOR", "1"))
FORKING = hasattr(os, "fork") and os.name == "posix"
NO_STATUS = -1  # a run the runner never reported on: it was ended from inside (never a pass)
NO_STATUS_NOTE = (
    "\n[grader] This run ended without an exit status: something stopped the process running your tests.\n"
)


def limit_resources() -> None:  # pragma: no cover - runs in the child before exec
    from grader.worker.limits import apply_limits

    apply_limits(1024)


@dataclass(frozen=True)
class Implementations:
    """The learner's tests and where the implementations are, with the limits of every run."""

    tests_dir: Path
    folder: Path  # the suite's implementations/
    seconds: float
    on_start: Callable[[int], None]
    sandbox: Sandbox | None

    def run_all(self, names: list[str]) -> dict[str, TestRun | None]:
        """Run each of ``names`` (correct first); None for a run not made because correct was stuck."""
        for name in names:
            if not (self.folder / name).is_dir():
                raise LookupError(f"the suite has no implementation {name!r} in {self.folder}")
        return self.run_forked(names) if FORKING else self.run_in_processes(names)

    def stage(self, name: str, folder: Path) -> None:
        shutil.copytree(self.tests_dir, folder, dirs_exist_ok=True)
        source = self.folder / name
        shutil.copytree(source, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))

    def run_forked(self, names: list[str]) -> dict[str, TestRun | None]:
        with tempfile.TemporaryDirectory(prefix="grader-learner-tests-") as tmp:
            root, outputs = Path(tmp) / "runs", Path(tmp) / "outputs"
            root.mkdir()
            outputs.mkdir()
            jobs = []
            for name in names:
                folder = Path(tempfile.mkdtemp(dir=root))
                self.stage(name, folder)
                jobs.append(Job(name, folder, tuple(pytest_arguments(folder))))
            outcomes = self.runner(root, names).run(jobs, root, outputs)
            return {
                job.name: self.test_run(job, outcomes[job.name], names[0], outcomes[names[0]]) for job in jobs
            }

    def runner(self, root: Path, names: list[str]) -> Runner:
        env = minimal_environment() | dict(EXTRA_ENV)
        prefix: list[str] = []
        if self.sandbox is not None:
            prepare(root)
            prefix = self.sandbox.prefix(root, Access(libraries=True, env=EXTRA_ENV))
        side_by_side = min(SIDE_BY_SIDE, os.cpu_count() or 1)
        first_decides = names[0] == CORRECT  # correct stuck: the others cannot change a grade
        return Runner(
            env, self.seconds, STUCK, prefix, limit_resources, self.on_start, side_by_side, first_decides
        )

    def test_run(self, job: Job, outcome: Outcome, first_name: str, first: Outcome) -> TestRun | None:
        description = implementation_description(self.folder / job.name)
        output = shown_output(outcome.output, job.folder)
        if outcome.reported:
            stopped_at = where_stuck(output, job.folder) if outcome.exit_code is None else ""
            return TestRun(job.name, description, outcome.exit_code, output, stopped_at)
        if job.name != first_name == CORRECT and first.reported and first.exit_code is None:
            return None  # not started: the first run (correct) was stuck
        return TestRun(job.name, description, NO_STATUS, output + NO_STATUS_NOTE)

    def run_in_processes(self, names: list[str]) -> dict[str, TestRun | None]:
        """A pytest process per implementation, a few side by side (where there is no fork)."""
        with ThreadPoolExecutor(max_workers=min(SIDE_BY_SIDE, os.cpu_count() or 1)) as pool:
            runs: dict[str, Future[TestRun]] = {name: pool.submit(self.run_one, name) for name in names}
            if names[0] == CORRECT and runs[CORRECT].result().timed_out:
                # Every check needs the correct version to pass: the runs not started yet
                # cannot change a grade, and would only wait on the same stuck test.
                for future in runs.values():
                    future.cancel()
        return {name: None if future.cancelled() else future.result() for name, future in runs.items()}

    def run_one(self, name: str) -> TestRun:
        with tempfile.TemporaryDirectory(prefix="grader-learner-tests-") as tmp:
            folder = Path(tmp)
            self.stage(name, folder)
            exit_code, output = self.pytest(folder)
            stopped_at = where_stuck(output, folder) if exit_code is None else ""
        return TestRun(name, implementation_description(self.folder / name), exit_code, output, stopped_at)

    def pytest(self, folder: Path) -> tuple[int | None, str]:
        command = [sys.executable, "-I", "-m", "pytest", *pytest_arguments(folder)]
        env = minimal_environment() | dict(EXTRA_ENV)
        if self.sandbox is not None:
            prepare(folder)
            command = self.sandbox.prefix(folder, Access(libraries=True, env=EXTRA_ENV)) + command
        log = folder / "pytest-output.txt"  # inside the temporary folder: removed with it
        code = run_with_time_limit(
            command, folder, env, log, self.seconds, self.on_start, limit_resources, lambda: stuck(log)
        )
        return code, shown_output(log.read_bytes(), folder)


def pytest_arguments(folder: Path) -> list[str]:
    """Pytest's arguments for one run in ``folder`` (our config file is written there)."""
    # Short tracebacks: the learner's failing line and the exception, which feedback shows in full.
    return isolated_arguments(folder) + [
        "--tb=short",
        "-o",
        f"faulthandler_timeout={ONE_TEST_SECONDS:g}",
        str(folder),
    ]


def shown_output(data: bytes, folder: Path) -> str:
    """The end of a run's output, without its temporary folder (which means nothing to a learner)."""
    output = data[-OUTPUT_LIMIT:].decode("utf-8", "replace")
    return output.replace(f"{folder}{os.sep}", "")
