"""Encode values for the process boundary as JSON, keeping their exact types.

Lists, dicts with text keys, text, numbers, booleans and None are what JSON
already says exactly (``json`` keeps 1 and 1.0 apart, and NaN), so they
cross as themselves; a list or dict holding only such scalars is checked in
one step and not copied. Only what JSON cannot say is tagged, as an object
with the key ``"~"``: tuples, sets, bytes, dicts with other keys (or with a
``"~"`` key of their own), and handles on objects that stay in the worker.

Whether a call changed its arguments is checked by identity: a
:func:`snapshot` keeps a shallow copy of every list, dict and set in a value,
and :func:`unchanged` finds whether each still holds the very same items.
That is cheaper than serialising the value again, and stricter than ``==``.

The decoder builds nothing but these types and refuses anything else, so a
reply from the worker can never run code here. This file imports only the
standard library: the worker loads it by path, outside the grader package.
"""

from __future__ import annotations

import operator
from itertools import chain

TYPE_CHECKING = False  # the worker starts on the learner's clock: no typing import (3 ms)
if TYPE_CHECKING:
    from typing import Any

TAG = "~"
MAX_DEPTH = 50
SCALARS = frozenset({type(None), bool, int, float, str})
SEQUENCES: dict[type, str] = {tuple: "tuple", set: "set", frozenset: "frozenset"}
BUILDERS: dict[str, type] = {tag: kind for kind, tag in SEQUENCES.items()}
# Rebuilt by the caller's ``special``: handles (worker objects seen from the trusted side),
# refs back to them, and large arguments sent once (grader/worker/kept_arguments.py).
SPECIAL_TAGS = frozenset({"handle", "ref", "keep", "kept"})


class NotPlainData(Exception):
    """A value cannot cross the boundary as plain data."""


def encode(value: Any, handles: dict[int, Any] | None = None, depth: int = 0, ref: Any = None) -> Any:
    """Encode plain data for JSON; other objects become handles (or fail).

    ``ref(value)`` may encode objects the caller knows (the trusted side's
    handles on worker objects) as a ``ref``. The result may share lists and
    dicts with ``value``: serialise it before ``value`` can change.
    """
    kind = type(value)
    if kind in SCALARS:
        return value
    if depth >= MAX_DEPTH:
        raise NotPlainData("nested too deeply (does a list contain itself?)")
    if kind is list:
        if set(map(type, value)) <= SCALARS:
            return value
        return [encode(item, handles, depth + 1, ref) for item in value]
    if kind is dict:
        return encode_dict(value, handles, depth, ref)
    if kind in SEQUENCES:
        items = list(value)
        if not set(map(type, items)) <= SCALARS:  # a tuple of scalars needs no walk
            items = [encode(item, handles, depth + 1, ref) for item in items]
        return {TAG: SEQUENCES[kind], "v": items}
    if kind is bytes:
        import base64  # rarely needed: not imported at every worker start

        return {TAG: "bytes", "v": base64.b64encode(value).decode("ascii")}
    known = ref(value) if ref is not None else None
    if known is not None:
        return known
    tagged = codec("value_types").encode_value(
        value, kind, lambda item: encode(item, handles, depth + 1, ref)
    )
    if tagged is not None:
        return tagged
    if handles is None:
        raise NotPlainData(f"a {kind.__name__} object is not plain data")
    return {
        TAG: "handle",
        "v": [handle_number(handles, value), kind.__name__, safe_repr(value), *plain_face(kind, value)],
    }


class Handles(dict):
    """The worker's objects by handle number, and each object's number: one object, one handle."""

    def __init__(self) -> None:
        super().__init__()
        self.numbers: dict[int, int] = {}  # id(object) -> handle; the table keeps each object alive


def handle_number(handles: dict[int, Any], value: Any) -> int:
    """The handle ``value`` already has, or a new one."""
    numbers = getattr(handles, "numbers", None)
    if numbers is not None and id(value) in numbers:
        return int(numbers[id(value)])
    handle = len(handles) + 1
    handles[handle] = value
    if numbers is not None:
        numbers[id(value)] = handle
    return handle


# What an int, float or str subclass (IntEnum, StrEnum) is equal to, read without learner code.
FACES: dict[type, Any] = {int: int.__int__, float: float.__float__, str: str.__str__}


def plain_face(kind: type, value: Any) -> list[Any]:
    """[the plain value] of an object that compares as its int, float or str base does, else []."""
    for base, read in FACES.items():
        if issubclass(kind, base) and kind.__eq__ is base.__eq__ and kind.__hash__ is base.__hash__:
            return [read(value)]
    return []


# Built-in types whose == a learner subclass may keep; the copy of its content is made without learner code.
CONTENTS: dict[type, Any] = {
    dict: dict.copy,
    list: list.copy,
    set: set.copy,
    frozenset: frozenset.copy,
    tuple: lambda value: tuple.__getitem__(value, slice(None)),
    **FACES,
}


def plain_content(value: Any) -> list[Any]:
    """[a plain copy] of a built-in subclass that keeps its base's ``==`` (``class Stock(dict)``), else []."""
    kind = type(value)
    base = next((b for b in kind.__mro__ if b in CONTENTS), None)
    if base is None or kind is base or kind.__eq__ is not base.__eq__:
        return []
    return [CONTENTS[base](value)]


_codecs: dict[str, Any] = {}


