"""Nothing a learner starts outlives the check: setsid() escapers and small fork bombs included."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path

import pytest

from grader.boundary.reaper import descendants
from grader.course.manifest import Course
from tests.helpers import LEAP_YEAR, grade_text

ESCAPERS = """\
import os
import time

PIDS = {pids!r}


def escape(generations):
    if os.fork() == 0:
        os.setsid()  # leaves the worker's process group and session
        with open(PIDS, "a") as f:
            f.write(f"{{os.getpid()}}\\n")
        if generations > 1:
            escape(generations - 1)
            escape(generations - 1)
        time.sleep(60)
        os._exit(0)


for _ in range({children}):
    escape(2)
"""


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting to be reaped counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the subreaper is Linux only")
@pytest.mark.parametrize("where", ["import", "call"])
def test_children_that_call_setsid_do_not_outlive_the_check(
    mini_course: Course, tmp_path: Path, where: str
) -> None:
    pids = tmp_path / "escaped.pids"
    escapers = ESCAPERS.format(pids=str(pids), children=5)  # 5 children, 10 grandchildren
    if where == "import":
        source = escapers + "\n\n" + LEAP_YEAR
    else:
        body = escapers.replace("\nfor _ in range(5):\n    escape(2)\n", "")
        source = body + "\n\n" + LEAP_YEAR.replace("    if year % 400", "    escape(2)\n    if year % 400")
    try:
        feedback = grade_text(mini_course, "leap-year", source)
        started = [int(p) for p in pids.read_text().split()]
        assert len(started) >= 3  # escapes really happened (some may be stopped before they record it)
        assert feedback.tests
        assert [pid for pid in started if alive(pid)] == []
    finally:
        with contextlib.suppress(OSError):
            for line in pids.read_text().split():
                with contextlib.suppress(ProcessLookupError, PermissionError, ValueError):
                    os.kill(int(line), signal.SIGKILL)


def test_descendants_lists_a_whole_tree_parents_first() -> None:
    parents = {10: 1, 11: 10, 12: 11, 13: 10, 20: 1}
    found = descendants(parents, [10])
    assert sorted(found) == [10, 11, 12, 13]
    assert found.index(11) < found.index(12)
