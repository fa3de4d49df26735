"""Failed plain asserts explained from the recorded calls, never from the test's source."""

from __future__ import annotations

from grader.plain.argument_copies import write_back
from grader.plain.assertions import did_not_raise, explain_assertion, unusable_result
from grader.testkit import Call


def made(text: str, value: object) -> Call:
    return Call(text=text, value=value)


def test_equality_names_the_call_that_returned_the_value() -> None:
    calls = [made("add(1, 1)", 2), made("add(2, 3)", 6)]
    found = explain_assertion(AssertionError("assert 6 == 5"), calls, [("==", 6, 5)])
    assert found.detail["summary"] == "Called add(2, 3); got 6, expected 5"
    assert found.detail["kind"] == "mismatch"


def test_expected_value_on_the_left_is_understood() -> None:
    found = explain_assertion(AssertionError(), [made("add(2, 3)", 6)], [("==", 5, 6)])
    assert found.detail["summary"] == "Called add(2, 3); got 6, expected 5"


def test_none_is_flagged_for_the_no_return_hint() -> None:
    found = explain_assertion(AssertionError(), [made("total([1])", None)], [("==", None, 1)])
    assert found.detail["got_none"] is True


def test_bare_assert_and_negated_assert() -> None:
    calls = [made("leap_year(1900)", True)]
    plain = explain_assertion(AssertionError("assert False"), calls, [])
    negated = explain_assertion(AssertionError("assert not True\n +  where True = ..."), calls, [])
    assert plain.detail["summary"] == "Called leap_year(1900); got True, expected a true value"
    assert negated.detail["summary"] == "Called leap_year(1900); got True, expected a false value"


def test_unmatched_comparison_says_what_was_compared() -> None:
    found = explain_assertion(AssertionError("assert 3 < 2"), [made("f()", 9)], [("<", 3, 2)])
    assert found.detail["summary"] == "The test compared 3 < 2, and that was not true"


def test_membership_in_a_result() -> None:
    calls = [made("names()", ["ann"])]
    found = explain_assertion(AssertionError(), calls, [("in", "bob", calls[0].value)])
    assert found.detail["summary"] == "Called names(); got ['ann'], expected it to contain 'bob'"


def test_authors_message_is_kept() -> None:
    error = AssertionError("small numbers\nassert 6 == 5")
    found = explain_assertion(error, [made("add(2, 3)", 6)], [("==", 6, 5)])
    assert found.detail["summary"] == "Called add(2, 3); got 6, expected 5 (small numbers)"


def test_test_code_failing_on_a_result_blames_the_result() -> None:
    error = TypeError("'NoneType' object is not subscriptable")
    found = unusable_result(error, [made("fizzbuzz(30)", None)])
    assert str(found).startswith("Called fizzbuzz(30); got None, expected a value the test could use")


def test_unittest_assertions_are_not_guessed_at() -> None:
    found = explain_assertion(AssertionError("6 != 5"), [made("add(2, 3)", 6)], [])
    assert found.detail["summary"] == "A check in this test failed: 6 != 5"


def test_did_not_raise_names_the_call() -> None:
    found = did_not_raise(Exception("DID NOT RAISE <class 'ValueError'>"), [made("hello('')", None)])
    assert str(found) == "Called hello(''); it returned None, expected it to raise ValueError"


def test_write_back_copies_changes_and_keeps_what_was_not_sent_back() -> None:
    numbers, stock, tags = [1, 2], {"a": 1}, {"x"}
    write_back((numbers, stock, tags), ([9], {"b": 2}, tags))
    assert (numbers, stock, tags) == ([9], {"b": 2}, {"x"})
