"""The batch's notice of the limits each learner gets, and the cgroups made for a learner's sandboxes."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.batch.learner_limits import learner_sandbox, limits_notice
from grader.boundary.cgroup_tree import CgroupTree, close_tree, open_tree
from grader.boundary.sandbox import Sandbox

ROOT_SANDBOX = Sandbox("/usr/bin/bwrap", 62001)


def test_the_notice_says_which_limits_apply() -> None:
    assert limits_notice(None, None) == "Limits: none per learner (no sandbox)."
    rlimits = limits_notice(ROOT_SANDBOX, None)
    assert rlimits.startswith("Limits: per process only (rlimits: 64 processes per slot uid,")
    assert "no writable cgroup here" in rlimits
    tree = CgroupTree(1, (("pids", "/sys/fs/cgroup/pids/backend-path-1"),))
    cgroups = limits_notice(ROOT_SANDBOX, tree)
    assert cgroups.startswith(
        "Limits: per learner in cgroup v1 (pids) under /sys/fs/cgroup/pids: 64 processes"
    )
    assert "1024 MB for all of a learner's processes" in cgroups


def test_each_sandbox_of_a_learner_gets_its_own_cgroup_all_removed_after(tmp_path: Path) -> None:
    tree = open_tree()
    if tree is None:
        pytest.skip("no writable cgroup hierarchy here")
    try:
        with learner_sandbox(ROOT_SANDBOX, tree) as sandbox:
            assert sandbox is not None
            first, second = sandbox.placed(), sandbox.placed()
            assert first.cgroups and second.cgroups and set(first.cgroups).isdisjoint(second.cgroups)
            assert all(Path(folder).is_dir() for folder in first.cgroups + second.cgroups)
            assert "GRADER_CGROUP_LIMITS" in sandbox.prefix(tmp_path)
        assert not any(Path(folder).exists() for folder in first.cgroups + second.cgroups)
    finally:
        close_tree(tree)
