"""Turn discovered submissions into grading jobs, recording what needs no grading at once.

Each submission is copied into the grader's own folder first (see
:mod:`grader.batch.unpack`); each exercise's files are then located in it,
or taken from its notebooks' cells (see :mod:`grader.batch.notebooks`). A
submission that cannot be read, or files that are missing or not UTF-8,
become a result right away (0 points and the reason); files already graded
with the same suite are skipped.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from grader.batch.discover import Discovery, Submission
from grader.batch.gradebook import Gradebook
from grader.batch.learner_folders import folder_name
from grader.batch.locate import Located, graded_files, locate
from grader.batch.not_graded import problem_feedback
from grader.batch.notebooks import Notebooks
from grader.batch.submission_size import size_problem
from grader.batch.unpack import SubmissionProblem, unpack
from grader.course.manifest import Course, Exercise
from grader.course.restore import is_untouched_starter
from grader.pipeline.suite_ids import suite_fingerprint


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
    notebooks: NotebookCounts = field(default_factory=lambda: NotebookCounts(0, 0, 0))
    not_graded: tuple[str, ...] = ()  # learners with work recorded as not graded before any grading


@dataclass(frozen=True)
class NotebookCounts:
    """How many notebooks the submissions held, could not be read, and exercises taken from them."""

    found: int
    unreadable: int
    exercises: int

    @classmethod
    def of(cls, counts: Counter[str]) -> NotebookCounts:
        return cls(counts["notebooks"], counts["unreadable_notebooks"], counts["from_notebook"])


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


@dataclass
class Unpacked:
    """One learner's submission in the grader's folder: its files, its notebooks, notes for the learner."""

    root: Path
    problem: str | None
    notebooks: Notebooks | None
    notes: list[str]
    from_notebooks: int = 0


def unpack_submission(submission: Submission, target: Path) -> Unpacked:
    try:
        unpacked = unpack(submission, target)
    except SubmissionProblem as error:
        return Unpacked(target, str(error), None, [str(error)])
    notebooks = Notebooks(target)
    return Unpacked(target, None, notebooks, unpacked.notes + notebooks.problems)


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
    counts: Counter[str] = Counter()
    not_graded: list[str] = []
    for index, submission in enumerate(discovery.submissions):
        found = unpack_submission(submission, workdir / f"{index:05d}-{folder_name(submission.learner)}")
        if found.notebooks is not None:
            counts["notebooks"] += found.notebooks.count
            counts["unreadable_notebooks"] += len(found.notebooks.problems)
        for exercise in exercises:
            job, done = plan_one(course, submission, exercise, found, hashes[exercise.id], gradebook)
            counts[done] += 1
            if done == "recorded" and submission.learner not in not_graded:
                not_graded.append(submission.learner)
            if job is not None:
                jobs.append(job)
        counts["from_notebook"] += found.from_notebooks
        gradebook.record_learner(submission.learner, submission.name, submission.kind, found.notes)
    learners = tuple(s.learner for s in discovery.submissions)
    notebooks = NotebookCounts.of(counts)
    return Plan(tuple(jobs), learners, counts["skipped"], counts["recorded"], notebooks, tuple(not_graded))


def plan_one(
    course: Course,
    submission: Submission,
    exercise: Exercise,
    found: Unpacked,
    suite: str,
    gradebook: Gradebook,
) -> tuple[Job | None, str]:
    """A job for one exercise, or ("recorded"/"skipped") when there is nothing to run."""
    problem = found.problem
    if problem is not None:
        content = "unreadable:" + file_hash(submission.paths[0])
    else:
        located = find_code(course, exercise, found)
        content, problem = located.content_hash or "missing", located.problem
        if problem is None and located.folder is not None:
            problem = size_problem(p.stat().st_size for p in graded_files(located.folder, exercise))
    if gradebook.has_run(submission.learner, exercise.id, content, suite):
        return None, "skipped"
    if problem is not None:
        feedback = problem_feedback(exercise, submission.learner, problem)
        gradebook.record(feedback, content, suite)
        return None, "recorded"
    assert located.folder is not None
    return Job(submission.learner, exercise, located.folder, content, suite), "job"


def find_code(course: Course, exercise: Exercise, found: Unpacked) -> Located:
    """The exercise's loose files; else (or when they are the untouched starter) a notebook's cells."""
    located = locate(found.root, exercise)
    notebooks = found.notebooks
    if notebooks is None or not notebooks.count or exercise.kind == "project":
        return located
    if located.content_hash and (
        located.folder is None or not is_untouched_starter(course, exercise, located.folder)
    ):
        return located  # the learner's own files (or files that cannot be read, which says why)
    target = found.root.with_name(found.root.name + ".notebooks") / folder_name(exercise.id)
    code = notebooks.extract(exercise, target)
    if code is None:
        if located.folder is None:
            return Located(None, "", f"{located.problem} {notebooks.missing_note(exercise)}")
        return located
    found.notes.extend(code.notes)
    found.from_notebooks += 1
    return locate(code.folder, exercise)