def codec(name: str) -> Any:
    """value_types.py or value_builders.py, loaded by path beside this file (the worker has no package)."""
    if name not in _codecs:
        import importlib.util
        import os

        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{name}.py")
        spec = importlib.util.spec_from_file_location(f"grader_wire_{name}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _codecs[name] = module
    return _codecs[name]


def encode_dict(value: dict[Any, Any], handles: dict[int, Any] | None, depth: int, ref: Any) -> Any:
    if set(map(type, value)) <= {str} and TAG not in value:
        if set(map(type, value.values())) <= SCALARS:
            return value
        return {key: encode(item, handles, depth + 1, ref) for key, item in value.items()}
    depth += 1
    pairs = [[encode(k, handles, depth, ref), encode(v, handles, depth, ref)] for k, v in value.items()]
    return {TAG: "dict", "v": pairs}


def decode(data: Any, special: Any = None, depth: int = 0) -> Any:
    """Rebuild a value from its JSON form, accepting nothing else.

    ``special(tag, [tag, *parts])`` rebuilds SPECIAL_TAGS ("handle" on the
    trusted side; "ref", "keep" and "kept" in the worker); without it they are refused.
    """
    kind = type(data)
    if kind in SCALARS:
        return data
    if depth >= MAX_DEPTH + 2:
        raise ValueError("nested too deeply")
    if kind is list:
        if set(map(type, data)) <= SCALARS:
            return data
        return [decode(item, special, depth + 1) for item in data]
    if kind is not dict:
        raise ValueError("malformed value")
    if TAG not in data:
        if set(map(type, data.values())) <= SCALARS:
            return data
        return {key: decode(item, special, depth + 1) for key, item in data.items()}
    return decode_tagged(data.get(TAG), data.get("v"), special, depth)


def decode_tagged(tag: Any, parts: Any, special: Any, depth: int) -> Any:
    if tag in BUILDERS and type(parts) is list:
        if set(map(type, parts)) <= SCALARS:
            return BUILDERS[tag](parts)
        try:
            return BUILDERS[tag](decode(item, special, depth + 1) for item in parts)
        except TypeError:  # an unhashable item in a set
            raise ValueError("malformed set") from None
    if tag == "dict" and type(parts) is list:
        try:
            return {decode(k, special, depth + 1): decode(v, special, depth + 1) for k, v in parts}
        except (TypeError, ValueError):
            raise ValueError("malformed dict") from None
    if tag == "bytes" and type(parts) is str:
        import base64

        return base64.b64decode(parts.encode("ascii"), validate=True)
    if tag in SPECIAL_TAGS and special is not None:
        return special(tag, [tag, *(parts if type(parts) is list else [parts])])
    if type(tag) is not str or tag in SPECIAL_TAGS:
        raise ValueError(f"unknown tag {tag!r}")
    return codec("value_builders").build(tag, parts, lambda item: decode(item, special, depth + 1))


def snapshot(value: Any, pairs: list[tuple[Any, Any]] | None = None) -> list[tuple[Any, Any]]:
    """(container, copy) for every list, dict and set in ``value``, to find changes by identity.

    Tuples and frozensets cannot change, but a tuple may hold a list: such a
    tuple is listed too (with itself), since a reference to it reaches the
    list. Other objects (handles, learner objects) keep their own identity.
    """
    pairs = [] if pairs is None else pairs
    kind = type(value)
    if kind is list or kind is tuple:
        kinds = set(map(type, value))
        if kinds <= SCALARS or (kinds == {tuple} and set(map(type, chain.from_iterable(value))) <= SCALARS):
            if kind is list:
                pairs.append((value, value.copy()))
            return pairs
        pairs.append((value, value.copy() if kind is list else value))
        for item in value:
            snapshot(item, pairs)
    elif kind is dict:
        pairs.append((value, value.copy()))
        if not set(map(type, value.values())) <= SCALARS:
            for item in value.values():
                snapshot(item, pairs)
    elif kind is set:
        pairs.append((value, typed_items(value)))
    return pairs


def typed_items(items: Any) -> frozenset[tuple[type, Any]]:
    """A set's items with their types, so that 1, 1.0 and True stay apart."""
    return frozenset(zip(map(type, items), items, strict=True))


def unchanged(kept: tuple[Any, Any]) -> bool:
    """True when a container still holds the very same items (a stricter test than ==)."""
    value, copy = kept
    kind = type(value)
    if kind is set:
        return typed_items(value) == copy
    if len(value) != len(copy):
        return False
    if kind is dict:
        return all(map(operator.is_, value.values(), copy.values())) and all(map(operator.is_, value, copy))
    return all(map(operator.is_, value, copy))


def all_unchanged(pairs: list[tuple[Any, Any]]) -> bool:
    """:func:`unchanged` for every pair, in a few passes over all of them at once.

    A snapshot of 1,000 small dicts is checked here in about half the time
    of one call per dict: lengths first, then every item (or key), then every
    dict value, each by identity, container after container.
    """
    if len(pairs) < 8 or any(type(value) is set for value, _ in pairs):
        return all(map(unchanged, pairs))
    values = [value for value, _ in pairs]
    copies = [copy for _, copy in pairs]
    if list(map(len, values)) != list(map(len, copies)):
        return False
    if not all(map(operator.is_, chain.from_iterable(values), chain.from_iterable(copies))):
        return False
    dicts = [(value, copy) for value, copy in pairs if type(value) is dict]
    now = chain.from_iterable(value.values() for value, _ in dicts)
    return all(map(operator.is_, now, chain.from_iterable(copy.values() for _, copy in dicts)))


def safe_repr(value: Any) -> str:
    """Repr a learner object without letting a broken __repr__ escape."""
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= 200 else text[:185] + "... (shortened)"
