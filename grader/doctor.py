"""Check a learner's set-up and say, in plain words, how to fix each problem."""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from grader.course.manifest import Course, CourseError
from grader.course.workspace import open_course
from grader.pipeline.grading import grade
from grader.pipeline.suite_ids import SuiteError

MINIMUM_PYTHON = (3, 11)


@dataclass(frozen=True)
class SetupCheck:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


@dataclass(frozen=True)
class DoctorReport:
    checks: tuple[SetupCheck, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks if c.required)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "checks": [asdict(c) for c in self.checks]}


def check_python() -> SetupCheck:
    version = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info[:2] >= MINIMUM_PYTHON
    fix = "Install Python 3.11 or newer from python.org, then make a new virtual environment with it."
    return SetupCheck("Python version", ok, f"Python {version} at {sys.executable}", "" if ok else fix)


def check_virtualenv() -> SetupCheck:
    inside = sys.prefix != sys.base_prefix
    fix = "Create one with `python -m venv .venv`, activate it, then `pip install -e .` again."
    detail = f"using {sys.prefix}" if inside else "not inside a virtual environment"
    return SetupCheck("Virtual environment", inside, detail, "" if inside else fix, required=False)


def check_git() -> SetupCheck:
    found = shutil.which("git")
    fix = "Install git (git-scm.com): `grader reset` needs it to bring back starter files."
    return SetupCheck("git", bool(found), found or "git was not found on PATH", "" if found else fix, False)


def check_course(course_dir: str | None) -> tuple[SetupCheck, Course | None]:
    try:
        course = open_course(course_dir)
    except CourseError as error:
        fix = "cd into the folder you cloned (it has an exercises/ folder), or pass --course DIR."
        return SetupCheck("Course folder", False, str(error), fix), None
    detail = f"{course.title} at {course.root} ({len(course.exercises)} exercises)"
    return SetupCheck("Course folder", True, detail), course


def check_grading(course: Course | None) -> SetupCheck:
    """Grade the first exercise's reference solution: it must pass."""
    name = "A tiny grading run"
    if course is None or not course.exercises:
        return SetupCheck(name, False, "skipped: no course to grade", "Fix the course folder first.")
    exercise = course.exercises[0]
    if not course.solution_dir(exercise).is_dir():
        return SetupCheck(name, True, "skipped: this course ships no reference solutions", required=False)
    try:
        feedback = grade(course, exercise, course.solution_dir(exercise))
    except (SuiteError, OSError) as error:
        return SetupCheck(name, False, str(error), "Reinstall with `pip install -e .` in the course folder.")
    if feedback.passed:
        return SetupCheck(name, True, f"graded {exercise.id} in {feedback.duration:.2f} s")
    fix = "Reinstall with `pip install -e .`; if it persists, run `grader doctor --json` and share it."
    return SetupCheck(name, False, f"the check ended as {feedback.status}: {feedback.error or ''}", fix)


def run_doctor(course_dir: str | None) -> DoctorReport:
    course_check, course = check_course(course_dir)
    checks = [check_python(), check_virtualenv(), check_git(), course_check, check_grading(course)]
    if course is not None:
        checks += check_requirements(course)
    return DoctorReport(tuple(checks))


def check_requirements(course: Course) -> list[SetupCheck]:
    """The packages each exercise's requirements.txt names (the capstone's web framework) are installed."""
    found = []
    for exercise in course.exercises:
        listing = course.exercise_dir(exercise) / "requirements.txt"
        if not listing.is_file():
            continue
        wanted = requirement_names(listing.read_text(encoding="utf-8", errors="replace"))
        missing = [name for name in wanted if installed_version(name) is None]
        shown = listing.relative_to(course.root).as_posix()
        name = f"Packages for {exercise.id}"
        if not missing:
            detail = ", ".join(f"{n} {installed_version(n)}" for n in wanted) or "none needed"
            found.append(SetupCheck(name, True, detail, required=False))
            continue
        fix = f"Install them with `{typed_path(sys.executable)} -m pip install -r {typed_path(listing)}`."
        detail = f"not installed: {', '.join(missing)} (listed in {shown})"
        found.append(SetupCheck(name, False, detail, fix, required=False))
    return found


def requirement_names(text: str) -> list[str]:
    """Package names from a requirements file (versions, extras, markers and options dropped)."""
    names = []
    for line in text.splitlines():
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line.split("#", 1)[0])
        if match and not line.lstrip().startswith("-"):
            names.append(match.group(1))
    return names


def installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def typed_path(path: str | Path) -> str:
    """A path as the learner would type it here: relative to the current folder when inside it."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if shown.startswith("..") else shown
