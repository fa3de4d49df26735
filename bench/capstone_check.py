"""Time the capstone's ``grader check`` on its reference: the whole check and a milestone check.

The course is copied with the reference's graded files (``taskapi``, the
Dockerfile) as the learner's code, and
``grader check task-api`` and ``grader check task-api --milestone M`` run in
turn (after one untimed warm-up of each, which also fills the suite-id cache), as a
learner would type them. Each run is printed with the load average. The last
line is the headline: ``ratio: N.NNx``, the worse of the two medians over its
target (10 s for the whole check, 3 s for a milestone; issue 27), so 1.00x
or less meets both.

    python bench/capstone_check.py [--runs 5] [--milestone 3] [--course DIR] [--warm-ups 1]
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

from grader.course.manifest import Course, Exercise, load_course  # noqa: E402

WHOLE_TARGET = 10.0  # seconds for the whole capstone check
MILESTONE_TARGET = 3.0  # seconds for a milestone check


def copy_course(course: Course, exercise: Exercise, target: Path) -> Course:
    """Copy what grading needs, with the project's reference code as the learner's."""
    for top in sorted({Path(e.path).parts[0] for e in course.exercises} | {"exercises"}):
        shutil.copytree(course.root / top, target / top, ignore=shutil.ignore_patterns(".grader"))
    shutil.copytree(course.root / course.suites, target / course.suites)
    project, reference = target / exercise.path, course.solution_dir(exercise)
    shutil.rmtree(project / "taskapi")
    for pattern in exercise.graded_patterns:
        for path in reference.glob(pattern):
            if path.is_file() and "__pycache__" not in path.parts:
                (project / path.relative_to(reference)).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, project / path.relative_to(reference))
    return load_course(target)


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=600)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        shown = " ".join(command[2:])
        sys.exit(f"{shown} did not pass (exit {done.returncode}): {done.stdout.decode()[-800:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--milestone", type=int, default=3, help="the milestone check timed (3: the first)")
    parser.add_argument("--course", type=Path, default=REPO)
    parser.add_argument("--warm-ups", type=int, default=1, help="untimed runs of each check first (CI: 0)")
    options = parser.parse_args()
    source = load_course(options.course.resolve())
    exercise = next(e for e in source.exercises if e.kind == "project")
    with tempfile.TemporaryDirectory(prefix="bench-capstone-") as tmp:
        course = copy_course(source, exercise, Path(tmp) / "course")
        env = dict(os.environ, NO_COLOR="1")
        grader = shutil.which("grader", path=str(Path(sys.executable).parent)) or "grader"
        whole = [grader, "check", "--course", str(course.root), exercise.id]
        milestone = [*whole, "--milestone", str(options.milestone)]
        for _ in range(options.warm_ups):  # caches, and the files the system keeps in memory
            timed(whole, course.root, env)
            timed(milestone, course.root, env)
        whole_times, milestone_times = [], []
        for run in range(1, options.runs + 1):
            whole_times.append(timed(whole, course.root, env))
            milestone_times.append(timed(milestone, course.root, env))
            print(
                f"run {run}: whole check {whole_times[-1]:.2f} s, milestone {options.milestone} "
                f"{milestone_times[-1]:.2f} s (load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
    whole_median, milestone_median = statistics.median(whole_times), statistics.median(milestone_times)
    print(f"whole check: median {whole_median:.2f} s, target {WHOLE_TARGET:.0f} s")
    name = f"milestone {options.milestone} check"
    print(f"{name}: median {milestone_median:.2f} s, target {MILESTONE_TARGET:.0f} s")
    print(f"ratio: {max(whole_median / WHOLE_TARGET, milestone_median / MILESTONE_TARGET):.2f}x")


if __name__ == "__main__":
    main()
