"""The whole check's limit names the test that was running and keeps the results that finished."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest

from grader.course.manifest import load_course
from grader.pipeline.progress import Progress, read_progress
from grader.render import terminal
from tests.helpers import copy_course, grade_text

GOLDEN = Path(__file__).parents[1] / "golden" / "stopped" / "whole_check_limit.txt"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
# Fine for 2024 and 2023, the first two tests; the third (1900) never ends. Each call may take
# 20 s, the whole check 4 s: the whole check's limit strikes while the third test runs.
STUCK_ON_CENTURIES = """\
def leap_year(year):
    while year % 100 == 0:
        pass
    return year % 4 == 0
"""


def test_a_stopped_check_names_the_running_test_and_keeps_what_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_course(tmp_path / "course")
    manifest = root / "exercises" / "course.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace("call_timeout = 1.0\ntime_limit = 30", "call_timeout = 20\ntime_limit = 4", 1)
    )
    course = load_course(root)
    feedback = grade_text(course, "leap-year", STUCK_ON_CENTURIES)
    assert feedback.status == "timeout"
    assert feedback.score == 0
    assert [(t.name, t.status) for t in feedback.tests] == [
        ("test_ordinary_leap_year", "passed"),
        ("test_ordinary_common_year", "passed"),
        ("test_century", "timeout"),
    ]
    assert "while this test was running: 1900 is not a leap year" in feedback.error
    monkeypatch.setattr(terminal, "symbols", lambda: terminal.PLAIN)
    shown = click.unstyle(terminal.feedback_text(feedback, course.find("leap-year"), None))
    if UPDATE:
        GOLDEN.write_text(shown, encoding="utf-8")
    assert shown == GOLDEN.read_text(encoding="utf-8")


def test_a_line_not_signed_with_the_runs_secret_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "progress.jsonl"
    progress = Progress(path, "secret")
    progress.write({"started": "suite/test_x.py::test_one"})
    with open(path, "a", encoding="utf-8") as forged:
        entry = {"nodeid": "suite/test_x.py::test_one", "outcome": "passed", "metadata": {}}
        forged.write(json.dumps({"entry": entry, "sig": "0" * 64}) + "\n")
    so_far = read_progress(path, "secret")
    assert so_far.finished == ()
    assert so_far.running == "suite/test_x.py::test_one"
