"""Time `grader check` against the honest floor: bare pytest on the same suite, in-process.

Two cases, each graded with its reference solution as the learner's file:
- trivial: the course's first exercise (a handful of calls);
- call-heavy: ``bench/call_heavy`` (thousands of calls, large list, dict and
  nested arguments, objects used as handles, exceptions).

The floor runs the same hidden suite next to a tiny conftest that imports the
learner file directly (no worker, no isolation, no JSON report), with pytest's
third-party plugin autoloading off and bytecode caching on, as a user of a
minimal environment runs it.
Runs alternate between the sides so machine noise hits both alike. Also timed:
a `grader watch` re-check on the warm path (see grader/pipeline/warm.py) against a cold
floor run, and, labelled, the old flattering floor (plugins autoloaded). The
last line is the worst case's ``ratio: N.NNx`` (grader / floor).

With ``--hog``, a busy loop runs on each core throughout the timed runs (a
machine whose processors are all taken); the trivial case's target is then 1.5x.

    python bench/check_latency.py [--runs 10] [--course DIR] [--hog]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grader.course.manifest import Course, Exercise, load_course  # noqa: E402
from grader.pipeline.warm import warm_pytest  # noqa: E402

CALL_HEAVY = REPO / "bench" / "call_heavy"
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


@dataclass
class Case:
    """One exercise graded both ways."""

    name: str
    course: Course
    exercise: Exercise
    grader_command: list[str]
    floor_command: list[str]
    floor_dir: Path


CPU: dict[str, list[float]] = {}  # processor seconds per side, for the load-robust cross-check


def timed(command: list[str], cwd: Path, env: dict[str, str], side: str = "") -> tuple[float, int]:
    """Wall seconds and exit status of one run; its processor seconds go to CPU[side]."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=300)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    CPU.setdefault(side, []).append(cpu)
    return wall, result.returncode


def copy_course(course_dir: Path, work: Path) -> Course:
    """Copy a course with the reference solutions in place of the starters."""
    course = load_course(course_dir)
    copy = work / "course"
    for top in sorted({Path(e.path).parts[0] for e in course.exercises} | {"exercises", course.solutions}):
        shutil.copytree(course_dir / top, copy / top)
    shutil.copytree(course_dir / course.suites, copy / course.suites)
    copied = load_course(copy)
    for exercise in copied.exercises:
        for name in exercise.files:
            solution = copied.solution_dir(exercise) / name
            if solution.is_file():
                shutil.copyfile(solution, copied.exercise_dir(exercise) / name)
    return copied


def prepare(name: str, course_dir: Path, work: Path) -> Case:
    """Build both sides of one case from the course's first implement exercise."""
    course = copy_course(course_dir, work)
    exercise = next(e for e in course.exercises if e.kind in ("implement", "debug"))
    grader = shutil.which("grader", path=str(Path(sys.executable).parent)) or "grader"
    grader_command = [grader, "--course", str(course.root), "check", exercise.id]
    floor = work / "floor"
    shutil.copytree(course.suite_dir(exercise), floor, ignore=shutil.ignore_patterns("mistakes"))
    (floor / "learner").mkdir()
    for file in exercise.files:
        shutil.copyfile(course.exercise_dir(exercise) / file, floor / "learner" / file)
    (floor / "conftest.py").write_text(FLOOR_CONFTEST.format(main=exercise.files[0]), encoding="utf-8")
    (floor / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    floor_command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(floor)]
    return Case(name, course, exercise, grader_command, floor_command, floor)


@contextlib.contextmanager
def busy_loops(count: int) -> Iterator[None]:
    """Keep ``count`` processes spinning (one per core: a machine with no processor to spare)."""
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield
    finally:
        for loop in loops:
            loop.kill()
            loop.wait(timeout=10)


def median_ms(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:7.1f} ms (min {min(times) * 1000:.1f})"


