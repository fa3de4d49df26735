"""Record the exercise cells a learner runs in the kernel, through an IPython post_run_cell hook.

A cell is an exercise's when its first line is the marker line, or when it
still has the id the notebook was generated with. Only the last run of each
counts: that is exactly what check() grades.
"""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.course.manifest import Course, CourseError, Exercise, load_course
from grader.course.workspace import find_course_root
from grader.notebook.markers import cell_files, label_from_marker

GENERATED_CODE_ID = re.compile(r"^(?P<exercise>[\w-]+?)-code(?:-(?P<number>\d+))?$")


@dataclass(frozen=True)
class RanCell:
    """The source of an exercise cell as it was last run, and when."""

    exercise: str
    file: str | None
    position: int
    source: str
    ran_at: float


@dataclass
class Recorder:
    """What the learner has run in this kernel, exercise by exercise."""

    cells: dict[tuple[str, str | None, int], RanCell] = field(default_factory=dict)
    last_exercise: str | None = None

    def record(self, source: str, cell_id: str | None) -> None:
        label = label_from_marker(source)
        if label is not None:
            key = (label.exercise, label.file, 0)
        else:
            generated = GENERATED_CODE_ID.match(cell_id or "")
            if generated is None:
                return
            key = (generated["exercise"], None, int(generated["number"] or 1) - 1)
        self.cells[key] = RanCell(key[0], key[1], key[2], source, time.time())
        self.last_exercise = key[0]

    def files_for(self, exercise: Exercise) -> dict[str, RanCell]:
        """The last-run cell for each of the exercise's files that has one."""
        found: dict[str, RanCell] = {}
        ran = sorted((c for c in self.cells.values() if c.exercise == exercise.id), key=lambda c: c.ran_at)
        names = cell_files(exercise)
        for cell in ran:  # later runs win
            name = cell.file or (names[cell.position] if cell.position < len(names) else None)
            if name in names:
                found[name] = cell
        return found


RECORDER = Recorder()
_started = False


def on_post_run_cell(result: Any) -> None:
    info = getattr(result, "info", None)
    if info is not None and not getattr(info, "silent", False):
        RECORDER.record(str(getattr(info, "raw_cell", "") or ""), getattr(info, "cell_id", None))


def start_recording() -> None:
    """Register the recording hook once, and make given modules of write-tests exercises importable."""
    global _started
    if _started:
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.events.register("post_run_cell", on_post_run_cell)
    _started = True
    try:
        course = find_course()
    except CourseError:
        return  # check() will explain; importing must not fail
    importable_given_modules(course)


def importable_given_modules(course: Course) -> None:
    """Let write-tests cells import the given module they test (shipping.py for test_shipping.py)."""
    for exercise in course.exercises:
        folder = str(course.exercise_dir(exercise))
        # Appended, never prepended: a given module must not shadow anything.
        if exercise.kind == "write-tests" and folder not in sys.path:
            sys.path.append(folder)


def find_course() -> Course:
    """The course named by GRADER_COURSE, or the one the kernel's folder is in."""
    named = os.environ.get("GRADER_COURSE")
    return load_course(Path(named).resolve() if named else find_course_root(Path.cwd()))
