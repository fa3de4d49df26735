"""Read an exercise's pristine starter: the graded files as committed in the course's git history.

The learner's working copy is theirs to change; anything that needs the
original (validate's "the starter fails" check, a debug fix's size) reads it
here, from the same commit ``grader reset`` restores.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from grader.course.manifest import Course, Exercise
from grader.course.restore import RestoreError, git, starter_files, starter_ref


def committed_starter(course: Course, exercise: Exercise) -> dict[str, bytes]:
    """The graded files as committed (the course as cloned), keyed by their path inside the exercise folder.

    The commit is the one ``grader reset`` restores from: the branch's upstream,
    else HEAD, so a learner's own commits never pass for the starter. Raises
    RestoreError (with a message saying why) when git or the files are unavailable.
    """
    ref = starter_ref(course)
    files = {}
    for name in starter_files(course, exercise):
        if not PurePosixPath(name).is_relative_to(exercise.path):
            # git names files from the repository's top, which is not the course root.
            raise RestoreError(f"the course folder is not the top of its git repository ({name})")
        inside = PurePosixPath(name).relative_to(exercise.path).as_posix()
        files[inside] = git(course, "show", f"{ref}:{name}")
    return files


def write_files(files: dict[str, bytes], folder: Path) -> Path:
    """Write ``files`` (relative path -> bytes) under ``folder`` and return the folder."""
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


def differs_from_working_copy(course: Course, exercise: Exercise, files: dict[str, bytes]) -> bool:
    """True when any committed starter file differs from (or is missing in) the exercise folder."""
    folder = course.exercise_dir(exercise)
    for name, data in files.items():
        path = folder / name
        if not path.is_file() or path.read_bytes() != data:
            return True
    return False