def warm_recheck_timer(case: Case) -> Callable[[], float]:
    """Time one re-check through the warm trusted side, as `grader watch` does after a save."""
    from grader.pipeline.grading import grade

    def once() -> float:
        started = time.perf_counter()
        feedback = grade(case.course, case.exercise)
        if not feedback.passed:
            sys.exit(f"warm re-check did not pass: {feedback.to_dict()}")
        return time.perf_counter() - started

    once()  # the first check of a watch session starts the server and reads the suite ids
    return once


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--course", type=Path, default=REPO)
    parser.add_argument("--hog", action="store_true", help="a busy loop on each core while timing")
    options = parser.parse_args()
    with busy_loops(os.cpu_count() or 1) if options.hog else contextlib.nullcontext():
        measure(options)


def measure(options: argparse.Namespace) -> None:
    """Time both cases and the warm re-check; print the figures and the headline."""
    # Both sides run as a user runs them, bytecode caching on: pytest keeps the floor's rewritten
    # suite, Python our compiled modules (a grading run turns it off for the staged files itself).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    env["PYTHONPATH"] = str(REPO)  # the floor's suites import grader.testkit
    honest = dict(env, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    ratios: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        cases = [
            prepare("trivial", options.course, Path(tmp) / "trivial"),
            prepare("call-heavy", CALL_HEAVY, Path(tmp) / "heavy"),
        ]
        for case in cases:
            sides = ((case.grader_command, case.course.root), (case.floor_command, case.floor_dir))
            for command, cwd in sides:
                _, code = timed(command, cwd, honest)  # warm-up; also fills the suite-id cache
                if code != 0:
                    sys.exit(f"warm-up failed (exit {code}): {' '.join(command)}")
            load = os.getloadavg()[0]
        print(f"{options.runs} runs per side, alternating; floor: bare pytest, plugin autoloading off")
        print(f"machine load at start: {load:.1f} on {os.cpu_count()} cores")
        for case in cases:
            grader_times, floor_times, old_times = [], [], []
            for _ in range(options.runs):
                grader_times.append(timed(case.grader_command, case.course.root, honest, case.name)[0])
                floor_times.append(timed(case.floor_command, case.floor_dir, honest, case.name + " floor")[0])
                if case.name == "trivial":
                    old_times.append(timed(case.floor_command, case.floor_dir, env)[0])
            ratios[case.name] = statistics.median(grader_times) / statistics.median(floor_times)
            print(f"{case.name} ({case.exercise.id}):")
            print(f"  grader check : {median_ms(grader_times)}")
            print(f"  bare pytest  : {median_ms(floor_times)}")
            cpu = statistics.median(CPU[case.name]) / statistics.median(CPU[case.name + " floor"])
            print(f"  processor time, all processes: {cpu:.2f}x the floor's (a cross-check under load)")
            print(f"  {case.name} ratio: {ratios[case.name]:.2f}x")
            if old_times:
                old = statistics.median(grader_times) / statistics.median(old_times)
                print(f"  (old, flattering floor: pytest with plugins autoloaded {median_ms(old_times)};")
                print(f"   grader / that = {old:.2f}x, not a target)")
        with warm_pytest():
            recheck = warm_recheck_timer(cases[0])
            watch_times, cold_times = [], []
            for _ in range(options.runs):  # alternating with cold floor runs, as above
                watch_times.append(recheck())
                cold_times.append(timed(cases[0].floor_command, cases[0].floor_dir, honest)[0])
        watch = statistics.median(watch_times) / statistics.median(cold_times)
        print(f"watch re-check, warm ({cases[0].exercise.id}): {median_ms(watch_times)}")
        print(f"  cold bare pytest alongside: {median_ms(cold_times)}")
        print(f"  watch ratio vs a cold bare pytest run: {watch:.2f}x (target <= 0.50x)")
    worst = max(ratios, key=lambda name: ratios[name])
    trivial_target = "1.5x, every core busy" if options.hog else "1.25x"
    print(f"worst case: {worst} (targets: trivial <= {trivial_target}, call-heavy <= 1.5x)")
    print(f"ratio: {ratios[worst]:.2f}x")


if __name__ == "__main__":
    main()
