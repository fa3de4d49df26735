"""The line that says which test a long check is running."""

from __future__ import annotations

import io

import click

from grader.render.running_line import SHOW_AFTER, RunningLine, running_line


def test_nothing_is_shown_in_the_first_second_then_the_running_test_is() -> None:
    stream = io.StringIO()
    line = RunningLine(stream)
    line.on_test("suite/test_x.py::test_a", "The first test")
    assert stream.getvalue() == ""
    line.started -= SHOW_AFTER
    line.on_test("suite/test_x.py::test_b", "")
    assert click.unstyle(stream.getvalue()).strip() == "checking (1 s): test_b"
    line.clear()
    assert stream.getvalue().endswith("\r")
    assert click.unstyle(stream.getvalue()).split("\r")[-2].strip() == ""


def test_no_line_when_not_wanted_or_not_a_terminal() -> None:
    with running_line(False) as line:
        assert line is None
    with running_line(True) as line:  # pytest captures stderr: not a terminal
        assert line is None
