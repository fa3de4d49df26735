"""Two graders on one host at once: each learner is held to limits of their own, and only they are.

Each grader grades a small class of the mini course's ``doubled``: honest
learners, one whose file holds processes (80 sleepers forked while it
loads) and one whose children allocate memory together (4 x 400 MB against
a per-learner limit of 1024 MB). Both graders start together. Every honest
learner gets full marks; each greedy learner is stopped at their own limit
and told which one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.grader.batch.helpers import (
    CORRECT_DOUBLED,
    gradebook_rows,
    needs_sandbox,
    per_learner_limits,
    write_learner,
)
from tests.helpers import children_allocating_together

HOLDS_PROCESSES = (
    """\
import os, time
for _ in range(80):
    try:
        if os.fork() == 0:
            os.closerange(0, 3)
            time.sleep(60)
            os._exit(0)
    except OSError:
        break
"""
    + CORRECT_DOUBLED
)
CHILDREN_ALLOCATE = (
    children_allocating_together(400) + "for pid in children:\n    os.waitpid(pid, 0)\n" + CORRECT_DOUBLED
)
HONEST = 3


def a_class(root: Path) -> Path:
    submissions = root / "submissions"
    for index in range(HONEST):
        write_learner(submissions, f"honest{index}", {"doubled.py": CORRECT_DOUBLED})
    write_learner(submissions, "holder", {"doubled.py": HOLDS_PROCESSES})
    write_learner(submissions, "allocator", {"doubled.py": CHILDREN_ALLOCATE})
    return submissions


def feedback_text(out: Path, learner: str) -> str:
    return (out / "learners" / learner / "report.md").read_text(encoding="utf-8")


def test_two_graders_at_once_hold_each_learner_to_their_own_limits(tmp_path: Path, course_dir: Path) -> None:
    needs_sandbox()
    if not per_learner_limits():
        pytest.skip("no writable cgroup here: limits are per process only")
    graders, outs = [], []
    environment = os.environ | {"NO_COLOR": "1"}
    for name in ("first", "second"):
        submissions = a_class(tmp_path / name)
        outs.append(tmp_path / name / "out")
        command = [sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(outs[-1])]
        command += ["--course", str(course_dir), "--jobs", "2", "--exercise", "doubled"]
        graders.append(subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, text=True))
    deadline = time.monotonic() + 300
    printed = []
    for grader in graders:
        printed.append(grader.communicate(timeout=max(1.0, deadline - time.monotonic()))[0])
        assert grader.returncode == 0, printed[-1]
    for out, said in zip(outs, printed, strict=True):
        assert "Limits: per learner in cgroup" in said
        rows = gradebook_rows(out)
        assert {learner: rows[learner]["doubled"] for learner in rows if learner.startswith("honest")} == {
            f"honest{index}": "4" for index in range(HONEST)
        }
        assert rows["holder"]["doubled"] == "0"
        assert "reached the limit of 64 processes" in feedback_text(out, "holder")
        assert rows["allocator"]["doubled"] == "0"
        memory = "used more than the memory limit (1024 MB for all its processes)"
        assert memory in feedback_text(out, "allocator")
