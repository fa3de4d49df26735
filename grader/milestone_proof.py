"""Prove each graded milestone passable with only the code its README step names.

For a milestone N, the reference is graded with every function the starter
marks for a later milestone put back to its stub (``course.milestone_stubs``);
the tests up to N must pass. A milestone that fails here needs code the
learner is told to write only later.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from grader.course.manifest import Course, Exercise
from grader.course.milestone_stubs import MilestoneStubError, stage_milestone, units
from grader.feedback.model import Feedback
from grader.pipeline.grading import grade
from grader.pipeline.milestones import graded_milestones

# Nothing to stub (the last milestones): the code is the reference's, and the reference's own
# run of the milestone's tests decides, instead of a second run of the same code (see settled).
AS_REFERENCE = "as reference"


@dataclass(frozen=True)
class MilestoneCheck:
    """One graded milestone, run on the reference with later milestones' stubs."""

    milestone: int
    status: str
    failed: tuple[str, ...] = ()  # "test: message" of each test that did not pass
    stubbed: tuple[str, ...] = ()  # the functions put back to their starter stubs
    problem: str = ""  # the starter and reference could not be put together

    @property
    def ok(self) -> bool:
        return self.status == "passed" and not self.problem


def has_milestone_markers(course: Course, exercise: Exercise) -> bool:
    """True when any starter file marks a function with ``TODO (milestone K)``."""
    folder = course.exercise_dir(exercise)
    for pattern in exercise.files:
        for path in folder.glob(pattern):
            try:
                found = units(path.read_text(encoding="utf-8"))
            except (SyntaxError, UnicodeDecodeError):
                continue
            if any(unit.milestone is not None for unit in found.values()):
                return True
    return False


def prove_milestones(course: Course, exercise: Exercise) -> tuple[MilestoneCheck, ...]:
    """Check every milestone the hidden suite grades; none for an exercise without markers."""
    if not has_milestone_markers(course, exercise):
        return ()
    proofs = [prove_milestone(course, exercise, n) for n in graded_milestones(course, exercise)]
    if any(proof.status == AS_REFERENCE for proof in proofs):
        reference = grade(course, exercise, course.solution_dir(exercise))
        proofs = [settled(proof, reference) for proof in proofs]
    return tuple(proofs)


def prove_milestone(course: Course, exercise: Exercise, milestone: int) -> MilestoneCheck:
    """Grade milestone ``milestone`` on the reference with every later function stubbed."""
    with tempfile.TemporaryDirectory(prefix="grader-milestone-") as tmp:
        folder = Path(tmp) / "code"
        try:
            stubbed = stage_milestone(course, exercise, milestone, folder)
        except (MilestoneStubError, SyntaxError) as error:
            return MilestoneCheck(milestone, "error", problem=str(error))
        if not stubbed:
            return MilestoneCheck(milestone, AS_REFERENCE)
        feedback = grade(course, exercise, folder, milestone=milestone)
    failed = tuple(f"{t.name}: {t.message}" for t in feedback.tests if t.status != "passed")
    if not failed and feedback.error:
        failed = (feedback.error,)
    return MilestoneCheck(milestone, feedback.status, failed, tuple(stubbed))


def settled(proof: MilestoneCheck, reference: Feedback) -> MilestoneCheck:
    """A milestone whose code is the reference's, judged by the reference's run of the tests up to it."""
    if proof.status != AS_REFERENCE:
        return proof
    own = [t for t in reference.tests if (t.milestone or 0) <= proof.milestone]
    failed = tuple(f"{t.name}: {t.message}" for t in own if t.status != "passed")
    if not own and reference.error:
        failed = (reference.error,)
    return replace(proof, status="failed" if failed or not own else "passed", failed=failed)
