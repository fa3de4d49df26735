"""Helpers shared by the engine's tests: copy the mini course, grade a learner's text."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from grader.course.manifest import Course
from grader.feedback.model import Feedback, TestResult
from grader.pipeline.grading import grade

FIXTURES = Path(__file__).parent / "fixtures"
LEAP_YEAR = """\
def leap_year(year):
    if year % 400 == 0:
        return True
    if year % 100 == 0:
        return False
    return year % 4 == 0
"""
MINI_COURSE = FIXTURES / "mini_course"


def children_allocating_together(megabytes: int) -> str:
    """Learner code whose four children each allocate ``megabytes`` and hold it until all four have.

    A child killed trying counts as done. Held, the four are counted together however a
    busy machine schedules them (children that exited at once could each run alone, never
    over a limit together). ``children`` is left holding their pids, for the caller to wait on.
    """
    return f"""\
import os
ready_out, ready_in = os.pipe()
release_out, release_in = os.pipe()
children = []
for _ in range(4):
    pid = os.fork()
    if pid == 0:
        os.close(ready_out)
        os.close(release_in)
        data = b"x" * ({megabytes} * 1024 * 1024)
        os.write(ready_in, b".")
        os.close(ready_in)
        os.read(release_out, 1)
        os._exit(0)
    children.append(pid)
os.close(ready_in)
while os.read(ready_out, 1):  # empty once each child has allocated or been killed
    pass
os.close(release_in)
"""


def copy_course(target: Path, source: Path = MINI_COURSE) -> Path:
    """Copy a test course (default: the mini course) to ``target`` and return its root."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".grader"))
    return target


def learner_folder(course: Course, files: dict[str, str]) -> Path:
    """Write ``files`` (name -> text) into a new folder next to the course copy."""
    folder = Path(tempfile.mkdtemp(prefix="learner-", dir=course.root.parent))
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def grade_text(
    course: Course, exercise_id: str, source_text: str, extra_files: dict[str, str] | None = None
) -> Feedback:
    """Grade ``source_text`` as the exercise's main file (plus ``extra_files`` beside it)."""
    exercise = course.find(exercise_id)
    files = {exercise.files[0]: source_text, **(extra_files or {})}
    return grade(course, exercise, source=learner_folder(course, files))


def by_name(feedback: Feedback) -> dict[str, TestResult]:
    """The feedback's test results keyed by test name."""
    return {test.name: test for test in feedback.tests}


def isolate(folder: Path, suite_id_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Send the engine's writes (home, temporary files) under ``folder``; return its scratch folder."""
    scratch = folder / "tmp"
    scratch.mkdir()
    home = folder / "home"
    home.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(suite_id_cache))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.delenv("GRADER_COURSE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    return scratch
