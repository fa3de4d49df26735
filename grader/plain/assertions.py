"""Explain a failed plain ``assert`` in terms of the learner call it checked.

The plain-suite plugin records the calls a test made and the comparisons that
failed (from pytest's assertion introspection). Here the compared value is
matched to the newest call that returned it, and the failure becomes the same
structured :class:`~grader.testkit.Mismatch` a testkit suite raises, so the
same mistake diagnoses apply. The test's source is never shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from grader.boundary.process import LearnerProblem
from grader.feedback.expectations import Call, Mismatch, same, show
from grader.worker.wire import NotPlainData

NEGATED = {"==": "!=", "!=": "==", "is": "is not", "is not": "is", "in": "not in", "not in": "in"}


def explain_assertion(
    error: AssertionError, calls: Sequence[Call], comparisons: Sequence[tuple[str, Any, Any]]
) -> AssertionError:
    """Turn a failed plain assertion into a Mismatch that names the call, if one can be found."""
    if isinstance(error, Mismatch):
        return error
    note = author_message(error)
    if comparisons:
        op, left, right = comparisons[-1]
        mismatch = compared(op, left, right, calls)
    else:
        mismatch = bare(error, calls)
    if note:
        mismatch.detail["summary"] += f" ({note})"
        mismatch.args = (mismatch.detail["summary"],)
    return mismatch


def author_message(error: AssertionError) -> str:
    """The message the suite's author wrote after the assert's comma, if any."""
    lines = str(error).splitlines()
    if len(lines) < 2 or lines[0].startswith("assert ") or not lines[1].startswith("assert "):
        return ""  # pytest puts the author's message on the line before its "assert ..."
    return lines[0].strip()[:300]


def is_read(record: Call) -> bool:
    """A value the test read from the learner's module (``shop.LIMIT``), not a call."""
    return bool(record.context.get("read"))


def calls_only(calls: Sequence[Call]) -> list[Call]:
    return [c for c in calls if not is_read(c)]


def returned_by(value: Any, calls: Sequence[Call]) -> Call | None:
    """The newest call that returned this very object, else the newest that returned an equal one.

    A value read from the module counts only as that very object: an equal
    number elsewhere in the test says nothing about where it came from.
    """
    finished = [c for c in reversed(calls) if c.error is None]
    for record in finished:
        if record.value is value and not isinstance(value, (bool, int, type(None))):
            return record
    return next((c for c in finished if not is_read(c) and same(c.value, value)), None)


def as_read(mismatch: Mismatch, record: Call) -> Mismatch:
    """Retell a failed check on a module value as a read, with no diagnosis meant for functions."""
    if not is_read(record):
        return mismatch
    summary = str(mismatch.detail.get("summary", ""))
    mismatch.detail["summary"] = summary.replace(
        f"Called {record.text}", f"Read {record.text} from your code", 1
    )
    if mismatch.detail.get("diagnosis") not in ("wrong_type", "wrong_value"):
        mismatch.detail["diagnosis"] = "wrong_value"  # a constant is not a function that forgot to return
    mismatch.detail.pop("got_none", None)
    mismatch.args = (mismatch.detail["summary"],)
    return mismatch


def given_to(value: Any, calls: Sequence[Call]) -> Call | None:
    """The newest call that was given this very list, dict or set and changed it."""
    if type(value) not in (list, dict, set):
        return None
    for record in reversed(calls_only(calls)):
        for position, given in enumerate(record.context.get("given", ())):
            if given is value and not same(record.args_before[position], value):
                return record
    return None


