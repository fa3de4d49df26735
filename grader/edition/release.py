"""Build a learner edition of a course: a git repository without what only instructors see."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from grader.course.edition_marker import EDITION_FILE, Edition, is_instructor_file, write_edition
from grader.course.manifest import Course
from grader.edition.workflow import WORKFLOW_PATH, workflow_text
from grader.feedback.known_mistakes import FILE_NAME, known_mistakes_text, load_known_mistakes, public_part
from grader.pipeline.suite_ids import expected_test_ids
from grader.pipeline.warm import warm_pytest

# The grader's own development folders: its tests and benchmarks quote reference solutions.
DEVELOPMENT_ONLY = ("tests", "bench", ".ci")
NEVER_COPIED = (".git", ".venv", "__pycache__", ".grader", ".pytest_cache", ".mypy_cache", ".ruff_cache")
SOLUTIONS_NOTE = (
    "This edition of the course has no reference solutions: your instructor shares them "
    "(for example after the deadline). Your hints are still here: `grader hint EXERCISE`."
)


class ReleaseError(Exception):
    """The release cannot be built; the message says why."""


@dataclass(frozen=True)
class Release:
    """What `grader release` built."""

    out: str
    files: int
    left_out: dict[str, int]
    hidden_tests: dict[str, int]
    with_solutions: bool
    commit: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "files": self.files,
            "left_out": dict(sorted(self.left_out.items())),
            "hidden_tests": dict(sorted(self.hidden_tests.items())),
            "with_solutions": self.with_solutions,
            "commit": self.commit,
        }


def release_course(course: Course, out: Path, with_solutions: bool = False) -> Release:
    """Copy the learner's part of ``course`` into ``out`` and commit it as a new repository."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ReleaseError(f"{out} already exists and is not empty: choose a new folder for the release")
    with warm_pytest():  # one pytest, imported once, collects every suite
        counts = {e.id: test_counts(course, e) for e in course.exercises}
    bare = [exercise_id for exercise_id, (public, _) in counts.items() if not public]
    if bare:
        raise ReleaseError(
            f"every test of {', '.join(bare)} is instructor-only, so a learner edition could not "
            "check it: keep at least one test outside test_*_instructor.py (`grader validate` counts them)"
        )
    hidden = {exercise_id: count for exercise_id, (_, count) in counts.items()}
    kept: list[PurePosixPath] = []
    left_out: dict[str, int] = {}
    for relative in course_files(course.root):
        reason = leave_out_reason(course, relative, with_solutions)
        if reason:
            left_out[reason] = left_out.get(reason, 0) + 1
        else:
            kept.append(relative)
    out.mkdir(parents=True, exist_ok=True)
    for relative in kept:
        target = out.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(course.root.joinpath(*relative.parts), target)
    for exercise in course.exercises:
        write_public_known_mistakes(course, exercise, out)
    note = "" if with_solutions else SOLUTIONS_NOTE
    write_edition(out, Edition("learner", with_solutions, {k: v for k, v in hidden.items() if v}, note))
    workflow = out / WORKFLOW_PATH
    workflow.parent.mkdir(parents=True, exist_ok=True)
    workflow.write_text(workflow_text(), encoding="utf-8")
    commit = commit_repository(out, course.title)
    return Release(str(out), len(kept) + 2, left_out, hidden, with_solutions, commit)


def write_public_known_mistakes(course: Course, exercise: Any, out: Path) -> None:
    """Keep only the public tests in the edition's known_mistakes.json: the others are not there."""
    suite = course.suite_dir(exercise)
    if not (suite / FILE_NAME).is_file():
        return
    public = {
        node.rsplit("::", 1)[-1] for node in expected_test_ids(course, exercise, None, public_only=True)
    }
    kept = public_part(load_known_mistakes(suite), public)
    target = out / suite.relative_to(course.root) / FILE_NAME
    target.write_text(known_mistakes_text(kept), encoding="utf-8")


def test_counts(course: Course, exercise: Any) -> tuple[int, int]:
    """How many public and how many instructor-only tests the exercise's suite has."""
    full = expected_test_ids(course, exercise, None)
    public = len(expected_test_ids(course, exercise, None, public_only=True))
    return public, len(full) - public


def leave_out_reason(course: Course, relative: PurePosixPath, with_solutions: bool) -> str:
    """Why a course file stays out of the learner edition ('' when it is kept)."""
    parts = relative.parts
    if any(part in NEVER_COPIED or part.endswith(".egg-info") for part in parts):
        return "local state"
    if parts[0] in DEVELOPMENT_ONLY:
        return "grader development files"
    if relative == PurePosixPath(EDITION_FILE.as_posix()):
        return "local state"
    if not with_solutions and is_under(relative, course.solutions):
        return "reference solutions"
    if is_under(relative, course.suites):
        if "mistakes" in parts:
            return "known-wrong variants (mistakes/)"
        if is_instructor_file(Path(relative.name)):
            return "instructor-only tests"
    return ""


def is_under(relative: PurePosixPath, folder: str) -> bool:
    prefix = PurePosixPath(folder).parts
    return relative.parts[: len(prefix)] == prefix


def course_files(root: Path) -> list[PurePosixPath]:
    """The course's files: those git knows (tracked or not ignored), else every file on disk."""
    listed = run_git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", check=False)
    if listed is not None:
        names = [n for n in listed.split("\0") if n]
        return sorted(
            {PurePosixPath(n) for n in names if (root / n).is_file() and not (root / n).is_symlink()}
        )
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in NEVER_COPIED]
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                found.append(PurePosixPath(path.relative_to(root).as_posix()))
    return sorted(found)


def commit_repository(out: Path, title: str) -> str:
    """Make ``out`` a git repository with one commit on main; return the commit id."""
    for args in (("init", "-q", "-b", "main"), ("add", "-A")):
        run_git(out, *args)
    identity = ("-c", "user.name=grader release", "-c", "user.email=grader-release@localhost")
    run_git(out, *identity, "commit", "-q", "-m", f"{title}: learner edition")
    return (run_git(out, "rev-parse", "HEAD") or "").strip()


def run_git(folder: Path, *args: str, check: bool = True) -> str | None:
    """Run git in ``folder``; None when it fails and ``check`` is off."""
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        if check:
            raise ReleaseError(f"git could not run: {error}") from None
        return None
    if result.returncode != 0:
        if check:
            raise ReleaseError(f"git {' '.join(args)} failed: {result.stderr.strip()[-500:]}")
        return None
    return result.stdout
