"""The `grader` entry point starts the pytest server early, and only for grading commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import grader.cli
from grader import launch
from grader.pipeline import server_process, warm

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_early_server(monkeypatch: pytest.MonkeyPatch) -> list[server_process.ServerProcess]:
    servers: list[server_process.ServerProcess] = []
    monkeypatch.setattr(server_process, "_EARLY", servers)
    return servers


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the pytest server forks")
def test_a_check_takes_the_server_started_before_the_cli(
    monkeypatch: pytest.MonkeyPatch, no_early_server: list[server_process.ServerProcess]
) -> None:
    taken = []

    def fake_cli() -> None:
        assert len(no_early_server) == 1  # already starting while the CLI loads
        started = no_early_server[0]
        with warm.pytest_server() as server:
            taken.append(server)
            assert server is not None and server.process is started
        assert no_early_server == []

    monkeypatch.setattr(grader.cli, "main", fake_cli)
    monkeypatch.setattr("sys.argv", ["grader", "--course", ".", "check", "leap-year"])
    launch.main()
    assert len(taken) == 1 and taken[0] is not None
    assert taken[0].process.poll() is not None  # closed after its one run


def test_other_commands_start_no_server(
    monkeypatch: pytest.MonkeyPatch, no_early_server: list[server_process.ServerProcess]
) -> None:
    ran = []
    monkeypatch.setattr(grader.cli, "main", lambda: ran.append(1))
    monkeypatch.setattr("sys.argv", ["grader", "list"])
    launch.main()
    assert no_early_server == [] and ran == [1]


def run_launcher(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run grader.launch.main with a stand-in CLI, in a fresh interpreter."""
    script = (
        f"import sys, grader.cli, grader.launch\ngrader.cli.main = lambda: {code}\ngrader.launch.main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=60, cwd=REPO
    )


@pytest.mark.parametrize(
    ("code", "status", "stderr"),
    [
        ("sys.exit(1)", 1, ""),
        ("sys.exit(None)", 0, ""),
        ("sys.exit('grader: no such exercise')", 1, "grader: no such exercise\n"),
    ],
)
def test_a_check_exits_at_once_with_its_status_and_its_output_flushed(
    code: str, status: int, stderr: str
) -> None:
    result = run_launcher(f"(print('feedback', end=''), {code})", "check", "x")
    assert (result.returncode, result.stdout, result.stderr) == (status, "feedback", stderr)


def test_a_check_skips_the_interpreter_teardown() -> None:
    # An exit handler runs at a normal exit only: a check must not wait for the teardown.
    code = "(__import__('atexit').register(print, 'torn down'), sys.exit(0))"
    assert run_launcher(code, "check", "x").stdout == ""
    assert run_launcher(code, "list").stdout == "torn down\n"
