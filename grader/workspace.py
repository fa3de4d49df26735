"""Find the learner's course folder and keep their progress in it.

Progress lives in ``<course>/.grader/progress.json`` (git-ignored) and is
written atomically: a crash mid-write never leaves a half file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from grader.course import MANIFEST, Course, CourseError, Exercise, load_course
from grader.feedback import Feedback

STATE_DIR = ".grader"


def find_course_root(start: Path) -> Path:
    """Walk up from ``start`` to the folder that holds exercises/course.toml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / MANIFEST).is_file():
            return folder
    raise CourseError(
        f"No course found in {start} or the folders above it. "
        "Run grader inside the course folder, or pass --course DIR."
    )


def open_course(course_dir: str | None) -> Course:
    """Load the course named by --course, or the one the learner is standing in."""
    root = Path(course_dir) if course_dir else find_course_root(Path.cwd())
    if course_dir and not (root / MANIFEST).is_file():
        raise CourseError(f"{root} is not a course folder: it has no {MANIFEST}")
    return load_course(root.resolve())


@dataclass(frozen=True)
class ExerciseProgress:
    """What the grader remembers about one exercise for this learner."""

    status: str = "not_started"
    score: float = 0.0
    best_score: float = 0.0
    attempts: int = 0
    hints_shown: int = 0
    last_checked: str = ""

    @property
    def state(self) -> str:
        """done, in progress or not started, in the learner's words."""
        if self.status == "passed":
            return "done"
        return "in progress" if self.attempts or self.hints_shown else "not started"


def progress_entry(saved: dict[str, Any]) -> ExerciseProgress:
    """Rebuild one saved entry, dropping unknown keys and values of the wrong type."""
    defaults = ExerciseProgress()
    kept: dict[str, Any] = {}
    for name in ExerciseProgress.__dataclass_fields__:
        value, default = saved.get(name), getattr(defaults, name)
        if isinstance(default, float) and type(value) is int:
            value = float(value)
        if type(value) is type(default):
            kept[name] = value
    return ExerciseProgress(**kept)


class Progress:
    """The learner's progress through one course, saved in the workspace."""

    def __init__(self, course: Course) -> None:
        self.path = course.root / STATE_DIR / "progress.json"
        self.entries: dict[str, ExerciseProgress] = {}
        self.entries = self._read()

    def _read(self) -> dict[str, ExerciseProgress]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return {key: progress_entry(value) for key, value in raw.get("exercises", {}).items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}  # no progress yet, or an unreadable file: start fresh rather than crash

    def of(self, exercise: Exercise) -> ExerciseProgress:
        return self.entries.get(exercise.id, ExerciseProgress())

    def record_check(self, feedback: Feedback) -> ExerciseProgress:
        before = self.entries.get(feedback.exercise_id, ExerciseProgress())
        after = replace(
            before,
            status="passed" if feedback.passed or before.status == "passed" else feedback.status,
            score=feedback.score,
            best_score=max(before.best_score, feedback.score),
            attempts=before.attempts + 1,
            last_checked=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        self._update(feedback.exercise_id, after)
        return after

    def record_hint(self, exercise: Exercise) -> int:
        """Note that one more hint was shown; return how many have been shown."""
        entry = self.of(exercise)
        shown = min(entry.hints_shown + 1, len(exercise.hints))
        self._update(exercise.id, replace(entry, hints_shown=shown))
        return shown

    def _update(self, exercise_id: str, entry: ExerciseProgress) -> None:
        self.entries[exercise_id] = entry
        data: dict[str, Any] = {"schema": 1, "exercises": {k: asdict(v) for k, v in self.entries.items()}}
        write_atomically(self.path, json.dumps(data, indent=2, sort_keys=True))


def write_atomically(path: Path, text: str) -> None:
    """Write a file so that readers see the old or the new content, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def next_exercise(course: Course, progress: Progress) -> Exercise | None:
    """The first exercise, in course order, that the learner has not passed."""
    return next((e for e in course.exercises if progress.of(e).status != "passed"), None)
