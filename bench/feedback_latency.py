"""Time how long a learner waits for useful feedback when their code does not finish.

Each case grades a known-wrong variant from a hidden suite's ``mistakes/``
folder (endless loops, slow code, recursion too deep) across modules 1-5,
staged over the reference solution as `grader validate` stages it. The time is
the wall time from the start of the check to its feedback (a check shows
nothing useful before it ends). Each case prints its time and the first line
of the first failure, so a fast but wrong message is seen too. The last line is
the worst case against the 5 s goal: ``ratio: N.NNx``.

    python bench/feedback_latency.py [--runs 1] [--course DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grader.course.manifest import Course, load_course  # noqa: E402
from grader.feedback.model import Feedback  # noqa: E402
from grader.pipeline.grading import grade  # noqa: E402

GOAL_SECONDS = 5.0
# (exercise id, variant in the suite's mistakes/ folder, what the variant does)
CASES = (
    ("fizzbuzz", "while_never_counts_up.py", "endless"),
    ("paginate", "counts_pages_forever.py", "endless"),
    ("index-by-id", "searches_a_list.py", "slow"),
    ("comment-thread", "walks_up_recursively.py", "too deep"),
    ("task-order", "recursion_without_cycle_check.py", "too deep"),
    ("binary-search", "never_moves_past_the_middle.py", "endless"),
    ("test-paginator", "walks_pages_forever.py", "endless"),
)


def grade_variant(course: Course, exercise_id: str, variant_name: str) -> tuple[float, Feedback]:
    """Grade one variant over the reference solution; return the wall time and the feedback."""
    exercise = course.find(exercise_id)
    variant = course.suite_dir(exercise) / "mistakes" / variant_name
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as tmp:
        staged = Path(tmp) / "code"
        shutil.copytree(course.solution_dir(exercise), staged, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copyfile(variant, staged / exercise.files[0])
        started = time.monotonic()
        feedback = grade(course, exercise, staged)
        return time.monotonic() - started, feedback


def first_message(feedback: Feedback) -> str:
    """The first line a learner reads about what went wrong."""
    for test in feedback.tests:
        if test.status != "passed":
            return f"[{test.diagnosis or test.status}] {test.message.splitlines()[0] if test.message else ''}"
    return f"[{feedback.status}] {feedback.error or 'no failure'}".splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="grade each case this many times")
    parser.add_argument("--course", type=Path, default=REPO)
    options = parser.parse_args()
    course = load_course(options.course)
    times = []
    for exercise_id, variant, expected in CASES:
        for _ in range(options.runs):
            seconds, feedback = grade_variant(course, exercise_id, variant)
            times.append(seconds)
            message = first_message(feedback)
            print(f"{seconds:6.2f} s  {exercise_id}/{variant} ({expected}): {message[:110]}", flush=True)
    print(f"median: {statistics.median(times):.2f} s")
    print(f"worst: {max(times):.2f} s")
    print(f"ratio: {max(times) / GOAL_SECONDS:.2f}x")


if __name__ == "__main__":
    main()
