"""The learner's weekly record, from their own check history: solved, mistakes fixed, where stuck.

A weekly look back keeps a routine going; this is what ``grader progress`` shows.
The window is a week from Monday 00:00 in the clock's own time zone (``--week N``:
N weeks back), or from a given day until now (``--since``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from grader.course.history import CheckRecord, History, read_history
from grader.course.manifest import Course, CourseError
from grader.course.workspace import STATE_DIR


@dataclass(frozen=True)
class Solved:
    exercise_id: str
    title: str
    at: datetime  # the first passing check in the window
    attempts: int  # checks in the window up to that pass


@dataclass(frozen=True)
class FixedMistake:
    mistake: str  # the diagnosis, as the feedback named it
    exercise_ids: tuple[str, ...]


@dataclass(frozen=True)
class Stuck:
    exercise_id: str
    title: str
    attempts: int  # checks of changed code in the window, none passed
    latest_mistake: str  # what the last of them named ("" when it named none)


@dataclass(frozen=True)
class WeeklyRecord:
    """What the learner did between ``start`` and ``end``."""

    start: datetime
    end: datetime
    checks: int
    solved: tuple[Solved, ...]
    fixed: tuple[FixedMistake, ...]
    stuck: tuple[Stuck, ...]
    notice: str  # history lines that could not be read ("" when none)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(timespec="seconds"),
            "end": self.end.isoformat(timespec="seconds"),
            "checks": self.checks,
            "solved": [
                {
                    "exercise_id": s.exercise_id,
                    "title": s.title,
                    "at": s.at.isoformat(timespec="seconds"),
                    "attempts": s.attempts,
                }
                for s in self.solved
            ],
            "fixed_mistakes": [
                {"mistake": f.mistake, "exercise_ids": list(f.exercise_ids)} for f in self.fixed
            ],
            "stuck": [
                {
                    "exercise_id": s.exercise_id,
                    "title": s.title,
                    "attempts": s.attempts,
                    "latest_mistake": s.latest_mistake,
                }
                for s in self.stuck
            ],
            "notice": self.notice,
        }


def week_window(now: datetime, weeks_back: int = 0) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday of the week ``weeks_back`` weeks before ``now``'s (an aware time)."""
    monday = now.date() - timedelta(days=now.weekday() + 7 * weeks_back)
    start = datetime.combine(monday, time(), tzinfo=now.tzinfo)
    return start, start + timedelta(days=7)


def since_window(now: datetime, day: date) -> tuple[datetime, datetime]:
    """From the start of ``day`` (in ``now``'s time zone) until now."""
    return datetime.combine(day, time(), tzinfo=now.tzinfo), now


def weekly_progress(
    course: Course, now: datetime, weeks_back: int = 0, since: date | None = None
) -> WeeklyRecord:
    """The record for this week (``weeks_back`` weeks before it), or from ``since`` until ``now``."""
    if since is not None and since > now.date():
        raise CourseError(
            f"--since {since.isoformat()} is after today ({now.date().isoformat()}): pick an earlier day"
        )
    start, end = since_window(now, since) if since is not None else week_window(now, weeks_back)
    try:
        history = read_history(course.root / STATE_DIR)
    except OSError as error:
        raise CourseError(
            f"Your check history in {course.root / STATE_DIR} cannot be read ({error.strerror or error}). "
            "Check that it is a file you can read, then run the command again."
        ) from None
    return weekly_record(course, history, start, end)


def weekly_record(course: Course, history: History, start: datetime, end: datetime) -> WeeklyRecord:
    """Read the history for the window: every exercise in course order, then any the course no longer has."""
    titles = {e.id: e.title for e in course.exercises}
    before: dict[str, list[CheckRecord]] = defaultdict(list)
    during: dict[str, list[CheckRecord]] = defaultdict(list)
    for record in history.records:
        if record.at < start:
            before[record.exercise_id].append(record)
        elif record.at < end:
            during[record.exercise_id].append(record)
    order = [e for e in titles if e in during] + sorted(e for e in during if e not in titles)
    solved, stuck, fixed = [], [], defaultdict(list)
    for exercise_id in order:
        checks, title = during[exercise_id], titles.get(exercise_id, exercise_id)
        passed_before = any(r.status == "passed" for r in before[exercise_id])
        passes = [i for i, r in enumerate(checks) if r.status == "passed"]
        worked = [r for r in checks if r.status != "not_started"]
        if passes and not passed_before:
            upto = checks[: passes[0] + 1]
            solved.append(Solved(exercise_id, title, checks[passes[0]].at, count_worked(upto)))
        elif not passes and not passed_before and worked:
            latest = worked[-1].mistakes[0] if worked[-1].mistakes else ""
            stuck.append(Stuck(exercise_id, title, len(worked), latest))
        for mistake in fixed_mistakes(checks):
            fixed[mistake].append(exercise_id)
    found = tuple(FixedMistake(m, tuple(ids)) for m, ids in sorted(fixed.items()))
    return WeeklyRecord(
        start, end, len(sum(during.values(), [])), tuple(solved), found, tuple(stuck), history.notice
    )


def count_worked(checks: list[CheckRecord]) -> int:
    return sum(1 for r in checks if r.status != "not_started")


def fixed_mistakes(checks: list[CheckRecord]) -> list[str]:
    """Mistakes a check named that a later check of changed code no longer named, in the order first seen."""
    found: dict[str, None] = {}
    for index, record in enumerate(checks):
        later = [r for r in checks[index + 1 :] if r.status != "not_started"]
        for mistake in record.mistakes:
            if any(mistake not in r.mistakes for r in later):
                found[mistake] = None
    return list(found)
