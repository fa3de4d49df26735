"""Give learners their starter back, and show reference solutions once earned.

The pristine starter is the version committed in the course's git history, so a
reset never depends on a copy the learner could have edited.
"""

from __future__ import annotations

import fnmatch
import hashlib
import shutil
import subprocess
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from grader.course.manifest import Course, Exercise
from grader.course.workspace import STATE_DIR


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


def starter_ref(course: Course) -> str:
    """The commit holding the course's starter: the branch's upstream (the course as cloned) or HEAD.

    A learner may commit their own work; the upstream still has the starter they began from.
    """
    try:
        return git(course, "rev-parse", "--verify", "--quiet", "@{upstream}").decode().strip() or "HEAD"
    except RestoreError:
        return "HEAD"


def starter_files(course: Course, exercise: Exercise) -> list[str]:
    """The graded files of an exercise as committed in git (course-relative paths)."""
    listed = git(course, "ls-files", "--full-name", "--", exercise.path).decode().splitlines()
    prefix = exercise.path.rstrip("/") + "/"
    chosen = [
        name
        for name in listed
        if any(fnmatch.fnmatch(name[len(prefix) :], pattern) for pattern in exercise.graded_patterns)
    ]
    if not chosen:
        raise RestoreError(f"no committed starter files were found for {exercise.id}")
    return chosen


@dataclass(frozen=True)
class ResetResult:
    """What a reset restored, where the learner's previous files went, and what it left alone."""

    exercise_id: str
    restored: tuple[str, ...]
    backup: str | None  # None when every file was already the untouched starter
    left: tuple[str, ...]  # files in the exercise folder a reset does not touch (databases, own tests)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ResetNotConfirmed:
    """A reset refused before it changed anything: nobody could be asked, and --yes was not given."""

    exercise_id: str

    @property
    def message(self) -> str:
        return (
            f"grader reset {self.exercise_id} asks for confirmation; run again with --yes to reset "
            "without asking. There is no terminal to ask in, so nothing was changed."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise_id": self.exercise_id,
            "reset": False,
            "reason": "confirmation_needed",
            "message": self.message,
        }


def reset_exercise(course: Course, exercise: Exercise) -> ResetResult:
    """Back up the learner's changed graded files, then restore the committed starter."""
    names = starter_files(course, exercise)
    ref = starter_ref(course)
    contents = {name: git(course, "show", f"{ref}:{name}") for name in names}
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    backup = course.root / STATE_DIR / "backups" / exercise.id / stamp
    backed_up = False
    for name, data in contents.items():
        current = course.root / name
        if current.is_file() and current.read_bytes() != data:
            saved = backup / PurePosixPath(name).relative_to(exercise.path)
            saved.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(current, saved)
            backed_up = True
        current.parent.mkdir(parents=True, exist_ok=True)
        current.write_bytes(data)
    left = untracked_files(course, exercise)
    return ResetResult(exercise.id, tuple(names), str(backup) if backed_up else None, tuple(left))


def untracked_files(course: Course, exercise: Exercise) -> list[str]:
    """Files in the exercise folder that git does not track (a database, the learner's own tests)."""
    listed = git(course, "ls-files", "--others", "--full-name", "--", exercise.path).decode()
    return [
        name
        for name in listed.splitlines()
        if not any(part in NOT_WORTH_NAMING or part.endswith(".pyc") for part in PurePosixPath(name).parts)
    ]


NOT_WORTH_NAMING = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}


def blob_id(data: bytes) -> str:
    """The id git gives a file's content (its blob hash)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def is_untouched_starter(course: Course, exercise: Exercise, folder: Path) -> bool:
    """True when the graded files in ``folder`` are exactly the committed starter's, no more, no less."""
    try:
        listed = git(
            course, "ls-tree", "-r", "--full-name", starter_ref(course), "--", exercise.path
        ).decode()
    except RestoreError:
        return False
    prefix = exercise.path.rstrip("/") + "/"
    committed = {}
    for line in listed.splitlines():
        info, _, name = line.partition("\t")
        relative = name[len(prefix) :]
        if any(fnmatch.fnmatch(relative, pattern) for pattern in exercise.graded_patterns):
            committed[relative] = info.split()[2]
    present = {
        str(path.relative_to(folder).as_posix()): path
        for pattern in exercise.graded_patterns
        for path in folder.glob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    }
    if not committed or set(present) != set(committed):
        return False
    return all(blob_id(path.read_bytes()) == committed[name] for name, path in present.items())


def solution_files(course: Course, exercise: Exercise) -> list[tuple[str, str]]:
    """The reference solution's graded files, as (course-relative name, text)."""
    folder = course.solution_dir(exercise)
    found = []
    for pattern in exercise.graded_patterns:
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                found.append((str(path.relative_to(course.root)), path.read_text(encoding="utf-8")))
    if not found:
        raise RestoreError(f"this course has no reference solution for {exercise.id}")
    return found
