"""Helpers hidden suites use to call learner code and state what they expected.

A suite calls the learner through the ``learner`` fixture and checks the
outcome with :func:`call`::

    def test_century(learner):
        \"\"\"A century is a leap year only when divisible by 400.\"\"\"
        call(learner.leap_year, 1900).returns(False)

A failed expectation raises :class:`Mismatch`, which carries plain data (the
call, what came back, what was expected) so the feedback layer can phrase it
for a beginner. ``call`` also accepts ordinary Python callables, so the same
suite runs in-process for benchmarks and authoring.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MAX_REPR = 300


class Mismatch(AssertionError):
    """The learner's code did something other than what the test expected."""

    def __init__(self, detail: dict[str, Any]) -> None:
        super().__init__(detail.get("summary", "unexpected result"))
        self.detail = detail


def show(value: Any) -> str:
    """Return a short repr of a value for a feedback message."""
    text = repr(value)
    if len(text) > MAX_REPR:
        text = text[: MAX_REPR - 15] + " ... (shortened)"
    return text


def same(got: Any, expected: Any) -> bool:
    """Compare plain data exactly: types must match as well as values."""
    if type(got) is not type(expected):
        return False
    if isinstance(expected, (list, tuple)):
        return len(got) == len(expected) and all(map(same, got, expected))
    if isinstance(expected, dict):
        return got.keys() == expected.keys() and all(same(got[k], expected[k]) for k in expected)
    if isinstance(expected, float) and math.isnan(expected):
        return math.isnan(got)
    return bool(got == expected)


def type_name(value: Any) -> str:
    """Name a value's type the way a beginner reads it."""
    return type(value).__name__


def show_pair(got: Any, expected: Any) -> tuple[str, str]:
    """Show got and expected; name their types when the values alone look alike."""
    if type(got) is type(expected) or got is None or type(got).__module__ != "builtins":
        return show(got), show(expected)
    return f"{show(got)} ({a_type(got)})", f"{show(expected)} ({a_type(expected)})"


def a_type(value: Any) -> str:
    """'an int', 'a list': the type with its article."""
    name = type_name(value)
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


@dataclass
class Call:
    """One finished call into learner code: its result, output and any exception."""

    text: str
    value: Any = None
    output: str = ""
    error: BaseException | None = None
    args_before: tuple[Any, ...] = ()
    args_after: tuple[Any, ...] = ()
    context: dict[str, Any] = field(default_factory=dict)

    def _fail(self, kind: str, summary: str, **extra: Any) -> Mismatch:
        detail = {"kind": kind, "call": self.text, "summary": summary, "output": self.output}
        detail.update(extra)
        return Mismatch(detail)

    def _raise_unexpected(self) -> None:
        if self.error is not None:
            raise self.error

    def returns(self, expected: Any) -> Call:
        """Check the call returned exactly ``expected`` (same type, same value)."""
        self._raise_unexpected()
        if not same(self.value, expected):
            got_text, expected_text = show_pair(self.value, expected)
            raise self._fail(
                "mismatch",
                f"Called {self.text}; got {got_text}, expected {expected_text}",
                got=show(self.value),
                got_type=type_name(self.value),
                expected=show(expected),
                expected_type=type_name(expected),
                expected_text=str(expected),
                expected_lines=[str(item) for item in expected]
                if isinstance(expected, (list, tuple))
                else [],
                got_none=self.value is None,
            )
        return self

    def returns_close_to(self, expected: float, tolerance: float = 1e-9) -> Call:
        """Check the call returned a number within ``tolerance`` of ``expected``."""
        self._raise_unexpected()
        ok = isinstance(self.value, (int, float)) and not isinstance(self.value, bool)
        if not ok or not math.isclose(self.value, expected, rel_tol=tolerance, abs_tol=tolerance):
            raise self._fail(
                "mismatch",
                f"Called {self.text}; got {show(self.value)}, expected about {show(expected)}",
                got=show(self.value),
                got_type=type_name(self.value),
                expected=show(expected),
                expected_type=type_name(expected),
                expected_text=str(expected),
                got_none=self.value is None,
            )
        return self

    def satisfies(self, check: Callable[[Any], bool], expectation: str) -> Call:
        """Check the returned value passes ``check``; ``expectation`` says what was wanted."""
        self._raise_unexpected()
        if not check(self.value):
            raise self._fail(
                "mismatch",
                f"Called {self.text}; got {show(self.value)}, expected {expectation}",
                got=show(self.value),
                got_type=type_name(self.value),
                expected=expectation,
                expected_type="",
                expected_text="",
                got_none=self.value is None,
            )
        return self

    def raises(self, exc_type: type[BaseException], match: str | None = None) -> Call:
        """Check the call raised ``exc_type`` (or a subclass), message matching ``match``."""
        if self.error is None:
            raise self._fail(
                "no_exception",
                f"Called {self.text}; it returned {show(self.value)}, "
                f"expected it to raise {exc_type.__name__}",
                got=show(self.value),
                expected=f"{exc_type.__name__} raised",
            )
        if isinstance(self.error, NotImplementedError) and not issubclass(exc_type, NotImplementedError):
            raise self.error  # the learner has not written this part yet
        if not isinstance(self.error, exc_type):
            raise self._fail(
                "wrong_exception",
                f"Called {self.text}; it raised {type(self.error).__name__}, expected {exc_type.__name__}",
                got=f"{type(self.error).__name__}: {self.error}",
                expected=exc_type.__name__,
            )
        message = str(self.error)
        if match is not None and not re.search(match, message, re.IGNORECASE):
            raise self._fail(
                "wrong_message",
                f"Called {self.text}; it raised {exc_type.__name__}({message!r}), "
                f"but the message should mention {match!r}",
                got=message,
                expected=match,
            )
        return self

    def left_arguments_unchanged(self) -> Call:
        """Check the call did not modify the arguments it was given."""
        for position, (before, after) in enumerate(zip(self.args_before, self.args_after, strict=False)):
            if not same(before, after):
                raise self._fail(
                    "mutated_input",
                    f"Called {self.text}; argument {position + 1} was changed from "
                    f"{show(before)} to {show(after)}. Build a new value instead of "
                    "modifying the one you were given.",
                    got=show(after),
                    expected=show(before),
                )
        return self


def describe_call(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """Write a call the way the learner would type it: ``name(1, x=2)``."""
    parts = [show(a) for a in args] + [f"{k}={show(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def call(function: Any, *args: Any, **kwargs: Any) -> Call:
    """Call learner code and return what happened, without raising its exception."""
    invoke = getattr(function, "invoke", None)
    if invoke is not None:  # a remote function in the learner's worker process
        result: Call = invoke(args, kwargs)
        return result
    return _call_in_process(function, args, kwargs)


def _call_in_process(function: Callable[..., Any], args: tuple, kwargs: dict) -> Call:
    import copy

    name = getattr(function, "__qualname__", getattr(function, "__name__", "function"))
    before = copy.deepcopy(args)
    record = Call(text=describe_call(name, args, kwargs), args_before=before)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        try:
            record.value = function(*args, **kwargs)
        except Exception as error:  # the learner's exception is part of the outcome
            record.error = error
    record.output = buffer.getvalue()
    record.args_after = args
    return record
