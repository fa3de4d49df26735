"""Prove every hidden suite: the reference passes, the stub fails, each mistake fails.

A project's milestones are proved too: each graded milestone passes on the
reference with every later milestone's functions put back to their stubs.

Where a suite has instructor-only tests it proves both editions: the public
tests alone are run too, and the mistakes only the hidden tests catch are named.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from grader.course.edition_marker import has_instructor_tests
from grader.course.manifest import Course, Exercise
from grader.course.restore import RestoreError
from grader.course.starter import committed_starter, differs_from_working_copy, write_files
from grader.feedback.build import GRADER_FAULT
from grader.feedback.docstrings import docstring_headline, docstring_paragraphs
from grader.feedback.model import Feedback
from grader.hint_proof import HintCheck
from grader.known_variants import record_known_mistakes
from grader.milestone_proof import MilestoneCheck, prove_milestones
from grader.pipeline.grading import grade, grade_observed
from grader.pipeline.suite_ids import SuiteError, SuiteNotCollected, expected_test_ids
from grader.plain.scan import suite_problems
from grader.readme_agreement import Unstated, unstated_phrases
from grader.warm_threads import map_warm

MISTAKES = "mistakes"
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

    @property
    def caught(self) -> bool:
        return self.status != "passed"

    @property
    def only_hidden_tests_catch(self) -> bool:
        """The public tests pass this mistake: only the instructor's grading catches it."""
        return self.caught and self.public_status == "passed"


@dataclass(frozen=True)
class ExerciseCheck:
    """Everything validate learned about one exercise."""

    exercise_id: str
    reference_status: str
    reference_problems: tuple[str, ...]
    starter_status: str
    mistakes: tuple[MistakeCheck, ...]
    starter_note: str = ""
    public_tests: int = 0
    hidden_tests: int = 0
    suite_problems: tuple[str, ...] = ()  # what a plain suite asks that cannot cross the boundary
    unstated: tuple[Unstated, ...] = ()  # wording the suite demands that the learner is never told
    grader_faults: tuple[str, ...] = ()  # "the grader itself failed" on the reference, starter or a mistake
    hints: tuple[HintCheck, ...] = ()
    milestones: tuple[MilestoneCheck, ...] = ()  # each graded milestone, passable with its own code

    @property
    def ok(self) -> bool:
        return (
            all(m.ok for m in self.milestones)
            and not self.suite_problems
            and not self.unstated
            and not self.grader_faults
            and all(h.ok for h in self.hints)
            and self.reference_status == "passed"
            and self.public_tests > 0
            and self.starter_status != "passed"
            and len(self.mistakes) > 0
            and all(m.caught for m in self.mistakes)
        )


@dataclass(frozen=True)
class ValidationReport:
    exercises: tuple[ExerciseCheck, ...]
    stray_folders: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.stray_folders and all(e.ok for e in self.exercises)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        for entry, check in zip(data["exercises"], self.exercises, strict=True):
            entry["ok"] = check.ok
            entry["hints"] = [hint.to_dict() for hint in check.hints]
            for milestone, proof in zip(entry["milestones"], check.milestones, strict=True):
                milestone["ok"] = proof.ok
        return data


def validate_course(course: Course, exercises: list[Exercise], jobs: int = 2) -> ValidationReport:
    """Validate the given exercises (all when empty) and look for stray folders."""
    chosen = exercises or list(course.exercises)
    checks = map_warm(lambda e: validate_exercise(course, e), chosen, lambda e: cost(course, e), jobs)
    return ValidationReport(tuple(checks), tuple(stray_folders(course)))


def cost(course: Course, exercise: Exercise) -> float:
    """About how long validating an exercise takes: its grading runs, weighed by its kind."""
    runs = 2 + len(mistake_paths(course, exercise))  # the reference, the starter, each variant
    if has_instructor_tests(course.suite_dir(exercise)):
        runs *= 2  # the public tests alone too
    return runs * RUN_WEIGHT.get(exercise.kind, 1.0)


