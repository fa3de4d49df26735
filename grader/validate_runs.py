"""Split validating an exercise into its grading runs, none of which needs another's result.

Validate grades, for each exercise, the reference (and its public tests
alone), the committed starter, every known-wrong variant and every graded
milestone. Planned as separate runs, the whole course's runs are shared among
the warm threads together, costliest first: an exercise with many long runs
(the capstone) is spread over every thread instead of keeping one busy while
the others run out of work.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from grader.course.edition_marker import has_instructor_tests
from grader.course.manifest import Course, Exercise, usual_call_timeout
from grader.course.restore import RestoreError
from grader.course.starter import committed_starter, differs_from_working_copy, write_files
from grader.feedback.docstrings import docstring_headline, docstring_paragraphs
from grader.feedback.model import Feedback
from grader.milestone_proof import has_milestone_markers, prove_milestone
from grader.pipeline.grading import grade, grade_observed
from grader.pipeline.milestones import graded_milestones
from grader.pipeline.suite_ids import SuiteError, expected_test_ids

MISTAKES = "mistakes"
MISTAKE_RUN = "mistake "  # a variant's run is named "mistake <its file or folder's stem>"
# How much longer one grading run of a kind takes than a plain one (the capstone starts its service per test).
RUN_WEIGHT = {"project": 8.0, "write-tests": 3.0}


@dataclass(frozen=True)
class MistakeCheck:
    """One known-wrong variant and which tests caught it."""

    name: str
    mistake: str
    status: str
    caught_by: tuple[str, ...]
    score: float = 0.0
    public_status: str | None = None  # None: the suite has no instructor-only tests
    public_score: float | None = None
    hints: tuple[str, ...] = ()  # the hints written for it (its docstring's "Hint: " paragraphs)
    hints_shown: tuple[str, ...] = ()  # what a learner who makes this mistake is shown
    timing: tuple[str, ...] = ()  # its docstring's "Timing: " paragraphs: which tests catch it varies

    @property
    def caught(self) -> bool:
        return self.status != "passed"

    @property
    def only_hidden_tests_catch(self) -> bool:
        """The public tests pass this mistake: only the instructor's grading catches it."""
        return self.caught and self.public_status == "passed"


@dataclass(frozen=True)
class Run:
    """One grading run of an exercise: its name within the exercise, its weight and its work."""

    name: str  # "reference", "public", "starter", "mistake <stem>" or "milestone <n>"
    weight: float
    work: Callable[[], object]


class Outcomes:
    """What each run of an exercise gave; a suite error is kept and raised where its result is read."""

    def __init__(self, results: dict[str, object]) -> None:
        self.results = results

    def take(self, name: str) -> object:
        """The result of the run ``name``, or the suite error it met, raised."""
        result = self.results[name]
        if isinstance(result, SuiteError):
            raise result
        return result


def attempt(run: Run) -> object:
    """Do a run's work; a suite error is its result, so the other runs go on."""
    try:
        return run.work()
    except SuiteError as error:
        return error


def serially(runs: list[Run]) -> Outcomes:
    return Outcomes({run.name: attempt(run) for run in runs})


def exercise_runs(course: Course, exercise: Exercise) -> list[Run]:
    """Every grading run validate makes for ``exercise``, in the order it reads them."""
    weight = run_weight(exercise)
    hidden = has_instructor_tests(course.suite_dir(exercise))
    # Whether the public tests alone are graded needs a collection: made once, by the first run to ask.
    split = cache(partial(public_split, course, exercise) if hidden else bool)
    solution = course.solution_dir(exercise)
    runs = [Run("reference", weight, partial(grade, course, exercise, solution))]
    if hidden:
        runs.append(Run("public", weight, partial(grade_public, course, exercise, solution, split)))
    runs.append(Run("starter", weight, partial(grade_starter, course, exercise)))
    for path in mistake_paths(course, exercise):
        work = partial(grade_variant, course, exercise, path, split)
        runs.append(Run(f"{MISTAKE_RUN}{path.stem}", weight * (2 if hidden else 1), work))
    return runs + milestone_runs(course, exercise, weight)


def run_weight(exercise: Exercise) -> float:
    """How long one of the exercise's runs takes, against a plain one's 1.

    Runs grow with how long one call may take: an exercise whose calls are given
    more than its kind's usual seconds (threads that stop, retries that back off)
    has runs that mostly wait, and taken early they wait beside other work.
    """
    usual = usual_call_timeout(exercise.kind)
    return RUN_WEIGHT.get(exercise.kind, 1.0) * max(1.0, exercise.call_timeout / usual)


