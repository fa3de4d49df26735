"""Time `grader validate` on the whole course, in a throwaway clone so the checkout is never written.

Usage: python bench/validate_course.py [GRADER ...]
(default: this checkout's own ``grader`` command, the one beside this Python).
Each GRADER (a ``grader`` executable, e.g. another checkout's .venv/bin/grader)
validates a fresh ``git clone`` of this checkout's HEAD, one after the other;
give two to compare them side by side. Printed per run: the wall seconds, the
CPU seconds of the command and every process it waited for, its exit status
and its summary line, and the least wall time that much CPU could take with every
core busy all the time (CPU seconds over the cores): a target below that floor
cannot be met by running the same work in parallel, only by doing less of it.
The last line is the last run's wall seconds over the 60 s target: 1.00x or
less meets it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 60.0


def clone(into: Path) -> Path:
    """A clone of HEAD: validate grades the committed starters and may rewrite known_mistakes.json."""
    course = into / "course"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(course)], check=True)
    return course


def timed_validate(grader: str, course: Path) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (children included), exit status and the last line printed."""
    before = os.times()
    started = time.monotonic()
    done = subprocess.run(
        [grader, "--course", str(course), "validate"], capture_output=True, text=True, check=False
    )
    wall = time.monotonic() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    lines = done.stdout.strip().splitlines() or done.stderr.strip().splitlines() or [""]
    return wall, cpu, done.returncode, lines[-1]


def main() -> None:
    graders = sys.argv[1:] or [str(Path(sys.executable).with_name("grader"))]
    wall = 0.0
    for grader in graders:
        with tempfile.TemporaryDirectory(prefix="validate-bench-") as tmp:
            wall, cpu, status, summary = timed_validate(grader, clone(Path(tmp)))
        print(f"{grader}: {wall:.1f} s wall, {cpu:.1f} s CPU, exit {status}: {summary}")
        cores = os.cpu_count() or 1
        print(f"  with all {cores} cores busy throughout, that CPU takes at least {cpu / cores:.1f} s")
    print(f"ratio: {wall / TARGET_SECONDS:.2f}x")


if __name__ == "__main__":
    main()
