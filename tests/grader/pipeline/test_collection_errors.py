"""A hidden suite that cannot be collected says so and why; it never grades what is left."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from grader.pipeline.suite_ids import SuiteNotCollected, collect_ids
from grader.validate import validate_course
from tests.helpers import FIXTURES, copy_course, grade_text

HEALTHY = "def test_fine():\n    assert True\n"
NOT_YOURS = ". This is a problem with the hidden tests, not with your code: please tell your instructor."

BROKEN = {
    "raises-on-import": (
        "test_a.py",
        "import pytest\n\nWIDTH = 1 / 0\n",
        "test_a.py, line 3: ZeroDivisionError: division by zero",
    ),
    "bad-parametrize": (
        "test_a.py",
        "import pytest\n\n@pytest.mark.parametrize('x', [1])\ndef test_a():\n    assert True\n",
        "test_a.py: In suite/test_a.py::test_a: function uses no argument 'x'",
    ),
    "fixture-refused": (
        "test_a.py",
        "import pytest\n\n@pytest.fixture(scope='weekly')\ndef f():\n    return 1\n\n"
        "def test_a(f):\n    assert f\n",
        "test_a.py: Fixture 'f' from suite/test_a.py got an unexpected scope value 'weekly'",
    ),
    "conftest-raises": (
        "conftest.py",
        "import pytest\nraise RuntimeError('no database here')\n",
        "conftest.py, line 2: RuntimeError: no database here",
    ),
    "missing-module": (
        "helpers/test_b.py",
        "import numpy_of_my_own\n",
        "helpers/test_b.py, line 1: ModuleNotFoundError: No module named 'numpy_of_my_own'",
    ),
    "syntax-error": (
        "test_a.py",
        "def test_a(:\n    pass\n",
        "test_a.py, line 1: SyntaxError: invalid syntax",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_collection_errors_are_named_and_no_test_is_dropped(tmp_path: Path, case: str) -> None:
    name, source, reason = BROKEN[case]
    suite = tmp_path / "suite"
    (suite / name).parent.mkdir(parents=True)
    (suite / "test_fine.py").write_text(HEALTHY, encoding="utf-8")
    (suite / name).write_text(source, encoding="utf-8")
    with pytest.raises(SuiteNotCollected) as caught:
        collect_ids(suite, None, None, ["solution"])
    assert caught.value.reasons == (reason,)
    assert str(caught.value) == (
        f"The hidden tests could not be collected, so nothing was graded: {reason}{NOT_YOURS}"
    )


def test_a_healthy_suite_still_lists_its_ids(tmp_path: Path) -> None:
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "test_fine.py").write_text(HEALTHY, encoding="utf-8")
    assert collect_ids(suite, None, None, ["solution"]) == ["suite/test_fine.py::test_fine"]


def broken_cart_course(tmp_path: Path) -> tuple[Course, str]:
    course = load_course(copy_course(tmp_path / "course", FIXTURES / "plain_features_course"))
    suite = course.suite_dir(course.find("cart")) / "test_shop.py"
    text = suite.read_text(encoding="utf-8")
    suite.write_text(text + "\n\nSHARES = {'a': 1}['b']\n", encoding="utf-8")
    line = text.count("\n") + 3
    return course, f"test_shop.py, line {line}: KeyError: 'b'"


def test_a_check_says_the_hidden_tests_could_not_be_collected(tmp_path: Path) -> None:
    course, reason = broken_cart_course(tmp_path)
    shop = (FIXTURES / "plain_features_course/solutions/01_shop/01_cart/shop.py").read_text(encoding="utf-8")
    with pytest.raises(SuiteNotCollected) as caught:
        grade_text(course, "cart", shop)
    message = str(caught.value)
    assert message == f"The hidden tests could not be collected, so nothing was graded: {reason}{NOT_YOURS}"
    assert "SHARES" not in message and "has no tests" not in message  # never the test's source


def test_validate_fails_such_a_suite_with_the_reason(tmp_path: Path) -> None:
    course, reason = broken_cart_course(tmp_path)
    check = validate_course(course, [course.find("cart")]).exercises[0]
    assert not check.ok and check.reference_status == "error"
    assert check.reference_problems == (f"the suite could not be collected: {reason}",)
    assert check.suite_problems == ()  # the static scan could not see it
