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
import re
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
from grader.kinds.own_tests import failures, not_run

IMPLEMENTATIONS = "implementations"
CORRECT = "correct"  # implementations/correct/ is the version every suite must have
OUTPUT_LIMIT = 4000
EXIT_PASSED, EXIT_FAILED, EXIT_NO_TESTS = 0, 1, 5
CORRECT_VERSION_FAILS = "correct_version_fails"  # every bug check waits on the correct version
NOT_RUN_SHOWN = 5  # tests pytest leaves out, named in one message
BUG_NOT_CAUGHT = "bug_not_caught"  # the learner's tests all pass on a planted bug: the case names it
SIDE_BY_SIDE = 2  # runs of the learner's tests at once (fewer on a one-core machine)
# One learner test that runs longer than this is stopped: pytest's faulthandler writes where it
# was, and the run is ended there rather than at the limit for the whole run.
ONE_TEST_SECONDS = 2.0
STUCK = "Timeout ("  # how faulthandler's dump begins


@dataclass(frozen=True)
class TestRun:
    """One run of the learner's tests against one implementation."""

    __test__ = False  # not a pytest test class, despite the name

    implementation: str
    description: str
    exit_code: int | None
    output: str
    stopped_at: str = ""  # the learner's test and line where a run that did not finish was stopped

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
            runs = {name: pool.submit(self._run, name) for name in names}
            if CORRECT in runs and runs[CORRECT].result().timed_out:
                # Every check needs the correct version to pass: the runs not started yet
                # cannot change a grade, and would only wait on the same stuck test.
                for future in runs.values():
                    future.cancel()
        for name, future in runs.items():
            FINISHED_RUNS[(self.tests_dir, name)] = (
                self._stuck_like(runs[CORRECT].result(), name) if future.cancelled() else future.result()
            )

    def _stuck_like(self, stuck: TestRun, name: str) -> TestRun:
        """A run not waited on, recorded as stopped where the correct version's run was."""
        description = implementation_description(self.implementations / name)
        return TestRun(name, description, None, stuck.output, stuck.stopped_at)

    def _not_run_yet(self, first: str) -> list[str]:
        """``first``, then every other implementation the learner's tests have not met yet."""
        if not self.implementations.is_dir():
            return [first]
        found = (path.name for path in self.implementations.iterdir() if path.is_dir())
        rest = [name for name in found if name not in (first, "__pycache__")]
        waiting = sorted(name for name in rest if (self.tests_dir, name) not in FINISHED_RUNS)
        if CORRECT in waiting:  # first: every check waits on it, and a stuck test shows there
            waiting.remove(CORRECT)
            return [CORRECT, first, *waiting]
        return [first, *waiting]

    def _run(self, name: str) -> TestRun:
        source = self.implementations / name
        if not source.is_dir():
            raise LookupError(f"the suite has no implementation {name!r} in {self.implementations}")
        with tempfile.TemporaryDirectory(prefix="grader-learner-tests-") as tmp:
            folder = Path(tmp)
            shutil.copytree(self.tests_dir, folder, dirs_exist_ok=True)
            shutil.copytree(source, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
            exit_code, output = self._pytest(folder)
            stopped_at = where_stuck(output, folder) if exit_code is None else ""
        return TestRun(name, implementation_description(source), exit_code, output, stopped_at)

    def _pytest(self, folder: Path) -> tuple[int | None, str]:
        # Short tracebacks: the learner's failing line and the exception, which feedback shows in full.
        command = isolated_pytest(folder) + [
            "--tb=short",
            "-o",
            f"faulthandler_timeout={ONE_TEST_SECONDS:g}",
            str(folder),
        ]
        env = minimal_environment() | {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "NO_COLOR": "1"}
        if self.sandbox is not None:
            prepare(folder)
            access = Access(libraries=True, env=(("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1"), ("NO_COLOR", "1")))
            command = self.sandbox.prefix(folder, access) + command
        log = folder / "pytest-output.txt"  # inside the temporary folder: removed with it
        code = run_with_time_limit(
            command, folder, env, log, self.seconds, self.on_start, limit_resources, lambda: stuck(log)
        )
        output = log.read_bytes()[-OUTPUT_LIMIT:].decode("utf-8", "replace")
        return code, output.replace(f"{folder}{os.sep}", "")  # a temporary folder means nothing to a learner

    def against(self, name: str) -> TestRunCheck:
        """Run the learner's tests against implementation ``name``, ready to be checked."""
        test_files = tuple(sorted(path.name for path in self.tests_dir.glob("test_*.py")))
        return TestRunCheck(self.run(name), self.run(CORRECT), tuple(not_run(self.tests_dir)), test_files)


def stuck(log: Path) -> bool:
    """A learner test has run past ONE_TEST_SECONDS: faulthandler wrote where it was."""
    try:
        with open(log, "rb") as output:
            return STUCK.encode() in output.read()
    except OSError:
        return False


def where_stuck(output: str, folder: Path) -> str:
    """The learner's test and line where faulthandler found the run (its innermost test-file frame)."""
    if STUCK not in output:
        return ""
    dump = output[output.index(STUCK) :]
    for line in dump.splitlines():
        found = FRAME.match(line.strip())
        name = Path(found["file"]).name if found else ""
        if found and name.startswith("test_") and (folder / name).is_file():
            number = int(found["line"])
            code = linecache_line(folder / name, number)
            return f"{found['test']} in {name}, line {number}" + (f": {code}" if code else "")
    return ""


FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<test>\w+)')