def public_split(course: Course, exercise: Exercise) -> bool:
    """Whether the public tests alone are a run of their own (a suite may make every test hidden)."""
    return len(expected_test_ids(course, exercise, None, public_only=True)) > 0


def grade_public(
    course: Course, exercise: Exercise, solution: Path, split: Callable[[], bool]
) -> Feedback | None:
    """The reference graded by the public tests alone; None when there are none."""
    return grade(course, exercise, solution, public_only=True) if split() else None


def grade_variant(
    course: Course, exercise: Exercise, variant: Path, split: Callable[[], bool]
) -> tuple[MistakeCheck, Feedback, dict[str, str]]:
    return grade_mistake(course, exercise, variant, split())


def milestone_runs(course: Course, exercise: Exercise, weight: float) -> list[Run]:
    """A run per graded milestone; a suite that cannot say its milestones has one run that says why."""
    if not has_milestone_markers(course, exercise):
        return []
    try:
        graded = graded_milestones(course, exercise)
    except SuiteError as error:
        return [Run("milestones", 0.0, partial(raise_again, error))]
    return [Run(f"milestone {n}", weight, partial(prove_milestone, course, exercise, n)) for n in graded]


def raise_again(error: SuiteError) -> object:
    raise error


def grade_starter(course: Course, exercise: Exercise) -> tuple[Feedback, str]:
    """Grade the starter as committed in git, so a learner's own work never counts as the starter.

    Outside git (a course being written, a copied folder) the working file is
    graded instead, and the note says so.
    """
    try:
        files = committed_starter(course, exercise)
    except RestoreError as error:
        note = f"checked the working copy of the starter: {error}"
        return grade(course, exercise, course.exercise_dir(exercise)), note
    note = ""
    if differs_from_working_copy(course, exercise, files):
        note = (
            "checked the committed starter (the branch's upstream, else HEAD); "
            "the working copy differs, and is not what was checked"
        )
    with tempfile.TemporaryDirectory(prefix="grader-starter-") as tmp:
        return grade(course, exercise, write_files(files, Path(tmp))), note


def mistake_paths(course: Course, exercise: Exercise) -> list[Path]:
    folder = course.suite_dir(exercise) / MISTAKES
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix == ".py" or (p.is_dir() and p.name != "__pycache__")
    )


def check_mistake(course: Course, exercise: Exercise, variant: Path, split: bool = False) -> MistakeCheck:
    """Grade a known-wrong variant with the full suite, and with the public tests when they differ."""
    return grade_mistake(course, exercise, variant, split)[0]


def grade_mistake(
    course: Course, exercise: Exercise, variant: Path, split: bool = False
) -> tuple[MistakeCheck, Feedback, dict[str, str]]:
    """Check a variant, and keep its feedback (without known-mistake hints) and its fingerprint."""
    with tempfile.TemporaryDirectory(prefix="grader-mistake-") as tmp:
        staged = Path(tmp) / "code"
        shutil.copytree(course.solution_dir(exercise), staged, ignore=shutil.ignore_patterns("__pycache__"))
        if variant.is_dir():
            shutil.copytree(variant, staged, dirs_exist_ok=True)
        else:
            shutil.copyfile(variant, staged / exercise.files[0])
        feedback, fingerprint = grade_observed(course, exercise, staged)
        public = grade(course, exercise, staged, public_only=True) if split else None
    caught_by = tuple(t.name for t in feedback.tests if t.status != "passed")
    check = MistakeCheck(
        variant.stem,
        mistake_name(variant),
        feedback.status,
        caught_by,
        score=feedback.score,
        public_status=public.status if public else None,
        public_score=public.score if public else None,
        hints=docstring_paragraphs(variant_files(variant), "Hint:"),
        timing=docstring_paragraphs(variant_files(variant), "Timing:"),
    )
    return check, feedback, fingerprint


def mistake_name(variant: Path) -> str:
    """The first line of the variant's docstring, which names the mistake it models."""
    headline = docstring_headline(variant_files(variant), lambda doc: doc.lower().startswith("mistake"))
    return headline or "(no docstring names this mistake)"


def variant_files(variant: Path) -> list[Path]:
    return [variant] if variant.is_file() else sorted(variant.rglob("*.py"))
