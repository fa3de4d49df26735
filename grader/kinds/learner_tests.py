"""Run a learner's own tests against known implementations (write-tests exercises).

The learner's tests are untrusted code: they run apart from the grader, with
plugin autoloading off, our config file, a minimal environment, resource
limits and a time limit, in a fresh folder holding only the learner's test
files and one implementation from the suite's ``implementations/<name>/``
(grader/kinds/implementation_runs.py). The outcome is read from pytest's exit
status alone; the hidden suite decides what that outcome is worth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from grader.boundary.process import ignore_pid
from grader.boundary.sandbox import Sandbox
from grader.feedback.expectations import Mismatch
from grader.kinds.implementation_runs import CORRECT, Implementations
from grader.kinds.own_tests import failures, not_run
from grader.kinds.run_results import ONE_TEST_SECONDS, TestRun, implementation_description

IMPLEMENTATIONS = "implementations"
EXIT_PASSED, EXIT_FAILED, EXIT_NO_TESTS = 0, 1, 5
CORRECT_VERSION_FAILS = "correct_version_fails"  # every bug check waits on the correct version
NOT_RUN_SHOWN = 5  # tests pytest leaves out, named in one message
BUG_NOT_CAUGHT = "bug_not_caught"  # the learner's tests all pass on a planted bug: the case names it


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
        """Run ``first`` and every implementation not run yet, in one go.

        The suite asks for them all, one test after another; each run costs
        mostly pytest's start, which one go pays once (or, without fork, side
        by side, about half as often).
        """
        names = self._not_run_yet(first)
        implementations = Implementations(
            self.tests_dir, self.implementations, self.seconds, self.on_start, self.sandbox
        )
        runs = implementations.run_all(names)
        first_run = runs[names[0]]
        for name, run in runs.items():
            if run is None and first_run is not None:  # not waited on: correct was stuck
                run = self._stuck_like(first_run, name)
            assert run is not None
            FINISHED_RUNS[(self.tests_dir, name)] = run

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

    def against(self, name: str) -> TestRunCheck:
        """Run the learner's tests against implementation ``name``, ready to be checked."""
        test_files = tuple(sorted(path.name for path in self.tests_dir.glob("test_*.py")))
        return TestRunCheck(self.run(name), self.run(CORRECT), tuple(not_run(self.tests_dir)), test_files)


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
