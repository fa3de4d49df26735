"""The function a Dask worker runs for one learner: the local batch's grading, in the sandbox.

The worker process itself only writes the learner's bytes to a temporary
folder and calls the local pool's :class:`~grader.batch.pool.Grading`, which
starts the trusted pytest runs; learner code runs only in their sandboxed
workers. Each thread of a Dask worker is one grading slot with its own uid and warm pytest.
What goes back is plain data: each exercise's feedback as JSON text.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import threading
from pathlib import Path
from typing import Any

from grader.batch.cluster_pack import cached_course, write_files
from grader.batch.plan import Job, Plan
from grader.batch.pool import Grading, Slot
from grader.batch.temp_folders import owned_folder, sweep
from grader.batch.warm import WarmPytest
from grader.boundary.cgroup_tree import CgroupTree, open_tree
from grader.boundary.sandbox import Sandbox, open_sandbox
from grader.boundary.uid_leases import UidLease, lease_uid
from grader.course.manifest import Course

CACHE_VARIABLE = "GRADER_COURSE_CACHE"
SLOT_VARIABLE = "GRADER_SLOT_BASE"  # where the search for a free uid starts (leases keep them apart)
LOCAL = threading.local()
SLOTS = itertools.count()
UNPACKING = threading.Lock()


def course_cache() -> Path:
    """Where this worker keeps the courses it was sent, by content hash."""
    configured = os.environ.get(CACHE_VARIABLE)
    return Path(configured) if configured else Path.home() / ".cache" / "grader" / "courses"


@functools.cache
def worker_sandbox() -> Sandbox:
    """The sandbox, checked once per worker process (raises SandboxUnavailable)."""
    return open_sandbox()


@functools.cache
def worker_cgroups() -> CgroupTree | None:
    """This worker's cgroup folders (kept for its life; a later grader reclaims them once it has died)."""
    return open_tree()


LEASES: list[UidLease] = []  # held while the worker lives: its uids are no other grader's


def this_slot() -> Slot:
    """This thread's grading slot, made on its first job."""
    slot: Slot | None = getattr(LOCAL, "slot", None)
    if slot is None:
        index = int(os.environ.get(SLOT_VARIABLE, "0")) + next(SLOTS)
        # A warm pytest per thread, as a local slot has; it dies with this worker (see pytest_server).
        launcher = WarmPytest()
        launcher.start()
        sandbox = worker_sandbox()
        if sandbox.uid is not None:
            LEASES.append(lease_uid(index))
            sandbox = sandbox.with_uid(LEASES[-1].uid)
        slot = Slot(index, sandbox, launcher, worker_cgroups())
        LOCAL.slot = slot
    return slot


@functools.cache
def swept() -> int:
    """Remove, once per worker process, the temporary folders killed workers left behind."""
    return sweep()


def course_for(digest: str, blob: bytes) -> Course:
    with UNPACKING:
        return cached_course(course_cache(), digest, blob)


def grade_learner(payload: dict[str, Any], digest: str, blob: bytes) -> list[str]:
    """Grade one learner's jobs; return each job's feedback as JSON, in the payload's order."""
    swept()
    course = course_for(digest, blob)
    exercises = {exercise.id: exercise for exercise in course.exercises}
    slot = this_slot()
    with owned_folder("grader-cluster-") as tmp:
        jobs = []
        for index, entry in enumerate(payload["jobs"]):
            folder = Path(tmp) / f"j{index}"
            folder.mkdir()
            write_files(entry["files"], folder)
            exercise = exercises[entry["exercise"]]
            jobs.append(Job(payload["learner"], exercise, folder, entry["content"], entry["suite"]))
        plan = Plan(tuple(jobs), (payload["learner"],), 0, 0)
        results = Grading(course, plan).learner(jobs, slot)
    return [json.dumps(feedback.to_dict()) for _, feedback in results]
