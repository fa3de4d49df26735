"""Give learners their starter back, and show reference solutions once earned.

The pristine starter is the version committed in the course's git history, so a
reset never depends on a copy the learner could have edited.
"""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from grader.course import Course, Exercise
from grader.workspace import STATE_DIR


class RestoreError(Exception):
    """The starter or solution cannot be found; the message says why."""


def git(course: Course, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(course.root), *args], capture_output=True, timeout=30)
    except FileNotFoundError:
        raise RestoreError("git is not installed, so the original starter cannot be found") from None
    if result.returncode != 0:
        raise RestoreError(
            "the original starter is not in git: is this folder a clone of the course? "
            f"({result.stderr.decode('utf-8', 'replace').strip()})"
        )
    return result.stdout


def starter_files(course: Course, exercise: Exercise) -> list[str]:
    """The graded files of an exercise as committed in git (course-relative paths)."""
    listed = git(course, "ls-files", "--full-name", "--", exercise.path).decode().splitlines()
    prefix = exercise.path.rstrip("/") + "/"
    chosen = [
        name
        for name in listed
        if any(fnmatch.fnmatch(name[len(prefix) :], pattern) for pattern in exercise.files)
    ]
    if not chosen:
        raise RestoreError(f"no committed starter files were found for {exercise.id}")
    return chosen


def reset_exercise(course: Course, exercise: Exercise) -> Path:
    """Back up the learner's graded files, then restore the committed starter."""
    names = starter_files(course, exercise)
    contents = {name: git(course, "show", f"HEAD:{name}") for name in names}
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    backup = course.root / STATE_DIR / "backups" / exercise.id / stamp
    for name, data in contents.items():
        current = course.root / name
        if current.is_file():
            saved = backup / PurePosixPath(name).relative_to(exercise.path)
            saved.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(current, saved)
        current.parent.mkdir(parents=True, exist_ok=True)
        current.write_bytes(data)
    return backup


def solution_files(course: Course, exercise: Exercise) -> list[tuple[str, str]]:
    """The reference solution's graded files, as (course-relative name, text)."""
    folder = course.solution_dir(exercise)
    found = []
    for pattern in exercise.files:
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                found.append((str(path.relative_to(course.root)), path.read_text(encoding="utf-8")))
    if not found:
        raise RestoreError(f"this course has no reference solution for {exercise.id}")
    return found
