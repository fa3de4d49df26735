"""Which limits each learner's processes get in a batch, and the cgroup that holds them.

Where the host lets us write cgroups (:mod:`grader.boundary.cgroup_tree`),
every learner's sandboxed processes run in a cgroup of that learner's own,
made before their first worker and removed (with whatever is left in it)
after their last: a process count, memory for all of them together and an
equal processor share. Elsewhere only the rlimits of each process apply;
the batch says which before grading (a notice, not an error).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from grader.boundary.cgroup_tree import CgroupTree
from grader.boundary.learner_cgroup import LearnerCgroup
from grader.boundary.sandbox import Sandbox


def limits_notice(sandbox: Sandbox | None, tree: CgroupTree | None) -> str:
    """One line on the limits that apply to each learner in this batch."""
    if sandbox is None:
        return "Limits: none per learner (no sandbox)."
    limits = sandbox.limits
    if tree is None:
        nproc = f"{limits.processes} processes per slot uid, " if sandbox.uid is not None else ""
        return (
            f"Limits: per process only (rlimits: {nproc}1024 MB of address space each, "
            f"{limits.cpu_seconds} s of CPU): no writable cgroup here, so a learner's "
            "children are not counted together."
        )
    return (
        f"Limits: per learner in {tree.describe()}: {limits.processes} processes and "
        f"{limits.memory_mb} MB for all of a learner's processes, an equal CPU share; "
        "rlimits per process as well."
    )


@contextlib.contextmanager
def learner_sandbox(sandbox: Sandbox | None, tree: CgroupTree | None) -> Iterator[Sandbox | None]:
    """The slot's sandbox with this learner's own cgroup (made now, removed on leaving)."""
    if sandbox is None or tree is None:
        yield sandbox
        return
    group = LearnerCgroup(tree, sandbox.limits.processes, sandbox.limits.memory_mb)
    try:
        yield sandbox.in_cgroups(group.folders)
    finally:
        group.close()
