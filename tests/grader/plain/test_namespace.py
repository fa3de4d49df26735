"""dir() of the learner's module is answered from the worker; its namespace (vars, __dict__) is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from grader.pipeline.suite_ids import SuiteNotCollected
from tests.helpers import FIXTURES, by_name, copy_course, grade_text

SHOP = (FIXTURES / "plain_features_course/solutions/01_shop/01_cart/shop.py").read_text(encoding="utf-8")

NAMESPACE = """

def test_dir_lists_the_learners_names():
    names = dir(shop)
    assert names == sorted(names)
    assert {"Cart", "LIMIT", "make_cart", "with_tax", "__name__"} <= set(names)
    assert "added_later" not in names


def test_dir_sees_names_the_learners_code_adds():
    shop.remember()
    assert "added_later" in dir(shop)


def test_the_dict_through_a_variable():
    module = shop
    assert "LIMIT" in module.__dict__
"""


def cart_course(tmp_path: Path, extra: str) -> Course:
    course = load_course(copy_course(tmp_path / "course", FIXTURES / "plain_features_course"))
    suite = course.suite_dir(course.find("cart")) / "test_shop.py"
    suite.write_text(suite.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return course


def test_dir_is_the_learner_modules_own(tmp_path: Path) -> None:
    adding = SHOP + "\n\ndef remember():\n    globals()['added_later'] = 1\n"
    tests = by_name(grade_text(cart_course(tmp_path, NAMESPACE), "cart", adding))
    assert tests["test_dir_lists_the_learners_names"].status == "passed"
    assert tests["test_dir_sees_names_the_learners_code_adds"].status == "passed"
    refused = tests["test_the_dict_through_a_variable"]
    assert (refused.status, refused.message) == (
        "error",
        "This test cannot be graded as written: it reads the namespace of shop (vars(shop) or "
        "shop.__dict__); the names of your shop.py live in the process where your code runs: the test "
        "can read each one as shop.NAME, or list them with dir(shop). This is a problem with the test, "
        "not with your code: please tell your instructor.",
    )


def test_dir_while_the_suite_is_imported_stops_the_collection(tmp_path: Path) -> None:
    course = cart_course(tmp_path, "\n\nNAMES = dir(shop)\n")
    line = (course.suite_dir(course.find("cart")) / "test_shop.py").read_text().count("\n")
    with pytest.raises(SuiteNotCollected) as caught:
        grade_text(course, "cart", SHOP)
    assert caught.value.reasons == (
        f"test_shop.py, line {line}: the suite lists the names of shop outside a test or fixture",
    )
