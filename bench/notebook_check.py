"""Time an in-notebook ``check(...)`` against ``grader check`` on the same exercise, side by side.

Both sides grade the course's first implement exercise with its reference
solution: the terminal side from the learner's file (``grader check ID``), the
notebook side from a cell run in a real Jupyter kernel (``check("ID")``, timed
from sending the cell to the kernel going idle; the kernel knows its saved
notebook, as in JupyterLab, so each check also looks there for un-run edits). Runs alternate so machine
noise hits both alike. The last line is the headline: ``ratio: N.NNx``
(notebook / terminal; target at most 1.3x). Also timed: the session's first
check, a few seconds after the setup cell ran (target at most 1.5 s).

    python bench/notebook_check.py [--runs 10] [--course DIR]
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
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from jupyter_client.manager import start_new_kernel  # noqa: E402

from grader.course.manifest import Course, Exercise, load_course  # noqa: E402
from grader.notebook.build import notebook_name, write_notebooks  # noqa: E402
from grader.notebook.kernel import FEEDBACK_MIME  # noqa: E402
from grader.notebook.markers import marker_line  # noqa: E402

THINKING_SECONDS = 3.0  # between the setup cell and the first check: a learner reads, then writes code
FIRST_TARGET = 1.5  # seconds for the first check of a session (issue 27)


def copy_course(course: Course, target: Path) -> Course:
    """Copy what grading needs, with the exercise's reference solution as the learner's file."""
    for top in sorted({Path(e.path).parts[0] for e in course.exercises} | {"exercises"}):
        shutil.copytree(course.root / top, target / top, ignore=shutil.ignore_patterns(".grader"))
    shutil.copytree(course.root / course.suites, target / course.suites)
    (target / "notebooks").mkdir()
    return load_course(target)


def solution(course: Course, exercise: Exercise) -> dict[str, str]:
    return {
        name: (course.solution_dir(exercise) / name).read_text(encoding="utf-8") for name in exercise.files
    }


def saved_notebook(course: Course, exercise: Exercise) -> Path:
    write_notebooks(course)
    index = next(i for i, m in enumerate(course.modules, start=1) if m.id == exercise.module)
    return course.root / "notebooks" / notebook_name(index, course.module(exercise.module))


def timed_terminal(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=180)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"grader check did not pass (exit {done.returncode}): {done.stdout.decode()[-500:]}")
    return elapsed


def timed_notebook(client: Any, exercise_id: str) -> float:
    statuses: list[str] = []

    def hook(message: dict[str, Any]) -> None:
        data = message.get("content", {}).get("data", {})
        if FEEDBACK_MIME in data:
            statuses.append(data[FEEDBACK_MIME]["status"])

    started = time.perf_counter()
    client.execute_interactive(f"check({exercise_id!r})", timeout=180, output_hook=hook)
    elapsed = time.perf_counter() - started
    if statuses != ["passed"]:
        sys.exit(f"the notebook check did not pass: {statuses}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--course", type=Path, default=REPO)
    options = parser.parse_args()
    source = load_course(options.course.resolve())
    exercise = next(e for e in source.exercises if e.kind == "implement")
    with tempfile.TemporaryDirectory(prefix="bench-notebook-") as tmp:
        course = copy_course(source, Path(tmp) / "course")
        files = solution(source, exercise)
        for name, text in files.items():
            (course.exercise_dir(exercise) / name).write_text(text, encoding="utf-8")
        env = dict(os.environ, NO_COLOR="1", GRADER_COURSE=str(course.root))
        grader = shutil.which("grader", path=str(Path(sys.executable).parent)) or "grader"
        terminal = [grader, "--course", str(course.root), "check", exercise.id]
        manager, client = start_new_kernel(cwd=str(course.root / "notebooks"), env=env)
        try:
            client.execute_interactive("from grader.notebook import check, hint, progress", timeout=60)
            # As in JupyterLab the kernel knows its saved notebook: each check also looks for un-run edits.
            client.execute_interactive(f"__session__ = {str(saved_notebook(course, exercise))!r}", timeout=60)
            for name, text in files.items():
                client.execute_interactive(marker_line(exercise.id, name) + "\n" + text, timeout=60)
            time.sleep(THINKING_SECONDS)  # the learner reads and writes before the first check
            first = timed_notebook(client, exercise.id)
            timed_terminal(terminal, course.root, env)  # warm-up; also fills the suite-id cache
            terminal_times, notebook_times = [], []
            for _ in range(options.runs):
                terminal_times.append(timed_terminal(terminal, course.root, env))
                notebook_times.append(timed_notebook(client, exercise.id))
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    terminal_median = statistics.median(terminal_times)
    notebook_median = statistics.median(notebook_times)
    print(f"exercise: {exercise.id}, {options.runs} runs each, alternating")
    print(
        f"grader check     : median {terminal_median * 1000:7.1f} ms  (min {min(terminal_times) * 1000:.1f})"
    )
    print(
        f"notebook check() : median {notebook_median * 1000:7.1f} ms  (min {min(notebook_times) * 1000:.1f})"
    )
    print(f"first check() of the session: {first * 1000:7.1f} ms (target <= {FIRST_TARGET * 1000:.0f} ms)")
    print(f"ratio: {notebook_median / terminal_median:.2f}x")


if __name__ == "__main__":
    main()
