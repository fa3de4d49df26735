"""Turn discovered submissions into grading jobs, recording what needs no grading at once.

Each submission is copied into the grader's own folder first (see
:mod:`grader.batch.unpack`); each exercise's files are then located in it. A
submission that cannot be read, or files that are missing or not UTF-8,
become a result right away (0 points and the reason); files already graded
with the same suite are skipped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from grader.batch.discover import Discovery, Submission
from grader.batch.gradebook import Gradebook
from grader.batch.job import SANDBOXED_KINDS, problem_feedback
from grader.batch.locate import locate
from grader.batch.unpack import SubmissionProblem, unpack
from grader.course import Course, Exercise
from grader.suite_ids import suite_fingerprint


@dataclass(frozen=True)
class Job:
    """One learner x exercise to grade."""

    learner: str
    exercise: Exercise
    folder: Path
    content_hash: str
    suite_hash: str


@dataclass(frozen=True)
class Plan:
    jobs: tuple[Job, ...]
    learners: tuple[str, ...]
    already_graded: int
    recorded_problems: int


def suite_hash(course: Course, exercise: Exercise) -> str:
    """Identify what grading an exercise means: its suite and its manifest entry."""
    entry = f"{exercise.points}|{exercise.files}|{exercise.call_timeout}|{exercise.time_limit}"
    fingerprint = suite_fingerprint(course.suite_dir(exercise), None)
    return hashlib.sha256(f"{fingerprint}|{entry}".encode()).hexdigest()[:24]


def file_hash(path: Path) -> str:
    """SHA-256 of a file, read in chunks (an unreadable archive may be huge)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def safe_id(learner: str) -> str:
    """A learner id usable as a file name."""
    return re.sub(r"[^\w.@-]", "_", learner).lstrip(".") or "learner"


def make_plan(
    course: Course,
    discovery: Discovery,
    exercises: list[Exercise],
    gradebook: Gradebook,
    workdir: Path,
) -> Plan:
    """Unpack every submission and list the jobs still to grade."""
    hashes = {e.id: suite_hash(course, e) for e in exercises}
    jobs: list[Job] = []
    skipped = recorded = 0
    for index, submission in enumerate(discovery.submissions):
        target = workdir / f"{index:05d}-{safe_id(submission.learner)}"
        try:
            unpacked = unpack(submission, target)
            problem, notes = None, unpacked.notes
        except SubmissionProblem as error:
            problem, notes = str(error), [str(error)]
        gradebook.record_learner(submission.learner, submission.name, submission.kind, notes)
        for exercise in exercises:
            job, done = plan_one(submission, exercise, target, problem, hashes[exercise.id], gradebook)
            skipped += done == "skipped"
            recorded += done == "recorded"
            if job is not None:
                jobs.append(job)
    learners = tuple(s.learner for s in discovery.submissions)
    return Plan(tuple(jobs), learners, skipped, recorded)


def plan_one(
    submission: Submission,
    exercise: Exercise,
    root: Path,
    problem: str | None,
    suite: str,
    gradebook: Gradebook,
) -> tuple[Job | None, str]:
    """A job for one exercise, or ("recorded"/"skipped") when there is nothing to run."""
    if problem is not None:
        content = "unreadable:" + file_hash(submission.paths[0])
    else:
        located = locate(root, exercise)
        content, problem = located.content_hash or "missing", located.problem
    if gradebook.has_run(submission.learner, exercise.id, content, suite):
        return None, "skipped"
    if problem is not None:
        feedback = problem_feedback(exercise, submission.learner, problem)
        gradebook.record(feedback, content, suite)
        return None, "recorded"
    assert located.folder is not None
    return Job(submission.learner, exercise, located.folder, content, suite), "job"


def sandboxable(exercises: list[Exercise]) -> tuple[list[Exercise], list[Exercise]]:
    """Split exercises into those the sandbox covers and those it does not yet."""
    inside = [e for e in exercises if e.kind in SANDBOXED_KINDS]
    return inside, [e for e in exercises if e.kind not in SANDBOXED_KINDS]
