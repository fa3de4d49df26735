"""A call's limit counts the processor time its worker got: load does not cut it short, sleep no longer."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from grader.boundary.cpu_clock import tree_usage
from grader.boundary.process import LearnerTimeout
from grader.boundary.remote import LearnerModule, LearnerSession
from grader.course.manifest import Course
from tests.helpers import learner_folder

WORK = """\
import time


def work(seconds):
    # As much processor time as asked, however long the machine takes to give it.
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass
    return "done"


def nap(seconds):
    time.sleep(seconds)
    return "woke"
"""
HOGS = 4  # processes sharing the worker's one processor: it gets about a fifth of it

pinned = pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs processor affinity")


@pytest.fixture
def hogs() -> Iterator[list[subprocess.Popen[bytes]]]:
    started = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(HOGS)]
    yield started
    for hog in started:
        hog.kill()
        hog.wait()


def test_the_usage_of_a_process_tree_is_read_from_proc() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time\nwhile time.process_time() < 0.2: pass"])
    child.wait()
    mine = tree_usage(os.getpid())
    assert mine is not None and mine.seconds > 0.2  # a reaped child's time counts with its parent
    assert mine.computing  # this test is running
    assert tree_usage(2**22 + 7) is None  # no such process


@pinned
def test_a_call_starved_of_the_processor_finishes_within_its_processor_time(
    mini_course: Course, hogs: list[subprocess.Popen[bytes]]
) -> None:
    """0.3 s of work against a 0.6 s limit, with four busy processes on the worker's one core."""
    pids: list[int] = []
    folder = learner_folder(mini_course, {"load.py": WORK})
    session = LearnerSession(folder, ["load"], call_timeout=0.6, on_start=pids.append)
    try:
        learner = LearnerModule(session, "load")
        assert learner.work(0.0) == "done"  # the worker runs
        core = {min(os.sched_getaffinity(0))}
        for pid in [pids[-1], *(hog.pid for hog in hogs)]:
            os.sched_setaffinity(pid, core)
        started = time.monotonic()
        assert learner.work(0.3) == "done"
        took = time.monotonic() - started
    finally:
        session.close()
    assert took > 0.6, f"the hogs did not slow the call ({took:.2f} s): the test proves nothing"


def test_a_call_asleep_keeps_its_limit(mini_course: Course) -> None:
    session = LearnerSession(learner_folder(mini_course, {"load.py": WORK}), ["load"], call_timeout=0.5)
    try:
        learner = LearnerModule(session, "load")
        started = time.monotonic()
        with pytest.raises(LearnerTimeout):
            learner.nap(30)
        took = time.monotonic() - started
    finally:
        session.close()
    assert took < 3.0, f"a sleeping call was waited on for {took:.1f} s"
