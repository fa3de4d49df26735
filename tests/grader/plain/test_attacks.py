"""The runner's attacks, replayed against a plain suite (``from running_totals import ...``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from tests.grader.batch.helpers import grade as grade_batch
from tests.grader.batch.helpers import gradebook_rows, needs_sandbox, write_learner
from tests.helpers import FIXTURES, by_name, copy_course, grade_text

CORRECT = "def running_totals(numbers):\n    total, out = 0, []\n    for n in numbers:\n" + (
    "        total += n\n        out.append(total)\n    return out\n"
)
ALWAYS_EQUAL = """\
class Yes(list):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
def running_totals(numbers):
    return Yes()
"""
WALKS_FRAMES = """\
import sys
def running_totals(numbers):
    frame, seen = sys._getframe(), []
    while frame is not None:
        seen.append(frame.f_code.co_filename)
        for value in frame.f_locals.values():
            if isinstance(value, list) and value and value != numbers:
                return value
        frame = frame.f_back
    return None
"""
PATCHES_PYTEST = """\
import builtins, glob, sys
for site in glob.glob(sys.prefix + "/lib/python3*/site-packages"):
    sys.path.append(site)
import _pytest.outcomes, pytest
pytest.fail = _pytest.outcomes.fail = lambda *args, **kwargs: None
def running_totals(numbers):
    builtins.AssertionError = type("NotAnAssertion", (Exception,), {})
    return None
"""
READS_TEST_FILE = """\
import ast, glob, tempfile
def answers():
    found = {}
    for path in glob.glob(tempfile.gettempdir() + "/grader-run-*/suite/test_running_totals.py"):
        try:
            tree = ast.parse(open(path).read())
        except (OSError, SyntaxError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and isinstance(node.left, ast.Call) and node.left.args:
                try:
                    found[repr(ast.literal_eval(node.left.args[0]))] = ast.literal_eval(node.comparators[0])
                except ValueError:
                    pass
    return found
def running_totals(numbers):
    return answers().get(repr(numbers))
"""


@pytest.fixture(scope="module")
def plain_course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return load_course(copy_course(tmp_path_factory.mktemp("plain") / "course", FIXTURES / "plain_course"))


def test_object_equal_to_everything_stays_a_handle(plain_course: Course) -> None:
    feedback = grade_text(plain_course, "running-totals", ALWAYS_EQUAL)
    assert feedback.score == 0
    message = by_name(feedback)["test_totals_of_a_short_list"].message
    assert (
        message == "Called running_totals([1, 2, 3]); got <Yes object from your code: []> (a Yes), "
        "expected [1, 3, 6] (a list)."
    )


def test_frame_introspection_finds_only_the_workers_frames(plain_course: Course) -> None:
    feedback = grade_text(plain_course, "running-totals", WALKS_FRAMES)
    assert feedback.score == 0
    assert by_name(feedback)["test_empty_list"].status == "failed"


def test_patching_pytest_in_the_worker_has_no_effect(plain_course: Course) -> None:
    feedback = grade_text(plain_course, "running-totals", PATCHES_PYTEST)
    assert feedback.score == 0
    message = by_name(feedback)["test_single_number"].message
    assert message == "Called running_totals([5]); got None, expected [5]."


def test_attacks_on_a_plain_suite_get_honest_scores_in_the_sandbox(tmp_path: Path) -> None:
    needs_sandbox()
    course = copy_course(tmp_path / "course", FIXTURES / "plain_course")
    submissions = tmp_path / "submissions"
    cases = {
        "honest": CORRECT,
        "always-equal": ALWAYS_EQUAL,
        "walks-frames": WALKS_FRAMES,
        "patches-pytest": PATCHES_PYTEST,
        "reads-test-file": READS_TEST_FILE,
    }
    for learner, source in cases.items():
        write_learner(submissions, learner, {"running_totals.py": source})
    result = grade_batch(course, submissions, tmp_path / "out", "--exercise", "running-totals", "--jobs", "2")
    assert result.exit_code == 0, result.output
    rows = gradebook_rows(tmp_path / "out")
    assert {learner: rows[learner]["running-totals"] for learner in cases} == {
        "honest": "10",
        "always-equal": "0",
        "walks-frames": "0",
        "patches-pytest": "0",
        "reads-test-file": "0",
    }