def compared(op: str, left: Any, right: Any, calls: Sequence[Call]) -> Mismatch:
    """Explain one failed comparison ``left op right``."""
    changed = given_to(left, calls) if op == "==" else None
    if changed is not None:
        try:
            changed.left_arguments_unchanged()
        except Mismatch as found:
            return found
    record, expected = returned_by(left, calls), right
    if record is None and op in NEGATED:
        record, expected = returned_by(right, calls), left
    if record is None:
        summary = f"The test compared {show(left)} {op} {show(right)}, and that was not true"
        return shared_note(summary, calls) or Mismatch({"kind": "assertion", "summary": summary})
    if op in ("==", "is"):
        try:
            record.returns(expected)
        except Mismatch as found:
            return as_read(found, record)
    wanted = {
        "!=": f"something other than {show(expected)}",
        "is not": f"something other than {show(expected)}",
        "in": f"one of {show(expected)}",
        "not in": f"none of {show(expected)}",
    }.get(op, f"a value {op} {show(expected)}")
    if record.value is not left:  # the call's result was on the right: `x in result`
        wanted = {"in": f"it to contain {show(left)}", "not in": f"it not to contain {show(left)}"}.get(
            op, f"a value {NEGATED.get(op, op)} {show(left)}"
        )
    return as_read(failed_expectation(record, wanted), record)


def shared_note(summary: str, calls: Sequence[Call]) -> Mismatch | None:
    """Add that a call handed out the learner's own list or dict, which the test may have changed."""
    record = next((c for c in calls_only(calls) if c.context.get("shared")), None)  # changed, then read again
    if record is None:
        return None
    where = record.context["shared"][0].get("where", "")
    kept = f"the one given as {where.removeprefix('argument:')}" if where.startswith("argument:") else where
    summary += (
        f". Note that {record.text} returned an object your code keeps ({kept}), not a copy: "
        "a change the test made to what it got back changed your stored data too"
    )
    detail = {"kind": "mismatch", "diagnosis": "shared_state", "call": record.text}
    return Mismatch({**detail, "summary": summary})


def bare(error: AssertionError, calls: Sequence[Call]) -> Mismatch:
    """Explain ``assert f(x)`` or ``assert not f(x)``: the newest call decided it."""
    finished = [c for c in calls_only(calls) if c.error is None]
    rewritten = any(line.startswith("assert ") for line in str(error).splitlines()[:2])
    if not rewritten:  # unittest's assertEqual and friends say what they compared themselves
        said = str(error).strip().split("\n", 1)[0][:300]
        return Mismatch({"kind": "assertion", "summary": f"A check in this test failed: {said}"})
    if not finished:
        return Mismatch({"kind": "assertion", "summary": "A check in this test was not true"})
    negated = "\nassert not " in f"\n{error}" or str(error).split("\n", 1)[-1].startswith("assert not ")
    return failed_expectation(finished[-1], "a false value" if negated else "a true value")


def failed_expectation(record: Call, wanted: str, any_iterable: bool = False) -> Mismatch:
    """A Mismatch for a call whose result did not satisfy ``wanted``."""
    try:
        record.satisfies(lambda _: False, wanted, any_iterable)
    except Mismatch as found:
        return found
    raise AssertionError("unreachable")  # satisfies() with a check that always fails always raises


def unusable_result(error: Exception, calls: Sequence[Call]) -> Exception:
    """The test's own code failed on what the newest call returned (None[27:])."""
    finished = [c for c in calls_only(calls) if c.error is None]
    usable = isinstance(error, (TypeError, AttributeError, IndexError, KeyError, ValueError))
    if not finished or not usable or isinstance(error, (LearnerProblem, NotPlainData)):
        return error  # a problem of the suite, not of what the learner returned
    return failed_expectation(finished[-1], f"a value the test could use ({type(error).__name__}: {error})")


def did_not_raise(error: BaseException, calls: Sequence[Call]) -> BaseException:
    """``pytest.raises`` saw no exception: name the call that returned instead."""
    wanted = re.search(r"DID NOT RAISE (?:<class ')?([\w.]+)", str(error))
    if wanted is None:
        return error
    return expected_to_raise(wanted.group(1).rsplit(".", 1)[-1], calls) or error


def expected_to_raise(name: str, calls: Sequence[Call]) -> Mismatch | None:
    """A Mismatch for the newest call, which returned where the test expected ``name`` raised."""
    finished = [c for c in calls_only(calls) if c.error is None]
    if not finished:
        return None
    record = finished[-1]
    summary = f"Called {record.text}; it returned {show(record.value)}, expected it to raise {name}"
    detail = {"kind": "no_exception", "call": record.text, "summary": summary, "output": record.output}
    return Mismatch({**detail, "got": show(record.value), "expected": f"{name} raised"})
