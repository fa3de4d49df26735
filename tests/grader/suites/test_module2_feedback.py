"""Golden feedback for module 2: one known mistake per exercise, graded, and the lines a learner reads.

Each case grades a file from the suite's mistakes/ folder (on a copy of the
reference solution, as `grader validate` does) and checks the exact message
and hint of the test that explains the mistake, so a vague or misleading
message fails here. The course is only read; grading writes under tmp_path.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from grader.feedback.model import Feedback
from grader.pipeline.grading import grade
from tests.helpers import by_name

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(ROOT)


def grade_mistake(course: Course, exercise_id: str, mistake: str, tmp_path: Path) -> Feedback:
    exercise = course.find(exercise_id)
    staged = tmp_path / "code"
    shutil.copytree(course.solution_dir(exercise), staged, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(course.suite_dir(exercise) / "mistakes" / f"{mistake}.py", staged / exercise.files[0])
    return grade(course, exercise, staged)


CASES = [
    pytest.param(
        "format-price",
        "prints_instead_of_returning",
        "test_euros_and_cents",
        "Called format_price(1234); it printed the right answer but returned None: "
        "you printed the result instead of returning it.",
        "print() shows a value on the screen; return hands it back to the code that called your "
        "function. Replace print(...) with return ...",
        id="format-price",
    ),
    pytest.param(
        "discounted-cart",
        "changes_the_callers_items",
        "test_the_callers_cart_is_unchanged",
        "Called discounted([{'name': 'apple', 'price': 50, 'quantity': 3}, {'name': 'bread', 'price': 225, "
        "'quantity': 1}], 25); argument 1 was changed from [{'name': 'apple', 'price': 50, 'quantity': 3}, "
        "{'name': 'bread', 'price': 225, 'quantity': 1}] to [{'name': 'apple', 'price': 37, 'quantity': 3}, "
        "{'name': 'bread', 'price': 168, 'quantity': 1}].",
        "list(cart) copies the list, not the dicts inside it. Build a new dict per item: "
        "{**item, 'price': new_price}.",
        id="discounted-cart",
    ),
    pytest.param(
        "post-tags",
        "copies_after_appending",
        "test_posts_without_tags_do_not_share_them",
        "Called add_tag('news'); got ['python', 'news'], expected ['news'].",
        "A default list is created once and shared by every call. Use tags=None and make a new list "
        "inside the function on each call.",
        id="post-tags",
    ),
    pytest.param(
        "paginate",
        "page_and_per_page_positional",
        "test_page_and_per_page_are_keyword_only",
        "Called paginate([1, 2, 3], 2); expected TypeError, it returned {'items': [], 'page': 2, "
        "'per_page': 10, 'total': 3, 'pages': 1}.",
        "Keep the * in def paginate(items, *, page=1, per_page=10): it makes page and per_page keyword-only.",
        id="paginate",
    ),
    pytest.param(
        "build-url",
        "python_style_booleans",
        "test_booleans_are_lower_case",
        "Called build_url('https://api.example.com', done=False, urgent=True); got "
        "'https://api.example.com?done=False&urgent=True', expected "
        "'https://api.example.com?done=false&urgent=true'.",
        "str(True) is 'True'; APIs expect 'true'. Check isinstance(value, bool) first.",
        id="build-url",
    ),
    pytest.param(
        "sort-records",
        "reverses_the_list_for_descending",
        "test_one_field_descending",
        "Called sort_records([{'name': 'Cleo', 'age': 30, 'team': 'api'}, {'name': 'Ada', 'age': 36, "
        "'team': 'web'}, {'name': 'Bo', 'age': 30, 'team': 'web'}, {'name': 'Dan', 'age': 25, "
        "'team': 'api'}], '-age'); got a list of 4 items, expected 4 items; the first difference: "
        "item [1]['name'] is 'Bo', expected 'Cleo'.",
        "For '-', sort with reverse=True: reversing the sorted list afterwards also flips the ties.",
        id="sort-records",
    ),
    pytest.param(
        "test-split-bill",
        "only_even_splits",
        "test_your_tests_catch_a_planted_bug[left_over_cents_to_the_last_people]",
        "Your tests all pass on a version with a bug: it gives the left-over cents to the last people "
        "instead of the first. Add a test that this version would fail.",
        "Test a split with left-over cents and check every share: split_bill(1001, 3) is exactly "
        "[334, 334, 333].",
        id="test-split-bill",
    ),
    pytest.param(
        "request-log",
        "loses_the_line_number",
        "test_report_names_the_bad_line",
        "Called report('# morning\\nGET /tasks 200 35ms\\n\\nFETCH /tasks 200 5ms'); it raised "
        'ValueError("unknown method \'FETCH\'"), but the message should mention "line 4: unknown method '
        "'FETCH'\".",
        "Start the message with the number of the bad line, counting every line of the file, blank ones too: "
        "catch the ValueError from parse_line and raise ValueError(f'line {number}: {error}') from it.",
        id="request-log",
    ),
    pytest.param(
        "checkout-receipt",
        "free_shipping_before_discount",
        "test_discount_can_bring_shipping_back",
        "Called receipt('chair,1,5500\\ncoupon,SAVE10'); got a str of 90 characters, expected 90 "
        "characters; the first difference: line 4 is 'shipping 0.00', expected 'shipping 4.99'.",
        "A refactor keeps every output exactly as it was: run the starter and your version side by side.",
        id="checkout-receipt",
    ),
]


@pytest.mark.parametrize(("exercise_id", "mistake", "test_name", "message", "hint"), CASES)
def test_a_known_mistake_gets_its_explanation(
    course: Course, tmp_path: Path, exercise_id: str, mistake: str, test_name: str, message: str, hint: str
) -> None:
    feedback = grade_mistake(course, exercise_id, mistake, tmp_path)
    assert feedback.status == "failed"
    test = by_name(feedback)[test_name]
    assert test.status == "failed"
    assert test.message == message
    # The hint comes with its evidence (a known mistake it matches), said on the run's first failure.
    assert any(hint in shown.hint for shown in feedback.tests)


def test_a_refactor_that_only_renames_is_told_the_structure_did_not_improve(
    course: Course, tmp_path: Path
) -> None:
    feedback = grade_mistake(course, "checkout-receipt", "only_renames_variables", tmp_path)
    tests = by_name(feedback)
    behaviour = [t for t in feedback.tests if not t.name.startswith("structure_")]
    assert all(t.status == "passed" for t in behaviour)
    assert feedback.status == "failed"
    nesting = tests["structure_deepest_nesting"]
    assert nesting.description == "Structure: at most 3 levels of nesting."
    assert nesting.message.startswith("Your code has 6 levels of nesting (the starter: 6)")
    assert nesting.message.endswith("the target is at most 3. No better than the starter yet.")
    copies = tests["structure_repeated_blocks"]
    assert copies.description == "Structure: no repeated blocks."
    assert copies.hint.startswith("When two blocks differ only in a value, write one helper function")
    assert {m.name: m.met for m in feedback.metrics if m.target is not None} == {
        "longest_function": False,
        "deepest_nesting": False,
        "branches_per_function": False,
        "repeated_blocks": False,
        "magic_numbers": False,
    }


def test_a_refactor_that_reorders_the_coupon_checks_is_shown_the_smallest_order_that_differs(
    course: Course, tmp_path: Path
) -> None:
    feedback = grade_mistake(course, "checkout-receipt", "checks_the_code_before_the_second_coupon", tmp_path)
    failing = [t.name for t in feedback.tests if t.status != "passed" and not t.name.startswith("structure_")]
    assert failing == ["test_any_order_gives_what_the_starter_gives"]  # no hand-written case has two coupons
    assert by_name(feedback)[failing[0]].message == (
        "Called receipt('coupon,SAVE10\\napple,1,0\\ncoupon'); your code raised "
        "ValueError('line 3: expected coupon,CODE'), but the starter raises "
        "ValueError('line 3: only one coupon per order')."
    )
    assert feedback.score < feedback.max_score


def test_the_untouched_refactor_starter_is_not_started(course: Course) -> None:
    exercise = course.find("checkout-receipt")
    feedback = grade(course, exercise, course.exercise_dir(exercise))
    assert feedback.status == "not_started"
    assert feedback.score == 0.0
    assert not any(t.name.startswith("structure_") for t in feedback.tests)
    nesting = next(m for m in feedback.metrics if m.name == "deepest_nesting")
    assert (nesting.before, nesting.value, nesting.target, nesting.met) == (6, 6, 3, False)
