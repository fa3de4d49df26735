"""Find Python files a learner added to an exercise folder, against the committed starter.

A beginner who writes the solution into a file of their own (``binary_search.py``
beside the graded ``find_first.py``) sees "not started" and cannot tell why; the
check names the new file and the graded one. The starter is what ``grader reset``
restores (the branch's upstream, else HEAD), so a learner's own commit of the new
file still counts as new. Without git nothing is said: a guess could be wrong.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from grader.course.manifest import Course, Exercise
from grader.course.restore import RestoreError, git, starter_ref

SKIPPED_FOLDERS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".venv", "venv"}
MAX_FILES = 200  # a folder with more files than this is not searched past them


def starter_names(course: Course, exercise: Exercise) -> set[str] | None:
    """Every file of the exercise folder as committed, relative to the folder; None without git."""
    try:
        listed = git(course, "ls-tree", "-r", "--name-only", starter_ref(course), "--", exercise.path)
    except RestoreError:
        return None
    prefix = exercise.path.rstrip("/") + "/"
    names = {name.removeprefix(prefix) for name in listed.decode("utf-8", "replace").splitlines()}
    return names or None


def python_files(folder: Path) -> list[str]:
    """The .py files under ``folder`` (relative, sorted), without caches, environments, hidden folders."""
    found: list[str] = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith("."))
        where = Path(root).relative_to(folder)
        found += [(where / name).as_posix() for name in sorted(files) if name.endswith(".py")]
        if len(found) >= MAX_FILES:
            break
    return sorted(found[:MAX_FILES])


def is_test_file(name: str) -> bool:
    """A learner's own tests are not misplaced solutions."""
    base = name.rsplit("/", 1)[-1]
    return base.startswith("test_") or base.endswith("_test.py") or base == "conftest.py"


def new_files(course: Course, exercise: Exercise, folder: Path) -> tuple[str, ...]:
    """Python files in ``folder`` that the starter does not have, are not graded and are not tests."""
    starter = starter_names(course, exercise)
    if starter is None or not folder.is_dir():
        return ()
    return tuple(
        name
        for name in python_files(folder)
        if name not in starter
        and not is_test_file(name)
        and not any(fnmatch.fnmatch(name, pattern) for pattern in exercise.graded_patterns)
    )


def misplaced_note(exercise: Exercise, names: tuple[str, ...]) -> str:
    """Say which new files were found and which file the grader reads instead."""
    found = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    verb = "are" if len(names) > 1 else "is"
    graded = " and ".join(exercise.files)
    return f"{found} {verb} new in this folder, but the grader reads {graded}: move your code there."
