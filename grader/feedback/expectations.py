"""What a hidden suite expects of a learner call, and the Mismatch it raises when that fails.

Suites reach this through :mod:`grader.testkit`. A failed expectation raises
:class:`Mismatch`, which carries plain data (the call, what came back, what was
expected, and a ``diagnosis`` naming the kind of mistake) so the feedback layer
can phrase it for a beginner. ``call`` also accepts ordinary Python callables,
so the same suite runs in-process for benchmarks and authoring.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from grader.feedback.acceptance import (
    accepted,
    message_advice,
    shared_in_process,
    shared_summary,
    value_diagnosis,
)
from grader.feedback.compare import (
    LearnerHandle,
    a_type,
    brief,
    describe_difference,
    is_generator,
    same,
    show,
    show_argument,
    type_name,
)
from grader.feedback.hint_evidence import HintIf, exception_hint, hint_for


class Mismatch(AssertionError):
    """The learner's code did something other than what the test expected."""

    def __init__(self, detail: dict[str, Any]) -> None:
        super().__init__(detail.get("summary", "unexpected result"))
        self.detail = detail


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
    dropped: int = 0  # characters of output the worker did not keep

    def _fail(self, kind: str, summary: str, **extra: Any) -> Mismatch:
        detail: dict[str, Any] = {"kind": kind, "call": self.text, "summary": summary, "output": self.output}
        if self.dropped:
            detail["dropped"] = self.dropped
        detail.update(extra)
        return Mismatch(detail)

    def _raise_unexpected(self, hint_if: HintIf | None = None) -> None:
        if self.error is not None:
            info = getattr(self.error, "learner_info", None)
            if isinstance(info, dict):  # what it printed before raising is part of the story
                info.setdefault("output", self.output)
                info.setdefault("dropped", self.dropped)
            name = info.get("type") if isinstance(info, dict) else type(self.error).__name__
            hint = exception_hint(hint_if, str(name))
            if hint:  # kept on the exception, never in what the learner's side reported
                self.error.grader_hint = hint  # type: ignore[attr-defined]
            raise self.error

    def _value_failure(self, expected: Any, summary: str, **extra: Any) -> Mismatch:
        diagnosis = extra.pop("diagnosis", None) or value_diagnosis(self.value, expected)
        if diagnosis == "generator":
            summary = f"Called {self.text}; you returned a generator: build and return {a_type(expected)}"
        items = expected if isinstance(expected, (list, tuple)) else ()
        return self._fail(
            "mismatch",
            summary,
            diagnosis=diagnosis,
            got=show(self.value),
            got_type=type_name(self.value),
            expected=show(expected),
            expected_type=type_name(expected),
            expected_text=str(expected),
            expected_repr=repr(expected),
            expected_lines=[str(item) for item in items],
            got_none=self.value is None,
            **extra,
        )

    def returns(self, expected: Any, hint_if: HintIf | None = None, exact_type: bool | str = False) -> Call:
        """Check the call returned ``expected``: the same value with the same types.

        A subclass of the expected container that holds the same items passes
        (an ``OrderedDict`` where a dict is expected) unless ``exact_type`` is
        set: True, or the reason the exact type matters here, which the
        message then gives. ``hint_if`` maps wrong values to the hint that
        explains them, e.g. ``{True: "A century is not a leap year unless ..."}``;
        a key may be a predicate on the value instead (``[(lambda got: ..., "hint")]``),
        or an exception type the call raised instead of returning (``{RecursionError: "..."}``).
        """
        self._raise_unexpected(hint_if)
        if not accepted(self.value, expected, bool(exact_type)):
            summary = f"Called {self.text}; {describe_difference(self.value, expected)}"
            extra: dict[str, Any] = {}
            if exact_type and type(self.value) is not type(expected):
                summary += f" ({exact_type})" if isinstance(exact_type, str) else ""
                if accepted(self.value, expected):  # equal items: the type is all that is wrong
                    extra["diagnosis"] = "wrong_type"
            raise self._value_failure(expected, summary, hint=hint_for(hint_if, self.value), **extra)
        return self

    def returns_copy(self, expected: Any, harm: str = "") -> Call:
        """Check the call returned ``expected`` as a copy, not an object the learner's code still keeps.

        ``harm`` says what goes wrong for a caller who changes a shared value,
        e.g. "a caller who changes it changes the stored task".
        """
        self.returns(expected)
        for entry in self.shared_parts():
            summary = shared_summary(self.text, self.value, entry, harm)
            raise self._fail("mismatch", summary, diagnosis="shared_state", got=show(self.value))
        return self

    def shared_parts(self) -> list[dict[str, Any]]:
        """The parts of the result the learner's code keeps: {"path": [0], "where": "self._tasks[1]"}."""
        shared = self.context.get("shared")
        if shared is None and callable(find := self.context.get("find_shared")):
            shared = find()  # the worker remembered the result: ask it now
        return list(shared or ())

    def returns_close_to(self, expected: float, tolerance: float = 1e-9) -> Call:
        """Check the call returned a number within ``tolerance`` of ``expected``."""
        self._raise_unexpected()
        number = isinstance(self.value, (int, float)) and not isinstance(self.value, bool)
        if not number or not math.isclose(self.value, expected, rel_tol=tolerance, abs_tol=tolerance):
            diagnosis = "wrong_value" if number else value_diagnosis(self.value, expected)
            summary = f"Called {self.text}; got {show(self.value)}, expected about {show(expected)}"
            raise self._value_failure(expected, summary, diagnosis=diagnosis)
        return self

    def satisfies(self, check: Callable[[Any], bool], expectation: str, any_iterable: bool = False) -> Call:
        """Check the returned value passes ``check``; ``expectation`` says what was wanted.

        ``any_iterable``: a generator or other lazy iterable is as good as a list here.
        """
        self._raise_unexpected()
        if not check(self.value):
            lazy = is_generator(self.value)
            diagnosis = "generator" if lazy and not any_iterable else "wrong_value"
            got = a_type(self.value) if lazy and any_iterable else brief(self.value)
            diagnosis = "none_returned" if self.value is None else diagnosis
            raise self._fail(
                "mismatch",
                f"Called {self.text}; got {got}, expected {expectation}",
                diagnosis=diagnosis,
                got=show(self.value),
                got_type=type_name(self.value),
                expected=expectation,
                got_none=self.value is None,
            )
        return self

    def raises(
        self, exc_type: type[BaseException], match: str | None = None, mentions: str | None = None
    ) -> Call:
        """Check the call raised ``exc_type`` (or a subclass), its message matching ``match``.

        ``mentions`` says in words what the message should contain; without it
        the words are read from ``match`` when it is a plain word or words.
        """
        expected = exc_type.__name__
        if self.error is None:
            printed = self.value is None and bool(self.output.strip())
            raise self._fail(
                "no_exception",
                f"Called {self.text}; expected {expected}, it "
                + ("printed a message and returned None" if printed else f"returned {show(self.value)}"),
                diagnosis="printed_error" if printed else "no_exception",
                got=show(self.value),
                expected=f"{expected} raised",
            )
        if isinstance(self.error, NotImplementedError) and not issubclass(exc_type, NotImplementedError):
            raise self.error  # the learner has not written this part yet
        if not isinstance(self.error, exc_type):
            raise self._wrong_exception(expected)
        message = str(self.error)
        if match is not None and not re.search(match, message, re.IGNORECASE):
            raise self._fail(
                "wrong_message",
                f"Called {self.text}; it raised {expected}({message!r}), but "
                + message_advice(match, mentions),
                diagnosis="wrong_message",
                got=message,
                expected=message_advice(match, mentions),
            )
        return self

    def _wrong_exception(self, expected: str) -> Mismatch:
        info = getattr(self.error, "learner_info", None)
        name = info.get("type") if isinstance(info, dict) else type(self.error).__name__
        message = str(self.error)
        raised = f"{name}: {message}" if message else str(name)
        extra = {"exception": info} if isinstance(info, dict) else {}
        return self._fail(
            "wrong_exception",
            f"Called {self.text}; expected {expected}, but your code raised {raised}",
            diagnosis="exception",
            got=raised,
            expected=expected,
            **extra,
        )

    def left_arguments_unchanged(self) -> Call:
        """Check the call did not modify the arguments it was given."""
        for position, (before, after) in enumerate(zip(self.args_before, self.args_after, strict=False)):
            if not same(before, after):
                raise self._fail(
                    "mutated_input",
                    f"Called {self.text}; argument {position + 1} was changed from "
                    f"{show(before)} to {show(after)}",
                    diagnosis="mutated_input",
                    got=show(after),
                    expected=show(before),
                )
        return self


