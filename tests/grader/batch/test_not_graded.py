"""When the grading machine fails, the work is "not graded" with the reason, and --resume grades it."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from grader.batch import command
from grader.batch.gradebook import FILE_NAME, Gradebook
from grader.batch.not_graded import NOT_GRADED, STORED_STATUS, is_not_graded, not_graded
from grader.boundary.sandbox import Sandbox, open_sandbox
from grader.course.manifest import Course
from tests.grader.batch.helpers import CORRECT_DOUBLED, grade, gradebook_rows, needs_sandbox, write_learner


def broken_sandbox(tmp_path: Path) -> Sandbox:
    """The real sandbox, but its launch step cannot open the filter file: bwrap never starts."""
    return replace(open_sandbox(), seccomp=str(tmp_path / "missing" / "filter.bpf"))


def stored(out: Path) -> list[tuple[str, str, float]]:
    with sqlite3.connect(out / FILE_NAME) as db:
        return list(db.execute("SELECT learner, status, score FROM runs ORDER BY id"))


def test_a_sandbox_that_cannot_start_is_not_graded_and_resume_grades_it(
    tmp_path: Path, course_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs_sandbox()
    submissions = tmp_path / "submissions"
    write_learner(submissions, "ada", {"doubled.py": CORRECT_DOUBLED})
    out = tmp_path / "out"
    with monkeypatch.context() as patched:
        patched.setattr(command, "local_sandbox", lambda: broken_sandbox(tmp_path))
        first = grade(course_dir, submissions, out, "--exercise", "doubled", "--jobs", "1")
    assert first.exit_code == 0, first.output
    assert stored(out) == [("ada", STORED_STATUS, 0.0)]
    feedback = (out / "learners" / "ada" / "feedback.json").read_text(encoding="utf-8")
    assert f'"error": "{NOT_GRADED}the sandbox could not start (bp-launch:' in feedback
    assert "exit()" not in feedback  # nothing blames the learner
    second = grade(course_dir, submissions, out, "--exercise", "doubled", "--resume")
    assert second.exit_code == 0, second.output
    assert "1 run to grade" in second.output  # the not-graded run is graded again
    assert stored(out)[-1] == ("ada", "passed", 4.0)
    assert gradebook_rows(out)["ada"]["doubled"] == "4"


def test_the_gradebook_skips_on_resume_only_what_was_graded(tmp_path: Path, mini_course: Course) -> None:
    exercise = mini_course.find("doubled")
    book = Gradebook(tmp_path)
    try:
        missed = not_graded(exercise, "bo", "the sandbox could not start (bwrap: no)")
        assert is_not_graded(missed) and is_not_graded(missed.to_dict())
        book.record(missed, "content", "suite")
        assert not book.has_run("bo", "doubled", "content", "suite")
        graded = replace(missed, status="error", error="doubled.py raised ValueError while it was loading")
        assert not is_not_graded(graded)
        book.record(graded, "content", "suite")
        assert book.has_run("bo", "doubled", "content", "suite")
    finally:
        book.close()


FAKES_A_SANDBOX_FAILURE = """import os
os.write(2, b"bwrap: Creating new namespace failed: Resource temporarily unavailable\\n")
os._exit(1)
"""


def test_learner_code_cannot_pass_itself_off_as_a_sandbox_failure(course_dir: Path, tmp_path: Path) -> None:
    needs_sandbox()
    submissions = tmp_path / "submissions"
    write_learner(submissions, "mallory", {"doubled.py": FAKES_A_SANDBOX_FAILURE})
    out = tmp_path / "out"
    result = grade(course_dir, submissions, out, "--exercise", "doubled", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert stored(out) == [("mallory", "error", 0.0)]  # graded: 0, with the learner's own exit named
    assert gradebook_rows(out)["mallory"]["status"] == "graded"
