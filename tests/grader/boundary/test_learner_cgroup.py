"""A learner's own cgroup on this host: limits for all its processes together, counters, removal."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.boundary.cgroup_tree import CgroupTree, close_tree, open_tree
from grader.boundary.learner_cgroup import SANDBOX_TASKS, LearnerCgroup, limit_reached
from grader.boundary.sandbox_launch import launch_prefix
from tests.helpers import children_allocating_together

FORKS = """\
import os, time
started = 0
for _ in range(40):
    try:
        if os.fork() == 0:
            os.closerange(0, 3)  # the test reads the parent's output to its end
            time.sleep(60)
            os._exit(0)
        started += 1
    except OSError:
        break
print(started, flush=True)
"""
CHILDREN_ALLOCATE = children_allocating_together(40) + (
    "print(sum(os.waitpid(pid, 0)[1] != 0 for pid in children), flush=True)\n"
)


@pytest.fixture
def tree() -> Iterator[CgroupTree]:
    found = open_tree()
    if found is None:
        pytest.skip("no writable cgroup hierarchy here")
    yield found
    close_tree(found)


def alive(pid: str) -> bool:
    """Running still (a killed orphan may stay a zombie until PID 1 reaps it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] not in "ZX"


def run_in(group: LearnerCgroup, script: str) -> str:
    command = launch_prefix("", group.folders) + [sys.executable, "-I", "-S", "-c", script]
    return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout


def test_processes_are_counted_together_and_removal_kills_what_is_left(tree: CgroupTree) -> None:
    group = LearnerCgroup(tree, processes=8, memory_mb=256)
    try:
        assert limit_reached(group.folders) is None
        started = int(run_in(group, FORKS))
        # The shell became python: it and its children share the 8 and the sandbox's own room.
        assert 8 <= started < 8 + SANDBOX_TASKS
        reached = limit_reached(group.folders)
        assert reached is not None and reached.limit == "processes" and reached.value == 8
        assert "limit of 8 processes" in reached.describe()
        pids_folder = next(f for f in group.folders if os.path.exists(Path(f) / "pids.max"))
        sleepers = (Path(pids_folder) / "cgroup.procs").read_text().split()
        assert len(sleepers) == started  # the children outlived their parent, still in the cgroup
    finally:
        group.close()
    assert not any(os.path.exists(folder) for folder in group.folders)
    assert not [pid for pid in sleepers if alive(pid)]


def test_memory_is_counted_over_a_learners_children(tree: CgroupTree) -> None:
    group = LearnerCgroup(tree, processes=16, memory_mb=100)  # 4 x 40 MB: more than 100 together
    try:
        killed = int(run_in(group, CHILDREN_ALLOCATE))
        assert killed >= 1
        reached = limit_reached(group.folders)
        assert reached is not None and reached.limit == "memory"
        assert "memory limit (100 MB for all its processes)" in reached.describe()
    finally:
        group.close()