def describe_call(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """Write a call the way the learner would type it: ``name(1, x=2)``."""
    parts = [show_argument(a) for a in args] + [f"{k}={show_argument(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def call(function: Any, *args: Any, **kwargs: Any) -> Call:
    """Call learner code and return what happened, without raising its exception."""
    invoke = getattr(function, "invoke", None)
    if invoke is not None:  # a remote function in the learner's worker process
        result: Call = invoke(args, kwargs)
        return result
    return _call_in_process(function, args, kwargs)


def representation(obj: Any) -> Call:
    """Take ``repr(obj)`` (in the learner's process for a learner object), ready to be checked."""
    if isinstance(obj, LearnerHandle):
        return obj._learner_repr()  # type: ignore[attr-defined]
    return _call_in_process(repr, (obj,), {})


def equality(first: Any, second: Any) -> Call:
    """Evaluate ``first == second`` (in the learner's process for learner objects)."""
    if isinstance(first, LearnerHandle):
        return first._learner_eq(second)  # type: ignore[attr-defined]
    record = _call_in_process(lambda a, b: a == b, (first, second), {})
    record.text = f"{show_argument(first)} == {show_argument(second)}"
    return record


def attribute(obj: Any, name: str) -> Call:
    """Read ``obj.name`` (in the learner's process for a learner object), ready to be checked."""
    if isinstance(obj, LearnerHandle):
        return obj._learner_read(name)  # type: ignore[attr-defined]
    record = _call_in_process(getattr, (obj, name), {})
    record.text = f"{show(obj)}.{name}"
    return record


def _call_in_process(function: Callable[..., Any], args: tuple, kwargs: dict) -> Call:
    import copy

    name = getattr(function, "__qualname__", getattr(function, "__name__", "function"))
    name = str(name).rsplit("<locals>.", 1)[-1]  # a function defined inside a test: its own name
    before = copy.deepcopy(args)
    record = Call(text=describe_call(name, args, kwargs), args_before=before)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        try:
            record.value = function(*args, **kwargs)
        except Exception as error:  # the learner's exception is part of the outcome
            record.error = error
        else:
            if shared := shared_in_process(function, record.value, args, kwargs):
                record.context["shared"] = shared
    record.output = buffer.getvalue()
    record.args_after = args
    return record
