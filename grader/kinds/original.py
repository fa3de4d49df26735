"""The program a learner's code must behave like, for the kinds that have one.

A refactor must keep every behaviour of the starter, so its original is the
starter as committed (grader/course/starter.py), which the learner cannot have
edited. A debug fix must change only the buggy behaviour, so its original is
the reference solution: the starter is wrong on purpose. Suites compare the
two with grader/kinds/differential.py; the pipeline stages the original beside
the learner's files and the plugin runs it in a worker of its own.
"""

from __future__ import annotations

from grader.course.manifest import Course, Exercise
from grader.course.restore import RestoreError
from grader.course.starter import committed_starter


def original_program(course: Course, exercise: Exercise) -> dict[str, bytes]:
    """The original's graded files (path inside the exercise -> bytes); empty when the kind has none."""
    if exercise.kind == "refactor":
        try:
            return committed_starter(course, exercise)
        except RestoreError:
            # Outside git: the reference, which validate proves behaves as the starter does.
            return reference_files(course, exercise)
    if exercise.kind == "debug":
        return reference_files(course, exercise)
    return {}


def reference_files(course: Course, exercise: Exercise) -> dict[str, bytes]:
    """The reference solution's graded files; empty when this edition has no solutions."""
    folder = course.solution_dir(exercise)
    found = {}
    for pattern in exercise.files:
        for path in sorted(folder.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found
