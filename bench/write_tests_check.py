"""Time `grader check` on write-tests exercises against the 1.5 s target and the old design's floor.

Two cases, each checked with its reference test file (solutions/) as the learner's:
test-shipping-cost (13 implementations) and test-paginator (9). Sides, in turn
so machine noise hits them alike:
- check: ``grader check <exercise>`` with this repository's code;
- floor: bare ``python -m pytest`` on the same test file, once per implementation,
  one after another, in folders staged beforehand (what the old design paid at
  least: one Python and pytest start per implementation);
- old (with ``--old-grader PATH``): the same check with another checkout's grader.
Wall-clock medians, and processor seconds (children's user + system, less
sensitive to a busy machine). The last line is ``ratio: N.NNx``: the worst
case's median check time over the 1.5 s target.

    python bench/write_tests_check.py [--runs 7] [--old-grader /work/main/.venv/bin/grader]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.5
CASES = {
    "test-shipping-cost": ("01_control_flow/09_test_shipping_cost", "test_shipping.py"),
    "test-paginator": ("05_backend_blocks/10_test_paginator", "test_paginator.py"),
}


def copy_course(work: Path) -> Path:
    """The course with each case's reference test file as the learner's."""
    course = work / "course"
    for part in ("exercises", "solutions", "projects", "grader/suites"):
        shutil.copytree(REPO / part, course / part, ignore=shutil.ignore_patterns("__pycache__", ".grader"))
    for folder, test_file in CASES.values():
        shutil.copy(REPO / "solutions" / folder / test_file, course / "exercises" / folder / test_file)
    return course


def floor_folders(work: Path, name: str) -> list[Path]:
    """One staged folder per implementation: the test file and that implementation."""
    folder, test_file = CASES[name]
    implementations = REPO / "grader" / "suites" / folder / "implementations"
    staged = []
    for source in sorted(path for path in implementations.iterdir() if path.is_dir()):
        target = work / "floor" / name / source.name
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(REPO / "solutions" / folder / test_file, target / test_file)
        staged.append(target)
    return staged


def timed(commands: list[tuple[list[str], Path]], env: dict[str, str]) -> tuple[float, float]:
    """Wall and processor seconds of running ``commands`` one after another."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for command, cwd in commands:
        subprocess.run(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120
        )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--old-grader", help="another checkout's grader command, timed beside this one")
    options = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "PYTHON"))}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-write-tests-") as tmp:
        work = Path(tmp)
        course = copy_course(work)
        for name in CASES:
            sides = {
                "check": [([sys.executable, "-m", "grader", "--course", str(course), "check", name], REPO)],
                "floor": [
                    ([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "."], folder)
                    for folder in floor_folders(work, name)
                ],
            }
            if options.old_grader:
                sides["old"] = [([options.old_grader, "--course", str(course), "check", name], work)]
            results: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
            for _ in range(options.runs):
                for side, commands in sides.items():
                    results[side].append(timed(commands, env))
            print(f"{name} ({len(sides['floor'])} implementations), medians of {options.runs} runs:")
            for side, times in results.items():
                wall = statistics.median(t[0] for t in times)
                cpu = statistics.median(t[1] for t in times)
                print(f"  {side:5}  {wall:6.2f} s wall  {cpu:6.2f} s processor")
            check = statistics.median(t[0] for t in results["check"])
            worst = max(worst, check / TARGET_SECONDS)
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"ratio: {worst:.2f}x")


if __name__ == "__main__":
    main()