def linecache_line(path: Path, number: int) -> str:
    try:
        lines = path.read_text("utf-8", "replace").splitlines()
    except OSError:
        return ""
    return lines[number - 1].strip()[:200] if 0 < number <= len(lines) else ""


# One grading run is one pytest process: each implementation is run once in it,
# however many hidden tests ask (the correct one is asked by every bug check).
FINISHED_RUNS: dict[tuple[Path, str], TestRun] = {}


Lines = tuple[str, ...]


@dataclass(frozen=True)
class TestRunCheck:
    """What the hidden suite expects of one run of the learner's tests."""

    __test__ = False

    run: TestRun
    baseline: TestRun
    not_run: tuple[str, ...] = ()  # the learner's test-like functions pytest leaves out, and why
    test_files: tuple[str, ...] = ()

    def _fail(self, kind: str, summary: str, diagnosis: str = "wrong_value", lines: Lines = ()) -> Mismatch:
        text = "\n".join([summary, *lines])
        return Mismatch({"kind": kind, "summary": text, "output": self.run.output, "diagnosis": diagnosis})

    def _not_run_lines(self) -> Lines:
        """The learner's tests that pytest leaves out: perhaps the very test a check looks for."""
        if not self.not_run:
            return ()
        shown = [f"  - {why}." for why in self.not_run[:NOT_RUN_SHOWN]]
        if len(self.not_run) > NOT_RUN_SHOWN:
            shown.append(f"  ... and {len(self.not_run) - NOT_RUN_SHOWN} more.")
        return ("These look like tests, but pytest does not run them:", *shown)

    def _common_problems(self) -> None:
        if self.run.exit_code == EXIT_NO_TESTS:
            if self.not_run:
                raise self._fail(
                    "not_started", "pytest found no tests in your file.", lines=self._not_run_lines()
                )
            raise self._fail("not_started", "You have not written any tests yet (pytest found none).")
        if self.run.timed_out and self.run.stopped_at:
            raise self._fail(
                "timeout",
                f"Your tests did not finish: one test ran longer than {ONE_TEST_SECONDS:g} s and was "
                f"stopped in {self.run.stopped_at}",
                "timeout",
            )
        if self.run.timed_out:
            raise self._fail("timeout", "Your tests did not finish within the time limit and were stopped.")

    def passes(self) -> TestRunCheck:
        """Every learner test passes (a correct implementation)."""
        self._common_problems()
        if self.run.exit_code != EXIT_PASSED:
            raise self._fail(
                "mismatch",
                "Your tests fail on the correct version of the code: a test that fails on "
                "correct code is checking the wrong thing.",
                lines=(*failures(self.run.output, set(self.test_files)), *self._not_run_lines()),
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
                lines=self._not_run_lines(),
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
