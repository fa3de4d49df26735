"""Time `grader grade` on a synthetic class against bare pytest, one process per learner.

The class takes the course's first implement exercises (default 5). Most
learners submit the reference solutions, some a known-wrong variant, and one
in every 20 an infinite loop in one function. The floor runs, for each
learner, one `python -m pytest` over plain tests that call that learner's
functions in-process with the same per-call time limit (SIGALRM). Both are
timed serially and with --jobs 2; the last line is the serial ratio.

    python bench/batch.py [--learners 40] [--exercises 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.course import Exercise, load_course  # noqa: E402

LOOP = "\n\ndef {name}(*args, **kwargs):\n    while True:\n        pass\n"
FLOOR_CONFTEST = """\
import importlib.util, pathlib, signal
import pytest

LEARNER = pathlib.Path(__file__).parent / "learner" / {main!r}


def pytest_configure(config):
    for marker in ("points(n)", "hint(text)", "milestone(n)"):
        config.addinivalue_line("markers", marker)


@pytest.fixture
def learner():
    def stop(*_):
        raise TimeoutError("too slow")

    signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, {seconds})
    spec = importlib.util.spec_from_file_location("learner_{module}", LEARNER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    signal.setitimer(signal.ITIMER_REAL, 0)
"""


def pick_exercises(count: int) -> list[Exercise]:
    course = load_course(ROOT)
    return [e for e in course.exercises if e.kind == "implement" and len(e.modules) == 1][:count]


def build_class(root: Path, exercises: list[Exercise], learners: int) -> Path:
    course = load_course(ROOT)
    submissions = root / "submissions"
    for index in range(learners):
        folder = submissions / f"learner{index:03d}"
        folder.mkdir(parents=True)
        for position, exercise in enumerate(exercises):
            name = exercise.files[0]
            text = (course.solution_dir(exercise) / name).read_text("utf-8")
            mistakes = sorted((course.suite_dir(exercise) / "mistakes").glob("*.py"))
            if mistakes and (index + position) % 4 == 0:
                text = mistakes[0].read_text("utf-8")
            if index % 20 == 7 and position == 0:
                text += LOOP.format(name=exercise.modules[0].replace("-", "_"))
            (folder / name).write_text(text, encoding="utf-8")
    return submissions


def floor_folder(folder: Path, exercises: list[Exercise], target: Path) -> None:
    """The same hidden suites, importing this learner's files in-process, one folder per exercise."""
    course = load_course(ROOT)
    for exercise in exercises:
        here = target / exercise.id
        shutil.copytree(
            course.suite_dir(exercise), here, ignore=shutil.ignore_patterns("mistakes", "__pycache__")
        )
        (here / "learner").mkdir()
        shutil.copyfile(folder / exercise.files[0], here / "learner" / exercise.files[0])
        conftest = FLOOR_CONFTEST.format(
            main=exercise.files[0], seconds=exercise.call_timeout, module=exercise.modules[0]
        )
        (here / "conftest.py").write_text(conftest, encoding="utf-8")


def time_bare(submissions: Path, exercises: list[Exercise], jobs: int) -> float:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(ROOT))

    def one(folder: Path) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            floor_folder(folder, exercises, Path(tmp))
            (Path(tmp) / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
            command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", tmp]
            subprocess.run(command, cwd=tmp, capture_output=True, timeout=600, env=env)

    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, sorted(submissions.iterdir())))
    return time.perf_counter() - started


def time_grader(submissions: Path, out: Path, exercises: list[Exercise], jobs: int) -> tuple[float, float]:
    """Seconds taken, and the peak memory (MB) of the largest process in the grader's tree."""
    command = [
        sys.executable,
        "-m",
        "grader",
        "grade",
        str(submissions),
        "--out",
        str(out),
        "--course",
        str(ROOT),
    ]
    command += ["--jobs", str(jobs)] + [arg for e in exercises for arg in ("--exercise", e.id)]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            output.seek(0)
            sys.exit(f"grader grade failed:\n{output.read().decode('utf-8', 'replace')}")
    process.returncode = 0
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--exercises", type=int, default=5)
    options = parser.parse_args()
    exercises = pick_exercises(options.exercises)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        root = Path(tmp)
        submissions = build_class(root, exercises, options.learners)
        figures: dict[tuple[str, int], float] = {}
        peaks: dict[int, float] = {}
        for jobs in (1, 2):
            figures[("bare", jobs)] = time_bare(submissions, exercises, jobs)
            figures[("grader", jobs)], peaks[jobs] = time_grader(
                submissions, root / f"out{jobs}", exercises, jobs
            )
    print(f"{options.learners} learners x {len(exercises)} exercises: {', '.join(e.id for e in exercises)}")
    for jobs in (1, 2):
        bare, grader = figures[("bare", jobs)], figures[("grader", jobs)]
        print(f"jobs {jobs}: bare pytest {bare:.1f} s, grader grade {grader:.1f} s ({grader / bare:.2f}x)")
    print(f"grader peak memory (largest process of its tree): {max(peaks.values()):.0f} MB")
    print(f"ratio: {figures[('grader', 1)] / figures[('bare', 1)]:.2f}x")


if __name__ == "__main__":
    main()
