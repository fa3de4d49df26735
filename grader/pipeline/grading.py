"""The one grading pipeline every door uses: stage, run the suite, build feedback."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath

from grader.course.manifest import Course, Exercise
from grader.course.new_files import misplaced_note, new_files
from grader.course.source_text import encoding_problem
from grader.feedback.build import SuiteRun, build_feedback
from grader.feedback.fingerprints import run_fingerprint
from grader.feedback.known_mistakes import load_known_mistakes, with_known_mistake
from grader.feedback.model import Feedback
from grader.kinds.finish import finish
from grader.kinds.project import limited_to_milestone
from grader.pipeline.milestones import refuse_ungraded_milestone
from grader.pipeline.progress import OnTest
from grader.pipeline.runner import run_suite


def grade(
    course: Course,
    exercise: Exercise,
    source: Path | None = None,
    milestone: int | None = None,
    learner: str = "",
    public_only: bool = False,
    on_test: OnTest | None = None,
) -> Feedback:
    """Grade the files in ``source`` (default: the learner's exercise folder).

    ``public_only`` grades with the tests a learner edition keeps (validate uses it);
    ``on_test`` hears of each test as it starts. A failure that matches a known
    mistake recorded beside the suite earns its hint.
    """
    feedback, fingerprint = grade_observed(course, exercise, source, milestone, learner, public_only, on_test)
    return with_known_mistake(feedback, fingerprint, load_known_mistakes(course.suite_dir(exercise)))


def grade_observed(
    course: Course,
    exercise: Exercise,
    source: Path | None = None,
    milestone: int | None = None,
    learner: str = "",
    public_only: bool = False,
    on_test: OnTest | None = None,
) -> tuple[Feedback, dict[str, str]]:
    """Grade without known-mistake hints, and say how each test failed (validate records it)."""
    folder = source if source is not None else course.exercise_dir(exercise)
    if milestone is not None:
        refuse_ungraded_milestone(course, exercise, milestone)
    problem = encoding_problem(exercise, folder)
    run = (
        SuiteRun(None, problem, 0.0)
        if problem
        else run_suite(course, exercise, folder, milestone, public_only, on_test)
    )
    feedback = build_feedback(exercise, run, learner)
    feedback = named_new_files(course, exercise, folder, finish(course, exercise, folder, feedback))
    limited = feedback if milestone is None else limited_to_milestone(feedback, milestone)
    return limited, run_fingerprint(run.report)


def named_new_files(course: Course, exercise: Exercise, folder: Path, feedback: Feedback) -> Feedback:
    """A check that found nothing started says so of any new file the learner wrote beside the graded ones."""
    if feedback.status != "not_started" or feedback.error:
        return feedback
    found = new_files(course, exercise, folder)
    return replace(feedback, error=misplaced_note(exercise, found)) if found else feedback


def grade_files(
    course: Course,
    exercise: Exercise,
    files: Mapping[str, str],
    learner: str = "",
) -> Feedback:
    """Grade code given as text (file name -> source), as a notebook holds it."""
    with tempfile.TemporaryDirectory(prefix="grader-text-") as folder:
        write_text_files(Path(folder), files)
        return grade(course, exercise, Path(folder), learner=learner)


def write_text_files(root: Path, files: Mapping[str, str]) -> None:
    """Write code given as text (file name -> source) under ``root``, as files the pipeline grades."""
    for name, text in files.items():
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise ValueError(f"file name {name!r} must stay inside the exercise folder")
        target = root.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
