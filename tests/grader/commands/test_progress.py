"""`grader progress` end to end: real checks in a tmp course, then the week's record, text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from grader.cli import cli
from tests.helpers import LEAP_YEAR

LEAP = "exercises/01_basics/01_leap_year/leap_year.py"
DOUBLED = "exercises/01_basics/02_doubled/doubled.py"


def run(course_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--course", str(course_dir), *args])


def test_a_week_of_checks_through_the_cli(course_dir: Path) -> None:
    assert "not started" in run(course_dir, "check", "leap-year").output
    (course_dir / LEAP).write_text("def leap_year(year):\n    print(year % 4 == 0)\n", encoding="utf-8")
    assert run(course_dir, "check", "leap-year").exit_code == 1
    (course_dir / LEAP).write_text(LEAP_YEAR, encoding="utf-8")
    assert run(course_dir, "check", "leap-year").exit_code == 0
    (course_dir / DOUBLED).write_text("def doubled(items):\n    return str(items)\n", encoding="utf-8")
    assert run(course_dir, "check", "doubled").exit_code == 1

    text = run(course_dir, "progress")
    assert text.exit_code == 0, text.output
    lines = text.output.splitlines()
    assert lines[0].startswith("Your record from ")
    assert any(
        line.startswith("  leap-year  Leap years: ") and line.endswith("after 2 checks") for line in lines
    )
    assert "  printed: leap-year" in lines
    assert any(line.startswith("  doubled  Doubled: 1 attempt, latest mistake: ") for line in lines)

    data = json.loads(run(course_dir, "progress", "--json").stdout)
    assert [s["exercise_id"] for s in data["solved"]] == ["leap-year"]
    assert {"mistake": "printed", "exercise_ids": ["leap-year"]} in data["fixed_mistakes"]
    assert [(s["exercise_id"], s["attempts"]) for s in data["stuck"]] == [("doubled", 1)]
    assert data["checks"] == 4 and data["notice"] == ""

    last_week = json.loads(run(course_dir, "progress", "--week", "1", "--json").stdout)
    assert (last_week["checks"], last_week["solved"]) == (0, [])


def test_bad_options_get_a_clear_message(course_dir: Path) -> None:
    both = run(course_dir, "progress", "--week", "1", "--since", "2026-01-05")
    assert both.exit_code == 2 and "Give --week or --since, not both." in both.output
    wrong = run(course_dir, "progress", "--since", "last tuesday")
    assert wrong.exit_code == 2 and "'last tuesday' does not match the format '%Y-%m-%d'" in wrong.output
    future = run(course_dir, "progress", "--since", "2999-01-01")
    assert future.exit_code == 2 and "is after today" in future.output
    assert "Traceback" not in both.output + wrong.output + future.output


def test_a_corrupt_history_is_said_and_kept(course_dir: Path) -> None:
    run(course_dir, "check", "leap-year")
    history = course_dir / ".grader" / "history.jsonl"
    history.write_bytes(history.read_bytes() + b"{broken\n")
    result = run(course_dir, "progress")
    assert result.exit_code == 0
    assert "1 line(s) of your history file" in result.output and "(line 2)" in result.output
    assert history.read_bytes().endswith(b"{broken\n")


def test_a_history_that_cannot_be_read_is_explained(course_dir: Path) -> None:
    (course_dir / ".grader" / "history.jsonl").mkdir(parents=True)
    result = run(course_dir, "progress")
    assert result.exit_code == 2
    assert "Your check history in " in result.output and "Traceback" not in result.output
