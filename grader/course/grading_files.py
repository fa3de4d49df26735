"""The files grading an exercise reads from the course, and one hash of paths and contents.

Grading reads an exercise's folder (the starter), its reference solution and
its hidden suite, which is copied whole into each run. A cluster job packs
these for every exercise; validate's proof records name them per exercise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from grader.course.manifest import Course, Exercise

SKIPPED = ("__pycache__",)


def grading_places(course: Course, exercise: Exercise) -> tuple[Path, Path, Path]:
    """The exercise's folder, its reference solution and its suite."""
    return course.exercise_dir(exercise), course.solution_dir(exercise), course.suite_dir(exercise)


def files_under(root: Path, folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` but caches, by its path relative to ``root``."""
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not path.is_symlink() and not set(relative.parts) & set(SKIPPED):
            files[relative.as_posix()] = path.read_bytes()
    return files


def files_in(root: Path, folders: Iterable[Path]) -> dict[str, bytes]:
    """Every regular file under those of ``folders`` that exist, by its path relative to ``root``."""
    files: dict[str, bytes] = {}
    for folder in sorted(folders):
        if folder.is_dir():
            files.update(files_under(root, folder))
    return files


def content_hash(files: dict[str, bytes]) -> str:
    """A hash of the paths and contents, independent of how they were packed."""
    digest = hashlib.sha256()
    for name in sorted(files):
        data = files[name]
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:32]
