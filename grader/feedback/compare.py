"""Compare what learner code returned with what a test expected, and say how they differ.

Plain data is compared exactly (types as well as values). When two values
differ, :func:`first_difference` finds the first place they part, at any
depth, so a message can say "item [0] is a list, expected a tuple" or "they
first differ at item [14]" instead of printing two long values.
"""

from __future__ import annotations

import math
import types
from dataclasses import dataclass
from itertools import islice
from typing import Any

MAX_REPR = 300
LONG = 80  # a value shown longer than this is described, not dumped


class LearnerHandle:
    """Base of objects standing for a learner value that stays in the learner's process."""

    _type_name: str = "object"

    def _learner_label(self) -> str:
        return f"{self._type_name}(…)"

    def _described(self) -> str:
        """How feedback shows this value: as the learner's, never by running its code here."""
        return f"<{self._type_name} object from your code>"


def type_name(value: Any) -> str:
    """Name a value's type the way a beginner reads it (a learner object by its own class)."""
    if isinstance(value, LearnerHandle):
        return value._type_name
    return type(value).__name__


def a_type(value: Any) -> str:
    """'an int', 'a list': the type with its article ('None' for None)."""
    if value is None:
        return "None"
    return article(type_name(value))


def article(name: str) -> str:
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def show(value: Any) -> str:
    """Return a short repr of a value for a feedback message."""
    text = value._described() if isinstance(value, LearnerHandle) else repr(head(value))
    if len(text) > MAX_REPR:
        text = text[: MAX_REPR - 15] + " ... (shortened)"
    return text


def head(value: Any) -> Any:
    """A long list, tuple or dict cut to its first MAX_REPR items: the shown text starts the same.

    Every item takes at least three characters of the repr (one for the item,
    two for ", "), so what is shown of the whole value is all in its head;
    a million-item argument is then not written out for every call.
    """
    if type(value) in (list, tuple) and len(value) > MAX_REPR:
        return value[:MAX_REPR]
    if type(value) is dict and len(value) > MAX_REPR:
        return dict(islice(value.items(), MAX_REPR))
    return value


def show_argument(value: Any) -> str:
    """Show a call's argument as the learner would type it (a learner object by how it was made)."""
    return value._learner_label() if isinstance(value, LearnerHandle) else show(value)


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


def is_generator(value: Any) -> bool:
    """A generator or iterator object, in this process or behind a learner handle."""
    if isinstance(value, LearnerHandle):
        return value._type_name in ("generator", "map", "filter", "zip", "range", "list_iterator")
    return isinstance(value, (types.GeneratorType, map, filter, zip))


@dataclass(frozen=True)
class Difference:
    """Where two values first differ: a path such as ``[1][0]`` and the parts found there."""

    path: str
    got: Any
    expected: Any
    reason: str  # "type" | "value" | "missing" | "extra"


def first_difference(got: Any, expected: Any, path: str = "") -> Difference | None:
    """Find the first place ``got`` and ``expected`` differ, at any depth."""
    if type(got) is not type(expected) and not compared_by_content(got, expected):
        return Difference(path, got, expected, "type")
    if isinstance(expected, (list, tuple)):
        for index, (mine, theirs) in enumerate(zip(got, expected, strict=False)):
            found = first_difference(mine, theirs, f"{path}[{index}]")
            if found is not None:
                return found
        if len(got) < len(expected):
            return Difference(f"{path}[{len(got)}]", None, expected[len(got)], "missing")
        if len(got) > len(expected):
            return Difference(f"{path}[{len(expected)}]", got[len(expected)], None, "extra")
        return None
    if isinstance(expected, dict):
        for key in expected:
            if key not in got:
                return Difference(f"{path}[{key!r}]", None, expected[key], "missing")
            found = first_difference(got[key], expected[key], f"{path}[{key!r}]")
            if found is not None:
                return found
        extra = next((key for key in got if key not in expected), None)
        return None if extra is None else Difference(f"{path}[{extra!r}]", got[extra], None, "extra")
    return None if same(got, expected) else Difference(path, got, expected, "value")


