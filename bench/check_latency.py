"""Time `grader check` against the floor: bare pytest on the same assertions, in-process.

Both sides grade the course's first exercise with its reference solution as
the learner's file. The floor copies the same hidden suite next to a tiny
conftest that imports the learner file directly (no worker, no isolation, no
JSON report). Runs alternate between the two sides so machine noise hits
both alike. The last line is the headline: ``ratio: N.NNx`` (grader / floor).

    python bench/check_latency.py [--runs 10] [--course DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grader.course import load_course  # noqa: E402

FLOOR_CONFTEST = """
import importlib.util
import pathlib

import pytest

LEARNER = pathlib.Path(__file__).parent / "learner" / {main!r}


def pytest_configure(config):
    for marker in ("points(n)", "hint(text)", "milestone(n)"):
        config.addinivalue_line("markers", marker)


@pytest.fixture
def learner():
    spec = importlib.util.spec_from_file_location("learner_module", LEARNER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
"""


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=120)
    return time.perf_counter() - started, result.returncode


def prepare(course_dir: Path, work: Path) -> tuple[list[str], Path, list[str], Path, str]:
    """Build both sides; return (grader command, its cwd, floor command, its cwd, exercise id)."""
    course = load_course(course_dir)
    exercise = next(e for e in course.exercises if e.kind in ("implement", "debug"))
    copy = work / "course"
    for top in sorted({Path(e.path).parts[0] for e in course.exercises} | {"exercises"}):
        shutil.copytree(course_dir / top, copy / top)
    shutil.copytree(course_dir / course.suites, copy / course.suites)
    learner_dir = copy / exercise.path
    for name in exercise.files:
        shutil.copyfile(course.solution_dir(exercise) / name, learner_dir / name)
    grader = shutil.which("grader", path=str(Path(sys.executable).parent)) or "grader"
    grader_command = [grader, "--course", str(copy), "check", exercise.id]

    floor = work / "floor"
    shutil.copytree(course.suite_dir(exercise), floor, ignore=shutil.ignore_patterns("mistakes"))
    (floor / "learner").mkdir()
    for name in exercise.files:
        shutil.copyfile(course.solution_dir(exercise) / name, floor / "learner" / name)
    (floor / "conftest.py").write_text(FLOOR_CONFTEST.format(main=exercise.files[0]), encoding="utf-8")
    (floor / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    floor_command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(floor)]
    return grader_command, copy, floor_command, floor, exercise.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--course", type=Path, default=REPO)
    options = parser.parse_args()
    env = dict(os.environ, NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1")
    env["PYTHONPATH"] = str(REPO)  # the floor's suite imports grader.testkit
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        grader_command, grader_cwd, floor_command, floor_cwd, exercise_id = prepare(options.course, Path(tmp))
        for command, cwd in ((grader_command, grader_cwd), (floor_command, floor_cwd)):
            _, code = timed(command, cwd, env)  # warm-up; also fills the suite-id cache
            if code != 0:
                sys.exit(f"warm-up failed (exit {code}): {' '.join(command)}")
        grader_times, floor_times = [], []
        for _ in range(options.runs):
            grader_times.append(timed(grader_command, grader_cwd, env)[0])
            floor_times.append(timed(floor_command, floor_cwd, env)[0])
    grader_median = statistics.median(grader_times)
    floor_median = statistics.median(floor_times)
    print(f"exercise: {exercise_id}, {options.runs} runs each, alternating")
    print(f"grader check : median {grader_median * 1000:7.1f} ms  (min {min(grader_times) * 1000:.1f})")
    print(f"bare pytest  : median {floor_median * 1000:7.1f} ms  (min {min(floor_times) * 1000:.1f})")
    print(f"ratio: {grader_median / floor_median:.2f}x")


if __name__ == "__main__":
    main()
