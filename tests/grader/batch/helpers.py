"""Build submission folders and run `grader grade` for the batch tests."""

from __future__ import annotations

import csv
import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from grader.boundary.cgroup_tree import close_tree, open_tree
from grader.boundary.sandbox import SandboxUnavailable, open_sandbox
from grader.boundary.uid_leases import FIRST_UID, UID_COUNT
from grader.cli import cli

CORRECT_DOUBLED = "def doubled(numbers):\n    return [2 * n for n in numbers]\n"
WRONG_DOUBLED = "def doubled(numbers):\n    return None\n"


def needs_sandbox() -> None:
    """Skip when bubblewrap cannot run here (the CLI refuses then; tested separately)."""
    try:
        open_sandbox()
    except SandboxUnavailable as error:
        pytest.skip(f"no sandbox here: {error}")


def per_learner_limits() -> bool:
    """Whether a batch here holds each learner in cgroups of their own (else rlimits only)."""
    tree = open_tree()
    if tree is not None:
        close_tree(tree)
    return tree is not None


def write_learner(root: Path, learner: str, files: dict[str, str | bytes]) -> Path:
    folder = root / learner
    folder.mkdir(parents=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def grade(course: Path, submissions: Path, out: Path, *extra: str) -> Result:
    args = ["grade", str(submissions), "--out", str(out), "--course", str(course), *extra]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def gradebook_rows(out: Path) -> dict[str, dict[str, str]]:
    with open(out / "gradebook.csv", encoding="utf-8") as stream:
        return {row["learner"]: row for row in csv.DictReader(stream)}


def lost_points(out: Path, learner: str) -> list[str]:
    """Each test that did not pass in ``learner``'s feedback, with its message: what a failed grade lost."""
    feedback = json.loads((out / "learners" / learner / "feedback.json").read_text("utf-8"))
    return [
        f"{exercise['exercise_id']}::{test['name']} {test['status']} {test['duration']} s: {test['message']}"
        for exercise in feedback["feedback"]
        for test in exercise["tests"]
        if test["status"] != "passed"
    ]


def sandbox_processes(under: Path, patience: float = 10.0) -> list[str]:
    """This test's processes (their command names a path ``under``) still running as a slot's uid."""
    deadline = time.monotonic() + patience
    while True:
        listing = subprocess.run(["ps", "-eo", "uid=,pid=,args="], capture_output=True, text=True).stdout
        left = [
            line
            for line in listing.splitlines()
            if FIRST_UID <= int(line.split()[0]) < FIRST_UID + UID_COUNT and str(under) in line
        ]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(command: list[str], log: Path, **environment: str) -> subprocess.Popen[bytes]:
    with open(log, "wb") as output:
        return subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=dict(os.environ, **environment),
            start_new_session=True,  # its own group: killed with all it started
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
