"""The batch's warm pytest: the check path's pytest server behind the batch's launcher."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from grader.batch.warm import WarmPytest, server_arguments
from grader.boundary.pytest_command import grading_pytest


def test_only_the_grading_plugins_are_left_to_the_server(tmp_path: Path) -> None:
    command = grading_pytest(tmp_path) + ["-p", "grader.batch.together", "--tb=native", "suite"]
    arguments = server_arguments(command[4:])
    assert "grader.pipeline.plugin" not in arguments and "pytest_jsonreport" not in arguments
    assert arguments[-4:] == ["-p", "grader.batch.together", "--tb=native", "suite"]
    assert arguments[:2] == ["-c", str(tmp_path / "pytest.ini")]


def write_suite(folder: Path, body: str) -> list[str]:
    folder.mkdir()
    (folder / "test_it.py").write_text(body, encoding="utf-8")
    return grading_pytest(folder) + [str(folder)]


def test_runs_report_their_status_and_a_run_past_its_limit_is_stopped(tmp_path: Path) -> None:
    with WarmPytest() as warm:
        passing = write_suite(tmp_path / "passing", "def test_ok():\n    assert True\n")
        assert warm.run(passing, tmp_path / "passing", tmp_path / "passing.log", 60) == 0
        failing = write_suite(tmp_path / "failing", "def test_no():\n    assert False\n")
        assert warm.run(failing, tmp_path / "failing", tmp_path / "failing.log", 60) == 1
        endless = write_suite(tmp_path / "endless", "def test_loop():\n    while True:\n        pass\n")
        assert warm.run(endless, tmp_path / "endless", tmp_path / "endless.log", 1) is None
        # The same server goes on after a run it had to stop.
        assert warm.run(passing, tmp_path / "passing", tmp_path / "again.log", 60) == 0


def test_only_pytest_command_lines_are_run(tmp_path: Path) -> None:
    with WarmPytest() as warm, pytest.raises(ValueError):
        warm.run([sys.executable, "-c", "pass"], tmp_path, tmp_path / "log", 5)
