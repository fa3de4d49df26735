"""Refuse, as the suite's problem, a value a test tries to send that cannot cross the process boundary.

Only plain data crosses to the learner's process; a test that passes its own
function, class or object there cannot be graded as written. Such a test is
an error of the suite, never the learner's mistake and never a failure of the
grader itself. What plain suites ask of the learner's module is refused in
:mod:`grader.plain.refusals`.
"""

from __future__ import annotations

import types
from typing import Any

from grader.boundary.process import LearnerProblem
from grader.worker.wire import NotPlainData, encode

PLAIN_DATA = "only plain data (numbers, text, lists, dicts ...) can cross to the process where your code runs"
NOT_YOURS = "This is a problem with the test, not with your code: please tell your instructor."


class SuiteRefusal(LearnerProblem):
    """A plain suite asked for something that cannot cross the boundary: the suite's problem."""

    kind = "suite_refused"

    def __init__(self, did: str, why: str) -> None:
        super().__init__(f"This test cannot be graded as written: it {did}; {why}. {NOT_YOURS}", refused=did)


def describe_value(value: Any) -> str:
    """Name a value the suite tried to send, as its author would recognise it."""
    label = getattr(value, "_label", None)
    if isinstance(label, str) and callable(value):  # a learner function, reached through the proxy
        return f"your function {label}"
    if isinstance(value, types.FunctionType) and value.__name__ == "<lambda>":
        return "a lambda"
    if isinstance(value, (types.FunctionType, types.MethodType)):
        return f"its own function {value.__name__}()"
    if isinstance(value, types.BuiltinFunctionType):
        return f"the built-in function {value.__name__}()"
    if isinstance(value, type):
        return f"its own class {value.__name__}"
    return f"a {type(value).__name__} object of its own"


def refused_argument(label: str, args: tuple, kwargs: dict, reference: Any) -> SuiteRefusal:
    """Explain which argument of a call could not be sent as plain data."""
    named: list[tuple[str, Any]] = [(f"argument {i}", a) for i, a in enumerate(args, 1)]
    named += [(f"argument {key}=", value) for key, value in kwargs.items()]
    for place, value in named:
        try:
            encode(value, ref=reference)
        except NotPlainData as error:
            deep = str(error).startswith("nested")
            what = "a value nested too deeply" if deep else describe_value(unsendable(value, reference))
            inside = "" if deep or unsendable(value, reference) is value else f" inside {place}"
            where = f"as {place}" if not inside else inside.strip()
            return SuiteRefusal(f"passes {what} to {label}() {where}", PLAIN_DATA)
    return SuiteRefusal(f"passes something that is not plain data to {label}()", PLAIN_DATA)


def unsendable(value: Any, reference: Any) -> Any:
    """The first item, however deep in lists, dicts and sets, that cannot be sent as plain data."""
    if type(value) in (list, tuple, set, frozenset):
        items: list[Any] = list(value)
    elif type(value) is dict:
        items = [*value.keys(), *value.values()]
    else:
        return value
    for item in items:
        try:
            encode(item, ref=reference)
        except NotPlainData:
            return unsendable(item, reference)
    return value