def compared_by_content(got: Any, expected: Any) -> bool:
    """A subclass of the expected built-in container (a Counter for a dict, a named tuple for a tuple).

    Python compares such a value with the container by its items, so where
    they differ is in the items, never in the type.
    """
    return type(expected) in (dict, list, tuple) and isinstance(got, type(expected))


def describe_difference(got: Any, expected: Any) -> str:
    """Say how ``got`` differs from ``expected``: 'got X, expected Y', with types and places.

    A type difference inside a value is always named; other inner differences
    only when the values are too long to compare by eye.
    """
    found = first_difference(got, expected)
    if isinstance(got, str) and isinstance(expected, str) and is_long(got, expected) and got != expected:
        return f"{got_expected(got, expected)}; the first difference: {text_difference(got, expected)}"
    if found is None or found.path == "":
        return top_level(got, expected)
    where = f"item {found.path}"
    lead = got_expected(got, expected)
    if found.reason == "type":
        return f"{lead}: {where} is {a_type(found.got)}, expected {a_type(found.expected)}"
    if lead.startswith("got ") and not is_long(got, expected):
        return lead
    if found.reason == "missing":
        return f"{lead}; the first difference: {where} ({show(found.expected)}) is missing"
    if found.reason == "extra":
        return f"{lead}; the first difference: {where} ({show(found.got)}) should not be there"
    return f"{lead}; the first difference: {where} is {show(found.got)}, expected {show(found.expected)}"


def text_difference(got: str, expected: str) -> str:
    """Where two long texts first differ: the line when they have several, else the character."""
    mine, theirs = got.splitlines(), expected.splitlines()
    if len(mine) > 1 or len(theirs) > 1:
        for number, (line, wanted) in enumerate(zip(mine, theirs, strict=False), start=1):
            if line != wanted:
                return f"line {number} is {show(line)}, expected {show(wanted)}"
        if len(mine) != len(theirs):
            return f"it has {len(mine)} lines, expected {len(theirs)}"
    pairs = zip(got, expected, strict=False)
    index = next((i for i, (mine_c, theirs_c) in enumerate(pairs) if mine_c != theirs_c), None)
    index = min(len(got), len(expected)) if index is None else index
    piece = slice(index, index + 30)
    return f"from character {index + 1} it reads {show(got[piece])}, expected {show(expected[piece])}"


def is_long(got: Any, expected: Any) -> bool:
    return max(len(show(got)), len(show(expected))) > LONG


def got_expected(got: Any, expected: Any) -> str:
    """Both values, or their sizes when they are too long to read side by side."""
    if not is_long(got, expected) or not sized(got) or not sized(expected):
        return f"got {show(got)}, expected {show(expected)}"
    return f"got {a_type(got)} of {count(got)}, expected {count(expected)}"


def brief(value: Any) -> str:
    """Show a value, or for a long list its size and its last items."""
    if not isinstance(value, (list, tuple)) or len(show(value)) <= LONG:
        return show(value)
    last = ", ".join(show(item) for item in value[-3:])
    return f"{a_type(value)} of {count(value)} ending with {last}"


def sized(value: Any) -> bool:
    return isinstance(value, (list, tuple, dict, set, frozenset, str))


def count(value: Any) -> str:
    if isinstance(value, str):
        return f"{len(value)} characters"
    return f"{len(value)} item" + ("" if len(value) == 1 else "s")


def top_level(got: Any, expected: Any) -> str:
    """Show got and expected; name their types when the values alone could look alike."""
    if type(got) is type(expected) or got is None or expected is None:
        return got_expected(got, expected)
    return f"got {show(got)} ({a_type(got)}), expected {show(expected)} ({a_type(expected)})"


def type_difference(got: Any, expected: Any) -> tuple[str, str, str] | None:
    """The place and the two type names where the types first differ, or None."""
    found = first_difference(got, expected)
    if found is None or found.reason != "type" or found.got is None or found.expected is None:
        return None
    return found.path, type_name(found.got), type_name(found.expected)
