"""A learner's exercises graded in one shared run: same feedback as one run each, and walled apart."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from grader.batch.job import ColdLauncher, grade_job
from grader.batch.together import grade_together
from grader.boundary.sandbox import SandboxUnavailable, open_sandbox
from grader.course.manifest import Course
from grader.feedback.model import Feedback
from grader.pipeline.suite_ids import expected_test_ids
from tests.grader.batch.helpers import CORRECT_DOUBLED, grade, gradebook_rows, needs_sandbox, write_learner
from tests.helpers import LEAP_YEAR

LOOKS_AROUND = """\
import glob, os, sys
# The worker's own code is bound into the sandbox (under /tmp when the course is): not another's files.
OWN = (os.getcwd(), os.path.dirname(os.path.abspath(sys.modules["__main__"].__file__)))
OTHERS = [p for p in glob.glob("/tmp/**/*.py", recursive=True) if not p.startswith(OWN)]
def doubled(numbers):
    return [2 * n for n in numbers] if OTHERS else None
"""


def outcome(feedback: Feedback) -> tuple[object, ...]:
    """Everything but the timings."""
    tests = tuple(replace(test, duration=0.0) for test in feedback.tests)
    return feedback.status, feedback.score, feedback.error, tests


def sandbox_or_none() -> object:
    try:
        return open_sandbox()
    except SandboxUnavailable:
        return None


def test_shared_run_gives_the_same_feedback_as_one_run_each(mini_course: Course, course_dir: Path) -> None:
    suites = course_dir / "grader/suites/01_basics"
    learners = {
        "right": {"leap_year.py": LEAP_YEAR, "doubled.py": CORRECT_DOUBLED},
        "wrong": {
            "leap_year.py": (suites / "01_leap_year/mistakes/forgets_centuries.py").read_text(),
            "doubled.py": (suites / "02_doubled/mistakes/doubles_in_place.py").read_text(),
        },
    }
    exercises = [mini_course.find("leap-year"), mini_course.find("doubled")]
    expected = {e.id: expected_test_ids(mini_course, e, None) for e in exercises}
    sandbox = sandbox_or_none()
    for learner, files in learners.items():
        folder = write_learner(course_dir.parent / "subs", learner, files)
        work = [(exercise, folder) for exercise in exercises]
        shared = grade_together(mini_course, work, learner, expected, sandbox, ColdLauncher())  # type: ignore[arg-type]
        alone = [
            grade_job(mini_course, e, folder, learner, expected[e.id], sandbox, ColdLauncher())  # type: ignore[arg-type]
            for e in exercises
        ]
        assert shared is not None
        assert [outcome(f) for f in shared] == [outcome(f) for f in alone]


def test_exercises_sharing_a_run_cannot_reach_or_break_each_other(course_dir: Path, tmp_path: Path) -> None:
    needs_sandbox()
    subs = tmp_path / "subs"
    write_learner(subs, "breaks", {"leap_year.py": "import os\nos._exit(0)\n", "doubled.py": LOOKS_AROUND})
    stack = (course_dir / "solutions/02_objects/01_stack/stack.py").read_text()
    write_learner(subs, "fine", {"leap_year.py": LEAP_YEAR, "doubled.py": CORRECT_DOUBLED, "stack.py": stack})
    result = grade(course_dir, subs, tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    rows = gradebook_rows(tmp_path / "out")
    assert (rows["breaks"]["leap-year"], rows["breaks"]["doubled"]) == ("0", "0")
    assert (rows["fine"]["leap-year"], rows["fine"]["doubled"], rows["fine"]["stack"]) == ("10", "4", "6")
