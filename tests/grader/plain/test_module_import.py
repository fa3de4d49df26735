"""The learner's module as a plain suite imports it: values, classes, handles, and fixtures' calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from grader.pipeline.grading import grade
from tests.helpers import FIXTURES, by_name, copy_course, grade_text

SHOP = (FIXTURES / "plain_features_course/solutions/01_shop/01_cart/shop.py").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return load_course(
        copy_course(tmp_path_factory.mktemp("plain") / "course", FIXTURES / "plain_features_course")
    )


def test_constants_classes_and_module_objects_work_on_the_reference(course: Course) -> None:
    cart = course.find("cart")
    feedback = grade(course, cart, course.solution_dir(cart))
    assert {t.name: t.status for t in feedback.tests} == {
        "test_constants_keep_their_types": "passed",
        "test_a_fixture_cart_adds_up": "passed",
        "test_the_class_makes_carts": "passed",
        "test_the_module_sample_is_a_cart": "passed",
        "test_tax_is_added": "passed",
        "test_a_full_cart_refuses_more": "passed",
    }


def test_a_wrong_constant_is_retold_as_a_read(course: Course) -> None:
    test = by_name(grade_text(course, "cart", SHOP.replace("TAX_RATE = 0.25", "TAX_RATE = 0.2")))
    message = test["test_constants_keep_their_types"].message
    assert message == "Read shop.TAX_RATE from your code; got 0.2, expected 0.25."


def test_a_constant_of_the_wrong_type_keeps_its_type(course: Course) -> None:
    source = SHOP.replace('SIZES = ("S", "M", "L")', 'SIZES = ["S", "M", "L"]')
    test = by_name(grade_text(course, "cart", source))["test_constants_keep_their_types"]
    assert test.status == "failed"
    assert test.diagnosis == "wrong_value"  # type(SIZES) is tuple: a bare check on the read value


def test_a_none_constant_gets_no_hint_about_returning(course: Course) -> None:
    test = by_name(grade_text(course, "cart", SHOP.replace("TAX_RATE = 0.25", "TAX_RATE = None")))
    found = test["test_constants_keep_their_types"]
    assert found.diagnosis == "wrong_value" and "return" not in found.message + found.hint


def test_a_missing_constant_is_named(course: Course) -> None:
    feedback = grade_text(
        course, "cart", SHOP.replace("LIMIT = 3\n", "LIMIT_ = 3\n").replace(">= LIMIT", ">= LIMIT_")
    )
    found = by_name(feedback)["test_constants_keep_their_types"]
    assert found.status == "failed" and found.diagnosis == "error"
    assert found.message.startswith("Your file shop.py has no function, class or value called LIMIT:")


def test_a_module_level_object_is_a_handle_named_by_its_place(course: Course) -> None:
    source = SHOP.replace('SAMPLE = Cart.of("apple")', 'SAMPLE = Cart.of("pear")')
    test = by_name(grade_text(course, "cart", source))["test_the_module_sample_is_a_cart"]
    assert test.message == "Called shop.SAMPLE.total(); got 3, expected 2."


def test_a_value_too_deep_to_cross_is_refused_naming_it(tmp_path: Path) -> None:
    course = load_course(copy_course(tmp_path / "course", FIXTURES / "plain_features_course"))
    suite = course.suite_dir(course.find("cart")) / "test_shop.py"
    suite.write_text(suite.read_text() + "\n\ndef test_deep():\n    assert shop.DEEP == []\n")
    source = SHOP.replace("LIMIT = 3\n", "LIMIT = 3\nDEEP = []\nfor _ in range(60):\n    DEEP = [DEEP]\n")
    feedback = grade_text(course, "cart", source)
    test = by_name(feedback)["test_deep"]
    assert test.status == "failed" and test.diagnosis == "error"
    assert test.message.startswith("The test reads DEEP from your shop.py, but that value cannot be sent")
    assert feedback.score == 8.6  # the other tests are untouched


def test_calls_in_a_fixture_are_retold(course: Course) -> None:
    source = SHOP.replace("return sum(PRICES[name] for name in self.items)", "return len(self.items)")
    test = by_name(grade_text(course, "cart", source))["test_a_fixture_cart_adds_up"]
    assert test.message == "Called make_cart('apple').total() after add('pear'); got 2, expected 5."


def test_an_endless_loop_in_a_fixture_times_out_like_any_call(course: Course) -> None:
    source = SHOP.replace(
        "def make_cart(*names):\n", "def make_cart(*names):\n    while True:\n        pass\n"
    )
    feedback = grade_text(course, "cart", source)
    test = by_name(feedback)["test_a_fixture_cart_adds_up"]
    assert test.status == "timeout"
    assert test.message.startswith("Called make_cart('apple'); it did not finish within")
    assert by_name(feedback)["test_tax_is_added"].status == "passed"
    # SAMPLE was imported from the worker the time-out stopped: it is read again from the new one.
    assert by_name(feedback)["test_the_module_sample_is_a_cart"].status == "passed"


def test_isinstance_is_answered_by_the_learners_class(course: Course) -> None:
    subclass = SHOP.replace("SAMPLE =", "class Basket(Cart):\n    pass\n\n\nSAMPLE =")
    assert grade_text(course, "cart", subclass.replace("cart = cls()", "cart = Basket()")).score == 10.0
    lookalike = "class Other:\n    def total(self):\n        return 2\n\n\nSAMPLE = Other()"
    other = SHOP.replace('SAMPLE = Cart.of("apple")', lookalike)
    found = by_name(grade_text(course, "cart", other))["test_the_module_sample_is_a_cart"]
    assert (found.status, found.message) == ("failed", "A check in this test was not true.")


def test_a_file_that_does_not_load_fails_every_test_the_same_way(course: Course) -> None:
    """Even a test that only checks type(LIMIT), which no placeholder could answer."""
    feedback = grade_text(course, "cart", "LIMIT = 10 // 0\n")
    assert feedback.error == (
        "shop.py raised ZeroDivisionError while it was loading (line 1): integer division or modulo by zero."
    )
    assert {(t.status, t.message) for t in feedback.tests} == {("error", feedback.error)}