def validate_exercise(course: Course, exercise: Exercise) -> ExerciseCheck:
    refused = tuple(suite_problems(course.suite_dir(exercise), exercise.modules))
    try:
        return graded_check(course, exercise, refused)
    except SuiteNotCollected as error:  # the reasons are for the instructor, who runs validate
        why = tuple(f"the suite could not be collected: {reason}" for reason in error.reasons)
        return ExerciseCheck(exercise.id, "error", why, "error", (), suite_problems=refused)
    except SuiteError as error:
        if not refused:
            raise
        # A plain suite that cannot even be collected: what the scan refused says why.
        return ExerciseCheck(exercise.id, "error", (str(error),), "error", (), suite_problems=refused)


def graded_check(course: Course, exercise: Exercise, refused: tuple[str, ...]) -> ExerciseCheck:
    """Grade the reference, the public run, the starter and every known-wrong variant."""
    has_hidden = has_instructor_tests(course.suite_dir(exercise))
    reference = grade(course, exercise, course.solution_dir(exercise))
    # A suite whose every test is instructor-only has no public run: the check fails on the count.
    public_count = len(expected_test_ids(course, exercise, None, public_only=True)) if has_hidden else 1
    split = has_hidden and public_count > 0
    public = grade(course, exercise, course.solution_dir(exercise), public_only=True) if split else reference
    public_tests = len(public.tests) if public_count else 0
    starter, note = grade_starter(course, exercise)
    paths = mistake_paths(course, exercise)
    graded = [grade_mistake(course, exercise, path, split) for path in paths]
    shown, hints = record_known_mistakes(course.suite_dir(exercise), reference, graded)
    mistakes = tuple(replace(g[0], hints_shown=seen) for g, seen in zip(graded, shown, strict=True))
    faults = [*grader_faults("reference", reference), *grader_faults("starter", starter)]
    faults += [
        fault for path, g in zip(paths, graded, strict=True) for fault in grader_faults(path.stem, g[1])
    ]
    return ExerciseCheck(
        exercise_id=exercise.id,
        reference_status=reference.status,
        reference_problems=tuple(problems(reference)),
        starter_status=starter.status,
        mistakes=mistakes,
        starter_note=note,
        public_tests=public_tests,
        hidden_tests=len(reference.tests) - public_tests,
        suite_problems=refused,
        unstated=unstated_phrases(course, exercise),
        grader_faults=tuple(faults),
        hints=hints,
        milestones=prove_milestones(course, exercise),
    )


def grader_faults(label: str, feedback: Feedback) -> list[str]:
    """Tests that failed by a fault of the grader: a learner's mistake must never read so."""
    return [f"{label}, {t.name}: {t.message}" for t in feedback.tests if t.message.startswith(GRADER_FAULT)]


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


def problems(feedback: Feedback) -> list[str]:
    found = [f"{t.name}: {t.message}" for t in feedback.tests if t.status != "passed"]
    return found or ([feedback.error] if feedback.error else [])


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
    )
    return check, feedback, fingerprint


def mistake_name(variant: Path) -> str:
    """The first line of the variant's docstring, which names the mistake it models."""
    headline = docstring_headline(variant_files(variant), lambda doc: doc.lower().startswith("mistake"))
    return headline or "(no docstring names this mistake)"


def variant_files(variant: Path) -> list[Path]:
    return [variant] if variant.is_file() else sorted(variant.rglob("*.py"))


def stray_folders(course: Course) -> list[str]:
    """Exercise-like folders on disk that the manifest does not know about."""
    known = {Path(e.path) for e in course.exercises} | {Path(m.path) for m in course.modules}
    parents = {p.parent for p in known} | {Path(m.path) for m in course.modules}
    stray = []
    for parent in sorted(parents):
        folder = course.root / parent
        if not folder.is_dir() or parent == Path("."):
            continue
        for child in sorted(folder.iterdir()):
            relative = child.relative_to(course.root)
            if child.is_dir() and not child.name.startswith((".", "_")) and relative not in known:
                stray.append(str(relative))
    return stray
