"""Explain a failed ``self.assert*`` of a unittest suite like a failed plain ``assert``.

unittest catches a test's failure itself and hands it to pytest afterwards,
so pytest's assertion introspection never sees it. Instead, the assert
methods of the one test case being run are wrapped (on that instance only)
to remember what each check was given; a check that did not return is the
one that failed. Its failure, or the error it raised on a value it could not
use (``assertCountEqual(None, [...])``), is retold from the learner call that
produced the value, with the same diagnoses as a plain ``assert``.
"""

from __future__ import annotations

import re
import unittest
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

from grader.feedback.compare import show
from grader.feedback.expectations import Call, Mismatch
from grader.plain.assertions import (
    compared,
    expected_to_raise,
    failed_expectation,
    returned_by,
    unusable_result,
)
from grader.plain.refusals import object_use

# Each checked assert method and how it compares its first two arguments.
OPERATORS = {
    **dict.fromkeys(("assertEqual", "assertEquals", "assertListEqual", "assertTupleEqual"), "=="),
    **dict.fromkeys(("assertDictEqual", "assertSetEqual", "assertSequenceEqual"), "=="),
    **dict.fromkeys(("assertMultiLineEqual",), "=="),
    **dict.fromkeys(("assertNotEqual", "assertNotEquals"), "!="),
    "assertIs": "is",
    "assertIsNot": "is not",
    "assertIn": "in",
    "assertNotIn": "not in",
    "assertGreater": ">",
    "assertGreaterEqual": ">=",
    "assertLess": "<",
    "assertLessEqual": "<=",
}
# Checks of one value: what it should have been.
SINGLE = {
    "assertTrue": "a true value",
    "assertFalse": "a false value",
    "assertIsNone": "None",
    "assertIsNotNone": "a value other than None",
}
OTHERS = ("assertCountEqual", "assertAlmostEqual", "assertIsInstance", "assertNotIsInstance", "assertRaises")


@dataclass(frozen=True)
class Checked:
    """One ``self.assert*`` call: the method's name and what it was given."""

    name: str
    args: tuple[Any, ...]


