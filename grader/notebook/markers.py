"""How a notebook cell says which exercise and file it holds: cell tags and a marker line.

Tags survive in the saved notebook; the marker line (the cell's first line)
survives copy and paste, lost metadata and the kernel, which sees only the
source of the cells it runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from grader.course.manifest import Exercise

EXERCISE_TAG = "exercise:"
FILE_TAG = "file:"
CHECK_TAG = "check:"
# The notebook metadata key that marks a notebook as generated, naming its module.
METADATA_KEY = "backend_path"
MARKER = "# exercise: {exercise} | file: {file} | keep this line: check() finds your code by it"
MARKER_PATTERN = re.compile(
    r"^\s*#\s*exercise:\s*(?P<exercise>[\w.-]+)(?:\s*\|\s*file:\s*(?P<file>[\w./-]+))?"
)
# IPython-only syntax (magics, shell escapes, help) cannot run in a plain Python file.
IPYTHON_LINE = re.compile(r"^\s*(%|!|\?)|^\s*[\w.]+\?\??\s*$")


@dataclass(frozen=True)
class CellLabel:
    """The exercise (and file, when the cell says) a code cell belongs to."""

    exercise: str
    file: str | None


def marker_line(exercise: str, file: str) -> str:
    return MARKER.format(exercise=exercise, file=file)


def label_from_marker(source: str) -> CellLabel | None:
    """Read the marker from the first non-empty line of a cell's source."""
    first = next((line for line in source.splitlines() if line.strip()), "")
    found = MARKER_PATTERN.match(first)
    return CellLabel(found["exercise"], found["file"]) if found else None


def label_from_tags(tags: list[str]) -> CellLabel | None:
    """Read ``exercise:<id>`` and ``file:<name>`` cell tags."""
    exercise = next((t[len(EXERCISE_TAG) :] for t in tags if t.startswith(EXERCISE_TAG)), None)
    file = next((t[len(FILE_TAG) :] for t in tags if t.startswith(FILE_TAG)), None)
    return CellLabel(exercise, file) if exercise else None


def plain_python(source: str) -> tuple[str, list[str]]:
    """Turn IPython-only lines into comments, so the file still loads; say which lines."""
    lines, notes = [], []
    for number, line in enumerate(source.splitlines(), start=1):
        if IPYTHON_LINE.match(line):
            notes.append(f"line {number} ({line.strip()}) is a notebook command, left out of grading")
            line = "# " + line
        lines.append(line)
    text = "\n".join(lines)
    return (text + "\n" if text else text), notes


def cell_files(exercise: Exercise) -> list[str]:
    """The exercise's files that get a notebook cell: named ones (globs are for files beside them)."""
    return [name for name in exercise.files if not any(c in name for c in "*?[")]
