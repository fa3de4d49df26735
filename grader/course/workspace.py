"""Find the learner's course folder and keep their progress in it.

Progress lives in ``<course>/.grader/progress.json`` (git-ignored) and is
written atomically: a crash mid-write never leaves a half file behind.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from grader.course.atomic_files import ignored_by_git, write_atomically
from grader.course.history import CheckRecord, append_record, mistakes_of
from grader.course.manifest import MANIFEST, Course, CourseError, Exercise, load_course
from grader.course.project_status import milestone_results, project_status

STATE_DIR = ".grader"
PROGRESS_SCHEMA = 1


class CheckedTest(Protocol):
    """What progress needs of one test of a check (a feedback TestResult has it)."""

    @property
    def status(self) -> str: ...
    @property
    def milestone(self) -> int | None: ...
    @property
    def diagnosis(self) -> str: ...
    @property
    def points(self) -> float: ...
    @property
    def max_points(self) -> float: ...


class Check(Protocol):
    """What progress needs of one check: a Feedback has it, and the course layer stands below feedback."""

    @property
    def exercise_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def passed(self) -> bool: ...
    @property
    def tests(self) -> Sequence[CheckedTest]: ...


def find_course_root(start: Path) -> Path:
    """Walk up from ``start`` to the folder that holds exercises/course.toml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / MANIFEST).is_file():
            return folder
    raise CourseError(
        f"No course found in {start} or the folders above it. "
        f"(looked for {MANIFEST} in each). Run grader inside the course folder, or pass --course DIR."
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
    milestone: int = 0  # projects: the highest milestone passed with every one before it
    # projects with milestone points: {"3": [test points earned, possible]}, the latest check of each
    milestone_results: dict[str, list[float]] = field(default_factory=dict)

    @property
    def state(self) -> str:
        """done, in progress or not started, in the learner's words: the one place that decides it.

        ``check``, ``list`` (text and JSON), the overview and the notebook all read it. It
        follows the last check: a check that found the untouched starter leaves the exercise
        not started, however many checks ran and hints were read; a milestone reached is a start.
        """
        if self.status == "passed":
            return "done"
        if self.status == "not_started" and not self.milestone:
            return "not started"
        return "in progress"


class ProgressError(CourseError):
    """The progress file cannot be used or set aside; the message says how to fix it."""


class BrokenProgress(Exception):
    """The saved progress cannot be trusted; the message says why, in the learner's words."""


def progress_entry(saved: Any) -> ExerciseProgress:
    """Rebuild one saved entry; unknown keys are ignored, a value of the wrong type is refused."""
    if not isinstance(saved, dict):
        raise BrokenProgress("an exercise's entry is not a JSON object")
    defaults = ExerciseProgress()
    kept: dict[str, Any] = {}
    for name in ExerciseProgress.__dataclass_fields__:
        if name not in saved:
            continue
        value, default = saved[name], getattr(defaults, name)
        if isinstance(default, float) and type(value) is int:
            value = float(value)
        if type(value) is not type(default):
            raise BrokenProgress(f"{name!r} holds {type(value).__name__}, not {type(default).__name__}")
        kept[name] = value
    return ExerciseProgress(**kept)


def parse_progress(text: str) -> dict[str, ExerciseProgress]:
    """Read the saved progress document, or raise BrokenProgress saying what is wrong with it."""
    try:
        raw = json.loads(text)
    except ValueError:
        raise BrokenProgress("it is not valid JSON") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("exercises", {}), dict):
        raise BrokenProgress("it does not have the shape the grader writes")
    schema = raw.get("schema", PROGRESS_SCHEMA)
    if type(schema) is not int:
        raise BrokenProgress("its schema number is not a number")
    if schema > PROGRESS_SCHEMA:
        raise BrokenProgress(
            f"a newer grader wrote it (schema {schema}; this grader reads {PROGRESS_SCHEMA}): "
            "update the grader with `pip install -e .` in the course folder"
        )
    return {str(key): progress_entry(value) for key, value in raw.get("exercises", {}).items()}


