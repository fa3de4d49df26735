"""Golden feedback for module 3: grading a known mistake must say precisely what went wrong.

Each case grades one file against the real course (a mistake from the
exercise's ``mistakes/`` folder, or a short learner file written here) and
checks the key lines of the failing test's message and hint, so a vague or
misleading message fails a test. Whole messages are not compared: the call
text around them may gain detail (such as the calls made before) without
changing what the learner is told.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from grader.pipeline.grading import grade
from tests.helpers import by_name

ROOT = Path(__file__).resolve().parents[3]
SUITES = ROOT / "grader" / "suites" / "03_data_structures"

# A learner whose __init__ needs an argument the exercise says is optional.
INIT_NEEDS_STOCK = """\
class Inventory:
    def __init__(self, stock):
        self._counts = dict(stock)

    def add(self, item, quantity):
        self._counts[item] = self._counts.get(item, 0) + quantity

    def remove(self, item, quantity):
        self._counts[item] -= quantity

    def count(self, item):
        return self._counts.get(item, 0)

    def items(self):
        return dict(self._counts)

    def total(self):
        return sum(self._counts.values())
"""


@dataclass(frozen=True)
class Case:
    exercise: str
    source: str  # a mistake's path under SUITES, or the learner's file text
    test: str
    message: tuple[str, ...]
    hint: str = ""  # asserted for plain wrong results only: exceptions may get no marker hint
    status: str = "failed"


CASES = {
    "duplicate-id-overwritten": Case(
        "index-by-id",
        "01_index_by_id/mistakes/keeps_the_last_duplicate.py",
        "test_repeated_id_is_refused",
        ("Called index_by_id([{'id': 1,", "returned {1: {", "ValueError"),
        "check whether its id is already a key",
    ),
    "crossed-brackets-counted": Case(
        "balanced-brackets",
        "02_balanced_brackets/mistakes/counts_each_kind.py",
        "test_crossed_brackets_are_not_balanced",
        ("Called is_balanced('([)]'); got True, expected False",),
        "Counting brackets is not enough",
    ),
    "tail-of-zero": Case(
        "job-queue",
        "03_job_queue/mistakes/slices_with_minus_n.py",
        "test_tail_of_zero_lines",
        (
            "Called tail(['boot', 'ok', 'warn', 'ok', 'fail'], 0); "
            "got ['boot', 'ok', 'warn', 'ok', 'fail'], expected []",
        ),
        "lines[-0:] is the whole list",
    ),
    "remove-without-stock-check": Case(
        "inventory",
        "04_inventory/mistakes/no_stock_check.py",
        "test_cannot_remove_more_than_in_stock",
        ("remove('apple', 5)", "returned None", "ValueError"),
        "before you change anything",
    ),
    "init-raises": Case(
        "inventory",
        INIT_NEEDS_STOCK,
        "test_a_new_inventory_is_empty",
        (
            "Called Inventory(); your code raised TypeError:",
            "missing 1 required positional argument: 'stock'",
        ),
    ),
    "money-not-hashable": Case(
        "money",
        "05_money/mistakes/not_frozen.py",
        "test_equal_amounts_count_once",
        ("Called count_distinct([", "your code raised TypeError: unhashable type: 'Money'"),
    ),
    "money-default-repr": Case(
        "money",
        "05_money/mistakes/plain_class_without_eq.py",
        "test_repr_shows_the_fields",
        (
            "Created Money(1250, 'EUR'); its repr is <money.Money object at",
            "expected Money(cents=1250, currency='EUR')",
        ),
    ),
    "undo-keeps-the-same-list": Case(
        "fix-undo",
        "../../../exercises/03_data_structures/06_fix_undo/document.py",
        "test_undo_removes_an_added_line",
        ("lines()", "got ['Dear team,', 'the release is late.'], expected ['Dear team,']"),
        "a copy of the lines, or the same list",
    ),
    "queue-tests-miss-lifo": Case(
        "test-bounded-queue",
        "07_test_bounded_queue/mistakes/one_item_at_a_time.py",
        "test_your_tests_catch_a_planted_bug[takes_the_newest_first]",
        (
            "Your tests all pass on a version with a bug: "
            "it returns the newest item from take() instead of the oldest",
        ),
        "Put two or three different items in",
    ),
    "path-by-recursion": Case(
        "comment-thread",
        "08_comment_thread/mistakes/walks_up_recursively.py",
        "test_a_loop_is_reported",
        ("Called path_to_root([(1, 2, 'a'), (2, 1, 'b')], 1); ", "RecursionError", "ValueError"),
    ),
    "cycle-names-bystanders": Case(
        "task-order",
        "09_task_order/mistakes/names_every_stuck_task.py",
        "test_the_cycle_is_named",
        (
            "it raised ValueError('dependency cycle: build, deploy, docs, test')",
            "but docs only waits behind the cycle and should not be named",
        ),
    ),
    "refactor-reworded-errors": Case(
        "sales-summary",
        "10_sales_summary/mistakes/rewords_error_messages.py",
        "test_bad_orders_are_refused_word_for_word[zero-quantity]",
        (
            "it raised ValueError('order 7: quantity must be at least 1'), "
            "expected ValueError('order 7: quantity must be a whole number of at least 1')",
        ),
    ),
    "refactor-only-renamed": Case(
        "sales-summary",
        "10_sales_summary/mistakes/only_renames_things.py",
        "structure_longest_function",
        (
            "Your code has 105 lines of code in the longest function (the starter: 99); "
            "the target is at most 20",
            "No better than the starter yet",
        ),
    ),
}


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(ROOT)


def learner_text(case: Case) -> str:
    if case.source.endswith(".py") and "\n" not in case.source:
        return (SUITES / case.source).read_text(encoding="utf-8")
    return case.source


@pytest.mark.parametrize("name", list(CASES))
def test_mistake_feedback_names_what_went_wrong(name: str, course: Course, tmp_path: Path) -> None:
    case = CASES[name]
    exercise = course.find(case.exercise)
    folder = tmp_path / "learner"
    shutil.copytree(course.solution_dir(exercise), folder)
    (folder / exercise.files[0]).write_text(learner_text(case), encoding="utf-8")
    feedback = grade(course, exercise, folder)
    assert feedback.status == case.status, feedback.error
    result = by_name(feedback)[case.test]
    assert result.status == "failed"
    for line in case.message:
        assert line in result.message
    assert any(case.hint in shown.hint for shown in feedback.tests)
