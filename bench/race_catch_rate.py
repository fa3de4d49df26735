"""Measure how reliably the capstone's race tests catch the naive variants.

Each known-wrong variant of every project exercise (``mistakes/<name>/``,
overlaid on the reference solution, as ``grader validate`` stages it) is
graded N times through the real pipeline; a run "catches" the variant when
the variant does not pass. The last line is the worst catch rate as a ratio
of runs, ``ratio: N.NNx`` (1.00x = caught every time).

    python bench/race_catch_rate.py [--runs 20] [--variant NAME ...]

``--variant`` measures only the named variants (each run grades the whole
suite, so all six take well over an hour).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grader.course.manifest import load_course  # noqa: E402
from grader.pipeline.grading import grade  # noqa: E402
from grader.validate_runs import mistake_paths  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--variant", action="append", default=[], help="only this variant (repeatable)")
    options = parser.parse_args()
    course = load_course(REPO)
    rates = []
    for exercise in (e for e in course.exercises if e.kind == "project"):
        for variant in mistake_paths(course, exercise):
            if options.variant and variant.name not in options.variant:
                continue
            caught, started = 0, time.monotonic()
            with tempfile.TemporaryDirectory(prefix="bench-race-") as tmp:
                staged = Path(tmp) / "code"
                shutil.copytree(course.solution_dir(exercise), staged)
                shutil.copytree(variant, staged, dirs_exist_ok=True)
                for _ in range(options.runs):
                    caught += grade(course, exercise, staged).status != "passed"
            seconds = (time.monotonic() - started) / options.runs
            name = f"{exercise.id}/{variant.name}"
            print(f"{name}: caught in {caught}/{options.runs} runs ({seconds:.1f} s a run)")
            rates.append(caught / options.runs)
    if not rates:
        raise SystemExit(f"no known-wrong variant is named {', '.join(options.variant)}")
    print(f"ratio: {min(rates):.2f}x")


if __name__ == "__main__":
    main()
