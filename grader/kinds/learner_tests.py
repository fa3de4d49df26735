"""Run a learner's own tests against known implementations (write-tests exercises).

The learner's tests are untrusted code: they run in their own pytest process,
with plugin autoloading off, our config file, a minimal environment, resource
limits and a time limit, in a fresh folder holding only the learner's test
files and one implementation from the suite's ``implementations/<name>/``.
The outcome is read from pytest's exit status alone; the hidden suite decides
what that outcome is worth.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from grader.boundary.process import ignore_pid, minimal_environment, run_with_time_limit
from grader.boundary.pytest_command import isolated_pytest
from grader.boundary.sandbox import Access, Sandbox, prepare
from grader.feedback.docstrings import docstring_headline
from grader.feedback.expectations import Mismatch

IMPLEMENTATIONS = "implementations"
CORRECT = "correct"  # implementations/correct/ is the version every suite must have
OUTPUT_LIMIT = 4000
EXIT_PASSED, EXIT_FAILED, EXIT_NO_TESTS = 0, 1, 5
CORRECT_VERSION_FAILS = "correct_version_fails"  # every bug check waits on the correct version
BUG_NOT_CAUGHT = "bug_not_caught"  # the learner's tests all pass on a planted bug: the case names it
SIDE_BY_SIDE = 2  # runs of the learner's tests at once (fewer on a one-core machine)


@dataclass(frozen=True)
class TestRun:
    """One run of the learner's tests against one implementation."""

    __test__ = False  # not a pytest test class, despite the name

    implementation: str
    description: str
    exit_code: int | None
    output: str

    @property
    def timed_out(self) -> bool:
        return self.exit_code is None


def implementation_description(folder: Path) -> str:
    """What the implementation gets wrong, from its docstring ("Bug: ..."), or its folder name."""
    headline = docstring_headline(sorted(folder.glob("*.py")))
    if headline is None:
        return folder.name.replace("_", " ")
    return headline.removeprefix("Bug:").strip().rstrip(".")


def limit_resources() -> None:  # pragma: no cover - runs in the child before exec
    from grader.worker.limits import apply_limits

    apply_limits(1024)


class LearnerTests:
    """The learner's test files, runnable against any of the suite's implementations."""

    def __init__(
        self,
        tests_dir: Path,
        suite_dir: Path,
        seconds: float,
        on_start: Callable[[int], None] = ignore_pid,
        sandbox: Sandbox | None = None,
    ) -> None:
        self.tests_dir = tests_dir
        self.implementations = suite_dir / IMPLEMENTATIONS
        self.seconds = seconds
        self.on_start = on_start
        self.sandbox = sandbox  # in a batch, the learner's tests run only inside it

    def run(self, name: str) -> TestRun:
        """Run the learner's tests against ``name``, once per grading run."""
        key = (self.tests_dir, name)
        if key not in FINISHED_RUNS:
            self._run_with_the_rest(name)
        return FINISHED_RUNS[key]

    def _run_with_the_rest(self, first: str) -> None:
        """Run ``first`` and every implementation not run yet, a few at a time.

        The suite asks for them all, one test after another, and each run is a
        pytest process of its own that spends most of its time starting: side
        by side they take about half as long.
        """
        names = self._not_run_yet(first)
        with ThreadPoolExecutor(max_workers=min(SIDE_BY_SIDE, os.cpu_count() or 1)) as pool:
            for name, finished in zip(names, pool.map(self._run, names), strict=True):
                FINISHED_RUNS[(self.tests_dir, name)] = finished

    def _not_run_yet(self, first: str) -> list[str]:
        """``first``, then every other implementation the learner's tests have not met yet."""
        if not self.implementations.is_dir():
            return [first]
        found = (path.name for path in self.implementations.iterdir() if path.is_dir())
        rest = [name for name in found if name not in (first, "__pycache__")]
        return [first, *sorted(name for name in rest if (self.tests_dir, name) not in FINISHED_RUNS)]

    def _run(self, name: str) -> TestRun:
        source = self.implementations / name
        if not source.is_dir():
            raise LookupError(f"the suite has no implementation {name!r} in {self.implementations}")
        with tempfile.TemporaryDirectory(prefix="grader-learner-tests-") as tmp:
            folder = Path(tmp)
            shutil.copytree(self.tests_dir, folder, dirs_exist_ok=True)
            shutil.copytree(source, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
            exit_code, output = self._pytest(folder)
        return TestRun(name, implementation_description(source), exit_code, output)

    def _pytest(self, folder: Path) -> tuple[int | None, str]:
        command = isolated_pytest(folder) + [str(folder)]
        env = minimal_environment() | {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "NO_COLOR": "1"}
        if self.sandbox is not None:
            prepare(folder)
            access = Access(libraries=True, env=(("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1"), ("NO_COLOR", "1")))
            command = self.sandbox.prefix(folder, access) + command
        log = folder / "pytest-output.txt"  # inside the temporary folder: removed with it
        code = run_with_time_limit(command, folder, env, log, self.seconds, self.on_start, limit_resources)
        return code, log.read_bytes()[-OUTPUT_LIMIT:].decode("utf-8", "replace")

    def against(self, name: str) -> TestRunCheck:
        """Run the learner's tests against implementation ``name``, ready to be checked."""
        return TestRunCheck(self.run(name), self.run(CORRECT))


# One grading run is one pytest process: each implementation is run once in it,
# however many hidden tests ask (the correct one is asked by every bug check).
FINISHED_RUNS: dict[tuple[Path, str], TestRun] = {}


@dataclass(frozen=True)
class TestRunCheck:
    """What the hidden suite expects of one run of the learner's tests."""

    __test__ = False

    run: TestRun
    baseline: TestRun

    def _fail(self, kind: str, summary: str, diagnosis: str = "wrong_value") -> Mismatch:
        detail = {"kind": kind, "summary": summary, "output": self.run.output, "diagnosis": diagnosis}
        return Mismatch(detail)

    def _common_problems(self) -> None:
        if self.run.exit_code == EXIT_NO_TESTS:
            raise self._fail("not_started", "You have not written any tests yet (pytest found none).")
        if self.run.timed_out:
            raise self._fail("timeout", "Your tests took too long to run: is there a loop that never ends?")

    def passes(self) -> TestRunCheck:
        """Every learner test passes (a correct implementation)."""
        self._common_problems()
        if self.run.exit_code != EXIT_PASSED:
            raise self._fail(
                "mismatch",
                "Your tests fail on the correct version of the code: a test that fails on "
                "correct code is checking the wrong thing.",
            )
        return self

    def fails(self) -> TestRunCheck:
        """At least one learner test fails (an implementation with a planted bug)."""
        self._common_problems()
        if self.baseline.exit_code != EXIT_PASSED:
            raise self._fail(
                "mismatch",
                "Your tests fail on the correct version, so catching this bug does not count yet: "
                "fix that first.",
                diagnosis=CORRECT_VERSION_FAILS,
            )
        if self.run.exit_code == EXIT_PASSED:
            raise self._fail(
                "mismatch",
                f"Your tests all pass on a version with a bug: it {self.run.description}. "
                "Add a test that this version would fail.",
                diagnosis=BUG_NOT_CAUGHT,
            )
        if self.run.exit_code != EXIT_FAILED:
            raise self._fail(
                "mismatch",
                "Your tests could not run to the end against this version (pytest exit status "
                f"{self.run.exit_code}): check the output for an error in your test file.",
                diagnosis="tests_broken",
            )
        return self
