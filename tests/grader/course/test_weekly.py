"""The weekly record from a synthetic history and a fixed clock."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import click
import pytest

from grader.course.history import CheckRecord, History, append_record
from grader.course.manifest import Course, CourseError
from grader.course.weekly import week_window, weekly_progress, weekly_record
from grader.course.workspace import STATE_DIR
from grader.render.weekly_terminal import weekly_text

# Thursday 5 March 2026, 18:00 UTC: this week runs from Monday 2 March.
NOW = datetime(2026, 3, 5, 18, 0, tzinfo=UTC)
GOLDEN = Path(__file__).parents[1] / "golden" / "course" / "weekly_record.txt"


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=UTC)


def check(when: datetime, exercise: str, status: str, *mistakes: str) -> CheckRecord:
    return CheckRecord(when, exercise, status, mistakes)


HISTORY = History(
    (
        check(at(2, 9) - timedelta(days=10), "stack", "passed"),  # solved weeks ago
        check(at(2), "leap-year", "not_started"),  # the untouched starter: no attempt
        check(at(2, 11), "leap-year", "failed", "printed", "wrong_type"),
        check(at(3), "leap-year", "failed", "wrong_type"),  # printed: fixed
        check(at(3, 12), "leap-year", "passed"),  # wrong_type fixed too, and solved
        check(at(4), "doubled", "failed", "none_returned"),
        check(at(4, 11), "doubled", "error", "error"),
        check(at(5), "doubled", "failed", "mutated_input"),  # none_returned and error fixed, still stuck
        check(at(5, 11), "stack", "failed", "wrong_value"),  # done before this week: not stuck
        check(at(9), "doubled", "passed"),  # next week
    ),
    (),
    Path("history.jsonl"),
)


def test_the_week_starts_on_monday_at_midnight() -> None:
    assert week_window(NOW) == (at(2, 0), at(9, 0))
    assert week_window(NOW, weeks_back=1) == (at(2, 0) - timedelta(days=7), at(2, 0))


def test_solved_fixed_and_stuck_this_week(mini_course: Course) -> None:
    record = weekly_record(mini_course, HISTORY, *week_window(NOW))
    assert record.checks == 8
    assert [(s.exercise_id, s.at, s.attempts) for s in record.solved] == [("leap-year", at(3, 12), 3)]
    assert [(f.mistake, f.exercise_ids) for f in record.fixed] == [
        ("error", ("doubled",)),
        ("none_returned", ("doubled",)),
        ("printed", ("leap-year",)),
        ("wrong_type", ("leap-year",)),
    ]
    assert [(s.exercise_id, s.attempts, s.latest_mistake) for s in record.stuck] == [
        ("doubled", 3, "mutated_input")
    ]


def test_last_week_and_a_window_since_a_day(mini_course: Course) -> None:
    last_week = weekly_record(mini_course, HISTORY, *week_window(NOW, weeks_back=1))
    assert (last_week.checks, last_week.solved, last_week.stuck) == (0, (), ())
    next_week = weekly_record(mini_course, HISTORY, at(9, 0), at(16, 0))
    assert [s.exercise_id for s in next_week.solved] == ["doubled"]


def test_since_a_day_reads_the_saved_history(mini_course: Course) -> None:
    for record in HISTORY.records:
        append_record(mini_course.root / STATE_DIR, record)
    record = weekly_progress(mini_course, NOW, since=date(2026, 3, 4))
    assert (record.start, record.end) == (at(4, 0), NOW)
    assert [s.exercise_id for s in record.stuck] == ["doubled"] and record.solved == ()
    with pytest.raises(CourseError, match=r"--since 2026-03-06 is after today \(2026-03-05\)"):
        weekly_progress(mini_course, NOW, since=date(2026, 3, 6))


def test_the_terminal_record_golden(mini_course: Course) -> None:
    text = click.unstyle(weekly_text(weekly_record(mini_course, HISTORY, *week_window(NOW)), NOW))
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text + "\n", encoding="utf-8")
    assert text + "\n" == GOLDEN.read_text(encoding="utf-8")


def test_an_empty_week_says_how_to_start(mini_course: Course) -> None:
    text = click.unstyle(
        weekly_text(weekly_record(mini_course, History((), (), Path("h")), *week_window(NOW)), NOW)
    )
    assert text.splitlines() == [
        "Your record from Mon 2 Mar 2026 to Thu 5 Mar 2026",
        "",
        "No checks in this time yet. Pick an exercise and run `grader check` to start.",
    ]
