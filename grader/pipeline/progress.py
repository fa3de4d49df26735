"""Each test as it starts and ends, written as the run goes: what a stopped run still knows.

The grading pytest writes one signed line per event (``Progress``, registered
by the plugin); the runner reads them (``read_progress``) when the whole check
hits its limit, to name the test that was running and show the ones that
finished, and a door may follow them (``follow``) to show which test runs now.
A line is signed with the run's secret, like the report: a line learner code
wrote is not read. This module does not import pytest (the runner imports it).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.pipeline.signature import report_signature

FOLLOW_EVERY = 0.25  # seconds between two reads of the file while following it
OnTest = Callable[[str, str], None]  # told each test's id and description as it starts


class Progress:
    """Pytest hooks that append each test's start and end to the progress file."""

    def __init__(self, path: Path, secret: str) -> None:
        self.path = path
        self.secret = secret
        self.outcomes: dict[str, str] = {}
        self.metadata: dict[str, dict[str, Any]] = {}

    def write(self, entry: dict[str, Any]) -> None:
        line = json.dumps({"entry": entry, "sig": report_signature(self.secret, entry)}, default=str)
        with open(self.path, "a", encoding="utf-8") as progress:
            progress.write(line + "\n")

    def pytest_runtest_logstart(self, nodeid: str) -> None:
        self.write({"started": nodeid})

    def pytest_runtest_logreport(self, report: Any) -> None:
        extra = getattr(report, "_json_report_extra", None) or {}
        self.metadata.setdefault(report.nodeid, {}).update(extra.get("metadata") or {})
        outcome = "failed" if report.failed else "skipped" if report.skipped else "passed"
        previous = self.outcomes.get(report.nodeid)
        self.outcomes[report.nodeid] = outcome if previous in (None, "passed") else previous
        if report.when == "setup":  # the description is known now: say it while the test runs
            self.write({"started": report.nodeid, "metadata": self.metadata[report.nodeid]})

    def pytest_runtest_logfinish(self, nodeid: str) -> None:
        outcome = self.outcomes.pop(nodeid, "failed")
        self.write({"nodeid": nodeid, "outcome": outcome, "metadata": self.metadata.pop(nodeid, {})})


@dataclass(frozen=True)
class RunSoFar:
    """What a run had done when it was read: the tests that finished and the one running."""

    finished: tuple[dict[str, Any], ...] = ()
    running: str = ""
    running_metadata: dict[str, Any] = field(default_factory=dict)


def read_progress(path: Path, secret: str) -> RunSoFar:
    """Read the signed lines of the progress file (unsigned or broken lines are skipped)."""
    finished: dict[str, dict[str, Any]] = {}
    running, metadata = "", {}  # type: tuple[str, Any]
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return RunSoFar()
    for line in lines:
        entry = signed_entry(line, secret)
        if entry is None:
            continue
        if "started" in entry:
            running, metadata = str(entry["started"]), entry.get("metadata") or {}
        elif "nodeid" in entry:
            finished[str(entry["nodeid"])] = entry
            running = "" if running == entry["nodeid"] else running
    return RunSoFar(tuple(finished.values()), running, metadata if isinstance(metadata, dict) else {})


def signed_entry(line: str, secret: str) -> dict[str, Any] | None:
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("entry"), dict):
        return None
    if data.get("sig") != report_signature(secret, data["entry"]):
        return None
    entry: dict[str, Any] = data["entry"]
    return entry


def follow(path: Path, secret: str, on_test: OnTest, done: threading.Event) -> None:
    """Call ``on_test(test id, description)`` with the running test a few times a second, until ``done``."""
    while not done.wait(FOLLOW_EVERY):
        now = read_progress(path, secret)
        if now.running:
            on_test(now.running, str(now.running_metadata.get("description", "")))
