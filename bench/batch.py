"""Time `grader grade` on a synthetic class against bare pytest, one process per learner.

The class takes the course's first implement exercises (default 5). Most
learners submit the reference solutions, some a known-wrong variant, and one
in every 20 an infinite loop in one function. The floor runs, for each
learner, one `python -m pytest` over plain tests that call that learner's
functions in-process with the same per-call time limit (SIGALRM). Both are
timed serially and with --jobs 2; the last line is the worse of the two
ratios (grader / bare pytest at the same --jobs; target 1.0x, issue 27).

    python bench/batch.py [--learners 40] [--exercises 5]

With --grader-only it times only `grader grade --jobs 2` on a class of which
a share (--broken 0.1) is pathological (memory and fork bombs, huge output,
exit at import, corrupt archives) and prints the grader's peak memory:

    python bench/batch.py --grader-only --learners 200 --exercises 1 --broken 0.1
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

from grader.course.manifest import Exercise, load_course  # noqa: E402

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


PATHOLOGICAL = (
    "def {name}(*args, **kwargs):\n    return bytearray(8 * 1024 ** 3)\n",
    "import os, time\nfor _ in range(500):\n    try:\n"
    "        os.fork() or (os.setsid(), time.sleep(60))\n    except OSError:\n        break\n",
    "def {name}(*args, **kwargs):\n    print('x' * 50_000_000)\n",
    "import os\nos._exit(0)\n",
)


def break_some(submissions: Path, exercises: list[Exercise], share: float) -> int:
    """Replace a share of the learners with pathological submissions (one kind each, in turn)."""
    folders = sorted(submissions.iterdir())
    broken = folders[:: max(1, round(1 / share))] if share else []
    for index, folder in enumerate(broken):
        kind = index % (len(PATHOLOGICAL) + 1)
        if kind == len(PATHOLOGICAL):
            shutil.rmtree(folder)
            folder.with_suffix(".zip").write_bytes(b"PK\x03\x04 corrupt")
            continue
        for exercise in exercises:
            text = PATHOLOGICAL[kind].format(name=exercise.modules[0])
            (folder / exercise.files[0]).write_text(text, encoding="utf-8")
    return len(broken)


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
    parser.add_argument("--broken", type=float, default=0.0, help="share of pathological submissions")
    parser.add_argument("--grader-only", action="store_true", help="time only grader grade --jobs 2")
    options = parser.parse_args()
    if options.grader_only:
        grader_only(options.learners, options.exercises, options.broken)
        return
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
    worst = max(figures[("grader", jobs)] / figures[("bare", jobs)] for jobs in (1, 2))
    print(f"ratio: {worst:.2f}x")


def grader_only(learners: int, count: int, broken: float) -> None:
    """A large class, some of it pathological: does it complete, how fast, in how much memory."""
    exercises = pick_exercises(count)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        submissions = build_class(Path(tmp), exercises, learners)
        bad = break_some(submissions, exercises, broken)
        seconds, peak = time_grader(submissions, Path(tmp) / "out", exercises, 2)
        graded = len((Path(tmp) / "out" / "gradebook.csv").read_text("utf-8").splitlines()) - 1
    print(f"{learners} learners ({bad} pathological) x {len(exercises)} exercises, --jobs 2: {seconds:.1f} s")
    print(f"learners in the gradebook: {graded}; grader peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
