"""The `grader` entry point starts the pytest server early, and only for grading commands."""

from __future__ import annotations

import os

import pytest

import grader.cli
from grader import launch, warm


@pytest.fixture
def no_prestarted_server(monkeypatch: pytest.MonkeyPatch) -> list[warm.PytestServer]:
    servers: list[warm.PytestServer] = []
    monkeypatch.setattr(warm, "_PRESTARTED", servers)
    return servers


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the pytest server forks")
def test_a_check_takes_the_server_started_before_the_cli(
    monkeypatch: pytest.MonkeyPatch, no_prestarted_server: list[warm.PytestServer]
) -> None:
    taken = []

    def fake_cli() -> None:
        assert len(no_prestarted_server) == 1  # already starting while the CLI loads
        with warm.pytest_server() as server:
            taken.append(server)
        assert no_prestarted_server == []

    monkeypatch.setattr(grader.cli, "main", fake_cli)
    monkeypatch.setattr("sys.argv", ["grader", "--course", ".", "check", "leap-year"])
    launch.main()
    assert len(taken) == 1 and taken[0] is not None
    assert taken[0].process.poll() is not None  # closed after its one run


def test_other_commands_start_no_server(
    monkeypatch: pytest.MonkeyPatch, no_prestarted_server: list[warm.PytestServer]
) -> None:
    monkeypatch.setattr(grader.cli, "main", lambda: None)
    monkeypatch.setattr("sys.argv", ["grader", "list"])
    launch.main()
    assert no_prestarted_server == []
