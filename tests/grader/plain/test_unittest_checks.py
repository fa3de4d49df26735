"""unittest's self.assert* failures are retold from the learner call that produced the value."""

from __future__ import annotations

from grader.feedback.expectations import Call, Mismatch
from grader.plain.unittest_checks import Checked, explain_unittest


def made(text: str, value: object, output: str = "") -> Call:
    return Call(text=text, value=value, output=output)


def summary(error: Exception) -> str:
    assert isinstance(error, Mismatch), error
    return str(error.detail["summary"])


def test_assert_equal_names_the_call_and_the_types() -> None:
    calls = [made("parse_score('1')", "1")]
    error = explain_unittest(AssertionError("'1' != 1"), Checked("assertEqual", ("1", 1)), calls)
    assert summary(error) == "Called parse_score('1'); got '1' (a str), expected 1 (an int)"
    assert error.detail["diagnosis"] == "wrong_type"  # type: ignore[attr-defined]


def test_expected_first_is_understood_too() -> None:
    calls = [made("is_passing(96)", 96)]
    error = explain_unittest(AssertionError("96 is not True"), Checked("assertIs", (True, 96)), calls)
    assert summary(error).startswith("Called is_passing(96); got 96 (an int), expected True (a bool)")


def test_none_into_assert_count_equal_is_the_learners_none() -> None:
    calls = [made("top_three([5, 9, 7])", None)]
    error = TypeError("'NoneType' object is not iterable")
    explained = explain_unittest(error, Checked("assertCountEqual", (None, [9, 7, 5])), calls)
    assert (
        summary(explained)
        == "Called top_three([5, 9, 7]); got None, expected the same items as [9, 7, 5], in any order"
    )
    assert explained.detail["diagnosis"] == "none_returned"  # type: ignore[attr-defined]


def test_assert_true_and_assert_is_none() -> None:
    calls = [made("is_even(3)", 0)]
    assert "expected a true value" in summary(
        explain_unittest(AssertionError(), Checked("assertTrue", (0,)), calls)
    )
    calls = [made("find([], 2)", -1)]
    error = explain_unittest(AssertionError(), Checked("assertIsNone", (-1,)), calls)
    assert summary(error) == "Called find([], 2); got -1, expected None"


def test_assert_raises_names_the_call_that_returned() -> None:
    calls = [made("parse_score('one')", "one")]
    error = explain_unittest(AssertionError("ValueError not raised"), None, calls)
    assert summary(error) == "Called parse_score('one'); it returned 'one', expected it to raise ValueError"


def test_a_suite_that_fails_by_itself_is_left_alone() -> None:
    error = KeyError("x")
    assert explain_unittest(error, None, []) is error
    learner = ValueError("bad")
    learner.learner_info = {"type": "ValueError"}  # type: ignore[attr-defined]
    assert explain_unittest(learner, Checked("assertEqual", (1, 2)), [made("f()", 1)]) is learner