def watch_assertions(item: pytest.Item) -> list[Checked]:
    """Wrap a unittest test case's assert methods; the returned list keeps the checks that failed."""
    testcase = getattr(item, "instance", None)
    pending: list[Checked] = []
    if not isinstance(testcase, unittest.TestCase):
        return pending
    inside = [0]  # assertEqual calls assertListEqual: only the outermost check is the test's

    def wrapped(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def check(*args: Any, **kwargs: Any) -> Any:
            if inside[0]:
                return original(*args, **kwargs)
            pending.append(Checked(name, args))
            inside[0] += 1
            try:
                result = original(*args, **kwargs)
            finally:
                inside[0] -= 1
            pending.pop()  # it passed (or is a context manager, judged when it exits)
            return result

        return check

    for name in (*OPERATORS, *SINGLE, *OTHERS):
        original = getattr(testcase, name, None)
        if original is not None:
            setattr(testcase, name, wrapped(name, original))
    return pending


def retell_failures(item: pytest.Item, pending: list[Checked], calls: Callable[[], Sequence[Call]]) -> None:
    """Replace the failures unittest recorded for this test by their explanations."""
    failures = getattr(item, "_excinfo", None)
    if not failures:
        return
    retold = []
    for info in failures:
        error = info.value
        checked = pending.pop(0) if pending else None
        new = explain_unittest(error, checked, calls()) if isinstance(error, Exception) else error
        if new is not error and not is_outcome(error):
            info = pytest.ExceptionInfo.from_exception(new.with_traceback(error.__traceback__))
        retold.append(info)
    item._excinfo = retold  # type: ignore[attr-defined]


def is_outcome(error: BaseException) -> bool:
    """A skip or an expected failure: unittest's and pytest's own outcomes, not a failure to explain."""
    return isinstance(error, unittest.SkipTest) or type(error).__module__.startswith("_pytest")


def explain_unittest(error: Exception, checked: Checked | None, calls: Sequence[Call]) -> Exception:
    """Turn a unittest failure (or an error inside a check) into a Mismatch about the learner's call."""
    if getattr(error, "learner_info", None) is not None or isinstance(error, Mismatch):
        return error  # the learner's own exception, or already explained
    if isinstance(error, TypeError) and "'RemoteObject'" in str(error):
        return object_use(error)  # as for a plain test: len(), iter(), [] on a learner object
    if checked is None:
        not_raised = re.match(r"(\w+) not raised", str(error))
        if isinstance(error, AssertionError) and not_raised:
            return no_exception(not_raised.group(1), calls)
        return error if isinstance(error, AssertionError) else unusable_result(error, calls)
    args = checked.args
    if checked.name in OPERATORS and len(args) >= 2:
        return compared(OPERATORS[checked.name], args[0], args[1], calls)
    if checked.name in SINGLE and args:
        return single(checked.name, args[0], calls)
    if checked.name == "assertRaises":
        return no_exception(getattr(args[0], "__name__", "an exception") if args else "", calls)
    return other(checked, calls, str(error))


def single(name: str, value: Any, calls: Sequence[Call]) -> Mismatch:
    """Explain assertTrue / assertFalse / assertIsNone / assertIsNotNone on a learner call's result."""
    if name == "assertIsNone":
        return compared("is", value, None, calls)
    if name == "assertIsNotNone":
        return compared("is not", value, None, calls)
    record = returned_by(value, calls)
    if record is None:
        return Mismatch(
            {"kind": "assertion", "summary": f"The test expected {SINGLE[name]}, got {show(value)}"}
        )
    return failed_expectation(record, SINGLE[name])


def other(checked: Checked, calls: Sequence[Call], message: str = "") -> Mismatch:
    """Explain assertCountEqual, assertAlmostEqual and the instance checks."""
    first, second = (*checked.args, None, None)[:2]
    wanted = {
        "assertCountEqual": f"the same items as {show(second)}, in any order",
        "assertAlmostEqual": f"about {show(second)}",
        "assertIsInstance": f"an instance of {getattr(second, '__name__', second)}",
        "assertNotIsInstance": f"anything but an instance of {getattr(second, '__name__', second)}",
    }[checked.name]
    record, swapped = returned_by(first, calls), False
    if record is None and checked.name in ("assertCountEqual", "assertAlmostEqual"):
        record, wanted, swapped = returned_by(second, calls), wanted.replace(show(second), show(first)), True
    if record is None:
        return Mismatch({"kind": "assertion", "summary": f"The test expected {wanted}, got {show(first)}"})
    if checked.name == "assertCountEqual":  # any iterable will do: say which items differ
        return failed_expectation(record, wanted + count_differences(message, swapped), any_iterable=True)
    return failed_expectation(record, wanted)


def count_differences(message: str, swapped: bool) -> str:
    """Retell unittest's "First has 1, Second has 0:  3" lines as the items too many and missing."""
    extra: list[str] = []
    missing: list[str] = []
    for found in re.finditer(r"First has (\d+), Second has (\d+):\s+(.*)", message):
        mine, theirs = (found[2], found[1]) if swapped else (found[1], found[2])
        (extra if int(mine) > int(theirs) else missing).append(found[3].strip())
    parts = [
        f"{', '.join(extra)} not expected" if extra else "",
        f"{', '.join(missing)} missing" if missing else "",
    ]
    said = " and ".join(part for part in parts if part)
    return f" ({said})" if said else ""


def no_exception(name: str, calls: Sequence[Call]) -> Exception:
    """``assertRaises`` saw no exception: name the call that returned instead."""
    return expected_to_raise(name, calls) or Mismatch(
        {"kind": "assertion", "summary": f"The test expected {name} to be raised"}
    )