class Progress:
    """The learner's progress through one course, saved in the workspace.

    A progress file that cannot be read is never overwritten silently: it is
    moved aside to ``progress.json.broken-<time>`` and ``notices`` says so.
    """

    def __init__(self, course: Course) -> None:
        self.course = course
        self.path = course.root / STATE_DIR / "progress.json"
        self.notices: list[str] = []
        self.entries: dict[str, ExerciseProgress] = self._read()

    def _read(self) -> dict[str, ExerciseProgress]:
        if self.path.is_dir():
            raise ProgressError(
                f"{self.path} is a folder, but the grader keeps your progress in a file there. "
                "Move or rename that folder, then run the command again."
            )
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            return self._set_aside(f"it cannot be read ({error.strerror or error})")
        try:
            return parse_progress(data.decode("utf-8"))
        except UnicodeDecodeError:
            return self._set_aside("it is not UTF-8 text")
        except BrokenProgress as problem:
            return self._set_aside(str(problem))

    def _set_aside(self, why: str) -> dict[str, ExerciseProgress]:
        """Keep the unusable file under another name, say so, and start afresh."""
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        kept = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        try:
            os.replace(self.path, kept)
        except FileNotFoundError:
            return {}  # another grader run set it aside a moment ago and said so
        except OSError as error:
            raise ProgressError(
                f"Your progress file {self.path} cannot be used ({why}) and could not be set aside "
                f"({error.strerror or error}). Move it away yourself, then run the command again."
            ) from None
        self.notices.append(
            f"Your progress file {self.path} could not be used: {why}. It was kept as {kept}; "
            "the grader starts a fresh one. To recover, fix that copy and move it back to "
            "progress.json (or ask for help)."
        )
        return {}

    def of(self, exercise: Exercise) -> ExerciseProgress:
        return self.entries.get(exercise.id, ExerciseProgress())

    def record_check(self, feedback: Check, milestone: int | None = None) -> ExerciseProgress:
        """Remember one check; a milestone check records the milestone, never the whole exercise."""
        before = self.entries.get(feedback.exercise_id, ExerciseProgress())
        now = datetime.now(UTC)
        after = replace(
            before,
            attempts=before.attempts + 1,
            last_checked=now.isoformat(timespec="seconds"),
            milestone=max(before.milestone, milestone_reached(feedback, milestone)),
        )
        project = next((e for e in self.course.exercises if e.id == feedback.exercise_id), None)
        if project is not None and project.milestones:
            after = project_progress(project, before, after, feedback, milestone)
        elif milestone is None:
            after = replace(
                after,
                status="passed" if feedback.passed or before.status == "passed" else feedback.status,
                score=feedback.score,
                best_score=max(before.best_score, feedback.score),
            )
        self._update(feedback.exercise_id, after)
        mistakes = mistakes_of((t.status, t.diagnosis) for t in feedback.tests)
        with contextlib.suppress(OSError):  # the weekly record misses one check; this one is saved above
            append_record(self.path.parent, CheckRecord(now, feedback.exercise_id, feedback.status, mistakes))
        return after

    def record_hint(self, exercise: Exercise) -> int:
        """Note that one more hint was shown; return how many have been shown."""
        entry = self.of(exercise)
        shown = min(entry.hints_shown + 1, len(exercise.hints))
        self._update(exercise.id, replace(entry, hints_shown=shown))
        return shown

    def record_reset(self, exercise: Exercise) -> ExerciseProgress:
        """The starter is back: the exercise is no longer done (attempts and hints are kept)."""
        entry = self.of(exercise)
        fresh = ExerciseProgress()
        after = replace(
            entry, status=fresh.status, score=0.0, best_score=0.0, milestone=0, milestone_results={}
        )
        self._update(exercise.id, after)
        return after

    def _update(self, exercise_id: str, entry: ExerciseProgress) -> None:
        self.entries[exercise_id] = entry
        data: dict[str, Any] = {
            "schema": PROGRESS_SCHEMA,
            "exercises": {k: asdict(v) for k, v in self.entries.items()},
        }
        ignored_by_git(self.path.parent)
        write_atomically(self.path, json.dumps(data, indent=2, sort_keys=True))


def project_progress(
    project: Exercise, before: ExerciseProgress, after: ExerciseProgress, feedback: Check, limit: int | None
) -> ExerciseProgress:
    """A project's entry after a check: each milestone it ran keeps this result, the rest stay."""
    ran = {} if feedback.status == "not_started" else milestone_results(feedback.tests)
    stored = {**before.milestone_results, **ran} if limit is not None else ran
    status = project_status(project, stored)
    # A milestone run that passed is not the whole project: only every milestone passed is "passed".
    this_run = "failed" if feedback.status == "passed" else feedback.status
    return replace(
        after,
        status="passed" if status.status == "passed" else this_run if ran else before.status,
        score=status.score,
        best_score=max(before.best_score, status.score),
        milestone=status.reached,
        milestone_results=stored,
    )


def milestone_reached(feedback: Check, limit: int | None) -> int:
    """The highest milestone whose tests, and every earlier milestone's, all passed."""
    reached = 0
    for number in sorted({t.milestone for t in feedback.tests if t.milestone is not None}):
        if limit is not None and number > limit:
            break
        if any(t.status != "passed" for t in feedback.tests if (t.milestone or 0) <= number):
            break
        reached = number
    return reached
