"""Where a grader makes cgroups on this host, and how a killed grader's are reclaimed."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.boundary.cgroup_tree import PREFIX, CgroupTree, candidates, close_tree, open_tree
from grader.boundary.sandbox_launch import launch_prefix


@pytest.fixture
def tree() -> Iterator[CgroupTree]:
    found = open_tree()
    if found is None:
        pytest.skip("no writable cgroup hierarchy here")
    yield found
    close_tree(found)


def test_our_place_comes_before_the_hierarchys_root() -> None:
    assert candidates("/sys/fs/cgroup/memory", "/", "/jobs/a1") == [
        Path("/sys/fs/cgroup/memory/jobs/a1"),
        Path("/sys/fs/cgroup/memory"),
    ]
    # A mount of part of the hierarchy: our path is taken relative to the mount's root.
    assert candidates("/mnt/cg", "/jobs", "/jobs/a1") == [Path("/mnt/cg/a1"), Path("/mnt/cg")]
    assert candidates("/mnt/cg", "/jobs", "/other") == [Path("/mnt/cg")]


def test_the_tree_is_ours_and_goes_away_with_everything_in_it(tree: CgroupTree) -> None:
    assert tree.version in (1, 2)
    assert all(Path(folder).name == f"{PREFIX}{os.getpid()}" for _, folder in tree.folders)
    controllers = {name for name, _ in tree.folders}
    assert tree.version == 2 or {"pids", "memory"} <= controllers
    child = Path(tree.folders[0][1]) / "learner-x"
    child.mkdir()
    sleeper = subprocess.Popen(launch_prefix("", [str(child)]) + ["sleep", "60"])
    try:
        for _ in range(500):  # bounded: until the launch step has joined the cgroup
            if str(sleeper.pid) in (child / "cgroup.procs").read_text().split():
                break
            time.sleep(0.01)
        close_tree(tree)
        assert not any(Path(folder).exists() for _, folder in tree.folders)
        assert sleeper.wait(10) == -9
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_killed_graders_cgroups_are_reclaimed_by_the_next(tree: CgroupTree) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = [Path(folder).parent / f"{PREFIX}{dead.pid}" for _, folder in tree.folders]
    for folder in stale:
        (folder / "learner-0").mkdir(parents=True)
    sleeper = subprocess.Popen(launch_prefix("", [str(f / "learner-0") for f in stale]) + ["sleep", "60"])
    try:
        for _ in range(500):  # bounded: until the launch step has joined the stale cgroup
            if str(sleeper.pid) in (stale[0] / "learner-0" / "cgroup.procs").read_text().split():
                break
            time.sleep(0.01)
        again = open_tree()
        assert again is not None
        assert not any(folder.exists() for folder in stale)
        assert sleeper.wait(10) == -9  # what was left in it was killed first
    finally:
        sleeper.kill()
        sleeper.wait()
