"""Prove every hidden suite: the reference passes, the stub fails, each mistake fails.

A project's milestones are proved too: each graded milestone passes on the
reference with every later milestone's functions put back to their stubs.

Where a suite has instructor-only tests it proves both editions: the public
tests alone are run too, and the mistakes only the hidden tests catch are named.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, cast

from grader.course.manifest import Course, Exercise
from grader.feedback.build import GRADER_FAULT
from grader.feedback.model import Feedback
from grader.hint_proof import HintCheck
from grader.known_variants import record_known_mistakes
from grader.milestone_proof import MilestoneCheck, settled
from grader.pipeline.suite_ids import SuiteError, SuiteNotCollected
from grader.plain.scan import suite_problems
from grader.proof_records import ProofRecords
from grader.readme_agreement import Unstated, unstated_phrases
from grader.validate_runs import (
    MISTAKE_RUN,
    MistakeCheck,
    Outcomes,
    attempt,
    exercise_runs,
    mistake_paths,
    serially,
)
from grader.warm_threads import map_warm

Graded = tuple[MistakeCheck, Feedback, dict[str, str]]


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
    # How many of its runs were recorded by an earlier validate that read the same files (a
    # variant's run is kept on its own), of how many it has.
    reused_runs: int = 0
    runs: int = 0

    @property
    def reused(self) -> bool:
        """Every run was recorded by an earlier validate: nothing was graded now."""
        return 0 < self.runs == self.reused_runs

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
            entry["reused"] = check.reused
            entry["hints"] = [hint.to_dict() for hint in check.hints]
            for milestone, proof in zip(entry["milestones"], check.milestones, strict=True):
                milestone["ok"] = proof.ok
        return data


def validate_course(
    course: Course, exercises: list[Exercise], jobs: int = 2, records: ProofRecords | None = None
) -> ValidationReport:
    """Validate the given exercises (all when empty) and look for stray folders.

    With ``records``, an exercise whose runs were recorded by an earlier validate
    that read the same files is read from there instead of graded again.
    """
    chosen = exercises or list(course.exercises)
    planned = [exercise_runs(course, exercise) for exercise in chosen]
    recorded = [records.runs_of(exercise) if records is not None else {} for exercise in chosen]
    to_grade = [
        run for runs, found in zip(planned, recorded, strict=True) for run in runs if run.name not in found
    ]
    results = iter(map_warm(attempt, to_grade, lambda run: run.weight, jobs))
    checks = []
    for exercise, runs, found in zip(chosen, planned, recorded, strict=True):
        # In the order to_grade was made, so each run takes its own result.
        outcomes = {run.name: found[run.name] if run.name in found else next(results) for run in runs}
        reused = sum(1 for run in runs if run.name in found)
        check = validate_exercise(course, exercise, Outcomes(outcomes))
        if records is not None and reused < len(runs) and check.ok:
            records.keep(exercise, outcomes)
        checks.append(replace(check, reused_runs=reused, runs=len(runs)))
    return ValidationReport(tuple(checks), tuple(stray_folders(course)))


def validate_exercise(course: Course, exercise: Exercise, outcomes: Outcomes | None = None) -> ExerciseCheck:
    """Read an exercise's grading runs (made here, one after another, when not given) into its check."""
    refused = tuple(suite_problems(course.suite_dir(exercise), exercise.modules))
    if outcomes is None:
        outcomes = serially(exercise_runs(course, exercise))
    try:
        return graded_check(course, exercise, refused, outcomes)
    except SuiteNotCollected as error:  # the reasons are for the instructor, who runs validate
        why = tuple(f"the suite could not be collected: {reason}" for reason in error.reasons)
        return ExerciseCheck(exercise.id, "error", why, "error", (), suite_problems=refused)
    except SuiteError as error:
        if not refused:
            raise
        # A plain suite that cannot even be collected: what the scan refused says why.
        return ExerciseCheck(exercise.id, "error", (str(error),), "error", (), suite_problems=refused)


def graded_check(
    course: Course, exercise: Exercise, refused: tuple[str, ...], outcomes: Outcomes
) -> ExerciseCheck:
    """Read the reference, the public run, the starter and every known-wrong variant as graded."""
    reference = cast(Feedback, outcomes.take("reference"))
    public_tests = len(reference.tests)  # a suite without instructor-only tests: all are public
    if "public" in outcomes.results:
        public = cast("Feedback | None", outcomes.take("public"))
        public_tests = len(public.tests) if public else 0  # None: every test is instructor-only
    starter, note = cast(tuple[Feedback, str], outcomes.take("starter"))
    paths = mistake_paths(course, exercise)
    graded = [cast(Graded, outcomes.take(f"{MISTAKE_RUN}{path.stem}")) for path in paths]
    shown, hints = record_known_mistakes(course.suite_dir(exercise), reference, graded)
    mistakes = tuple(replace(g[0], hints_shown=seen) for g, seen in zip(graded, shown, strict=True))
    faults = [*grader_faults("reference", reference), *grader_faults("starter", starter)]
    faults += [
        fault for path, g in zip(paths, graded, strict=True) for fault in grader_faults(path.stem, g[1])
    ]
    milestones = [
        settled(cast(MilestoneCheck, outcomes.take(name)), reference)
        for name in outcomes.results
        if name.startswith("milestone")
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
        milestones=tuple(milestones),
    )


def grader_faults(label: str, feedback: Feedback) -> list[str]:
    """Tests that failed by a fault of the grader: a learner's mistake must never read so."""
    return [f"{label}, {t.name}: {t.message}" for t in feedback.tests if t.message.startswith(GRADER_FAULT)]


def problems(feedback: Feedback) -> list[str]:
    found = [f"{t.name}: {t.message}" for t in feedback.tests if t.status != "passed"]
    return found or ([feedback.error] if feedback.error else [])


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
