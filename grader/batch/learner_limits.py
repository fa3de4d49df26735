"""Which limits each learner's processes get in a batch, and the cgroup that holds them.

Where the host lets us write cgroups (:mod:`grader.boundary.cgroup_tree`),
each sandbox a learner's code runs in (their worker for one exercise and
all it starts; their tests or server) gets a cgroup of its own, made before
it starts and removed (with whatever is left in it) once the learner is
done: a process count, memory for all of its processes together and an
equal processor share. Elsewhere only the rlimits of each process apply;
the batch says which before grading (a notice, not an error).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace

from grader.boundary.cgroup_tree import CgroupTree
from grader.boundary.learner_cgroup import CgroupPlacer
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
        f"{limits.memory_mb} MB for all of a learner's processes (per exercise), an equal CPU share; "
        "rlimits per process as well."
    )


@contextlib.contextmanager
def learner_sandbox(sandbox: Sandbox | None, tree: CgroupTree | None) -> Iterator[Sandbox | None]:
    """The slot's sandbox, making this learner's cgroups: one per sandbox started, all removed on leaving.

    One per sandbox, not one for all: a learner's exercises graded in one
    shared run each have a worker running at once, and each worker is held
    to the limits a learner's worker has.
    """
    if sandbox is None or tree is None:
        yield sandbox
        return
    groups = CgroupPlacer(tree, sandbox.limits.processes, sandbox.limits.memory_mb)
    try:
        yield replace(sandbox, groups=groups)
    finally:
        groups.close()
