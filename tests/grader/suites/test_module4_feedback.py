"""Golden feedback for module 4: one known mistake per exercise, graded for real.

Each case grades a file from the exercise's ``mistakes/`` folder through the
whole pipeline (worker, step counting, feedback) and checks which tests fail
and the exact message and hint a learner sees for the first of them. Step
counts are counts, not timings, so the growth messages are exact too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from grader.pipeline.grading import grade

ROOT = Path(__file__).resolve().parents[3]
SUITES = ROOT / "grader" / "suites" / "04_algorithms"
SQUARE = (
    "the work grows with the square of the input (or faster). Look for a loop inside a loop, or "
    "`in`, `.remove()`, `.count()`, slicing or `+` on a list inside a loop: a set or a dict finds "
    "an item in one step."
)

# exercise id, mistake, failing tests (the first one's feedback is checked), message, hint
CASES = [
    (
        "binary-search",
        "linear_scan",
        ["test_steps_grow_slowly"],
        "Your function find_first() did about 2,000 steps for 1,000 items and about 16,000 for 8,000: "
        "8 times the items took 8.0 times the work, so the work grows in step with the input: it looks "
        "at every item. Binary search halves the part of the list still to search at every step, so 8 "
        "times the items need only about 3 more steps.",
        "Halve the range at every step: look at the middle item and keep only the half that can hold it.",
    ),
    (
        "two-sum",
        "nested_loops",
        ["test_work_grows_in_step_with_the_list"],
        "Your function two_sum() did about 15,000 steps for 100 items "
        f"and more than 720,000 for 800: {SQUARE}",
        "Keep a dict from each number to its position. For each new number, ask the dict whether "
        "target - number was seen: that is one step, not a loop.",
    ),
    (
        "anagram-groups",
        "keys_in_a_list",
        ["test_work_grows_in_step_with_the_words"],
        "Your function group_anagrams() did about 5,600 steps for 100 items "
        f"and more than 270,000 for 800: {SQUARE}",
        "Do not compare a word with every group. Compute its key once and look the group up in a dict: "
        "groups.setdefault(key, []).append(word).",
    ),
    (
        "most-frequent",
        "count_for_every_item",
        ["test_work_grows_in_step_with_the_list"],
        "Your function most_frequent() did about 10,000 steps for 100 items "
        f"and more than 490,000 for 800: {SQUARE}",
        "Count everything in one pass with a dict (or collections.Counter), then pick the largest count. "
        "items.count(x) inside a loop reads the whole list once per item.",
    ),
    (
        "sort-orders",
        "reverses_the_result",
        ["test_ties_keep_input_order", "test_readme_example", "test_large_input"],
        "Called sort_orders([{'id': 5, 'customer': 'Kim', 'total': 7}, {'id': 3, 'customer': 'kim', "
        "'total': 7}, {'id': 9, 'customer': 'KIM', 'total': 7}]); got a list of 3 items, expected 3 items; "
        "the first difference: item [0]['id'] is 9, expected 5.",
        "Ties must keep their input order: use reverse=True rather than reversing the whole result.",
    ),
    (
        "merge-sorted",
        "min_of_everything_left",
        ["test_work_grows_in_step_with_the_items"],
        "Your function merge_sorted() did about 5,600 steps for 100 items "
        f"and more than 270,000 for 800: {SQUARE}",
        "Do not search the result for each new item's place. Put each stream's next item in a heap "
        "(heapq.heappush) and take the smallest with heapq.heappop.",
    ),
    (
        "k-largest",
        "isinstance_lets_bool_in",
        ["test_k_of_the_wrong_type_is_refused"],
        "Called k_largest([3, 1], True); expected TypeError, it returned [3].",
        "Check type(k) is int: isinstance(True, int) is True, so a bool needs the exact check.",
    ),
    (
        "first-repeat",
        "seen_in_a_list",
        ["test_work_grows_in_step_with_the_list"],
        "Your function first_repeat() did about 5,300 steps for 100 items "
        f"and more than 250,000 for 800: {SQUARE}",
        "Keep what you have seen in a set: `item in seen` is then one step. On a list, "
        "`in` reads the list from the start each time.",
    ),
]


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(ROOT)


@pytest.mark.parametrize(
    ("exercise_id", "mistake", "failing", "message", "hint"), CASES, ids=[c[0] for c in CASES]
)
def test_mistake_feedback(
    course: Course,
    tmp_path: Path,
    exercise_id: str,
    mistake: str,
    failing: list[str],
    message: str,
    hint: str,
) -> None:
    exercise = course.find(exercise_id)
    source = next(SUITES.glob(f"*/mistakes/{mistake}.py"))
    folder = tmp_path / "learner"
    folder.mkdir()
    (folder / exercise.files[0]).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    feedback = grade(course, exercise, source=folder)
    failed = {test.name: test for test in feedback.tests if test.status != "passed"}
    assert sorted(failed) == sorted(failing)
    first = failed[failing[0]]
    assert (first.status, first.message) == ("failed", message)
    # The hint comes with its evidence (a known mistake it matches), said on the run's first failure.
    assert any(hint in shown.hint for shown in feedback.tests)
