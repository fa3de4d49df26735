"""What a returned value must be to pass, and the words for why it did not.

``returns(expected)`` accepts what Python calls equal with the same types,
and a subclass of the expected container (an ``OrderedDict``, ``defaultdict``
or ``Counter`` where a dict is expected, a named tuple where a tuple is)
whose items are the same, unless the exercise asks for the exact type. A
value the learner still keeps (``grader/worker/sharing.py``) is named here
for ``returns_copy``.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from grader.feedback.compare import is_generator, same, type_difference
from grader.worker import sharing

CONTAINERS = (dict, list, tuple, set, frozenset)
SHARED_HARM = "a caller who changes it changes what your code keeps"


def accepted(got: Any, expected: Any, exact_type: bool = False) -> bool:
    """The rule ``returns`` applies: the same value and types, containers' subclasses allowed."""
    if same(got, expected):
        return True
    if exact_type or type(expected) not in CONTAINERS or not isinstance(got, type(expected)):
        return False
    if isinstance(expected, dict):  # read as a dict: a defaultdict's missing keys are not made up
        return dict.keys(got) == expected.keys() and all(
            accepted(dict.__getitem__(got, key), item) for key, item in expected.items()
        )
    if isinstance(expected, (list, tuple)):
        return len(got) == len(expected) and all(map(accepted, got, expected))
    return same(type(expected)(got), expected)  # a set's items are hashable values: compared exactly


def value_diagnosis(got: Any, expected: Any) -> str:
    """Name what is wrong with a returned value: generator, None, wrong type or wrong value."""
    if is_generator(got) and not is_generator(expected):
        return "generator"
    if got is None and expected is not None:
        return "none_returned"
    if type_difference(got, expected) is not None:
        return "wrong_type"
    return "wrong_value"


def message_advice(match: str, mentions: str | None) -> str:
    """Say in words what an exception message should contain; never show a raw pattern."""
    if mentions:
        return f"the message should mention {mentions}"
    parts = match.split("|")
    if all(part and not re.search(r"[\\.^$*+?{}\[\]()]", part) for part in parts):
        return "the message should mention " + " or ".join(repr(part) for part in parts)
    return "the message does not say what the task asks for: check the README"


def shared_summary(text: str, value: Any, entry: dict[str, Any], harm: str) -> str:
    """Say which part of a call's result is the learner's own object, and why a copy matters."""
    path, where = entry.get("path") or [], entry.get("where", "")
    part = value
    for key in path:
        part = part[key]
    kind = type(part).__name__
    if where.startswith("argument:"):
        whose = f"the very {kind} it was given as {where.removeprefix('argument:')}"
    else:
        whose = f"your code's own {kind} (the one kept in {where})"
    whose += f", not a copy: {harm or SHARED_HARM}"
    if path:
        place = "".join(f"[{key!r}]" for key in path)
        return f"Called {text}; the item at {place} of what it returned is {whose}"
    return f"Called {text}; it returned {whose}"


def shared_in_process(function: Any, value: Any, args: tuple, kwargs: dict) -> list[dict[str, Any]]:
    """For an in-process call: the parts of its result that its object, module or arguments still hold."""
    owner = getattr(function, "__self__", None)
    module = sys.modules.get(getattr(type(owner) if owner is not None else function, "__module__", "") or "")
    found = sharing.shared_parts(value, owner, module, sharing.argument_roots(function, args, kwargs))
    return [{"path": path, "where": where} for path, where, _ in found]
