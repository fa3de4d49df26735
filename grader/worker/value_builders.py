"""Rebuild the standard-library value types of grader/worker/value_types.py from their plain parts.

Each builder checks the exact types of its parts and calls a standard-library
constructor; nothing else is ever built, so a reply cannot make the trusted
side run learner code. A part of the wrong shape is a ValueError, which the
trusted side treats as a worker that cannot be trusted. Standard library
only: the worker loads this file by path.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

INTS = (int,)
MAX_CLASSES = 256  # trusted classes made for names: bounded, so replies cannot grow them forever
_classes: dict[tuple[Any, ...], type] = {}
FACTORY_NAMES = ("int", "float", "str", "list", "dict", "set", "frozenset", "tuple", "bool", "bytes")


def need(condition: bool) -> None:
    if not condition:
        raise ValueError("malformed value")


def ints(parts: Any, count: int) -> list[int]:
    need(type(parts) is list and len(parts) == count and all(type(p) is int for p in parts))
    return list(parts)


def mapping(parts: Any, dec: Any) -> dict[Any, Any]:
    need(type(parts) is list)
    built = {}
    for pair in parts:
        need(type(pair) is list and len(pair) == 2)
        built[dec(pair[0])] = dec(pair[1])  # an unhashable key is a TypeError: malformed
    return built


def items(parts: Any, dec: Any) -> list[Any]:
    need(type(parts) is list)
    return [dec(part) for part in parts]


def timezone(parts: Any) -> Any:
    if parts is None:
        return None
    import datetime

    need(type(parts) is list and len(parts) == 4 and (parts[3] is None or type(parts[3]) is str))
    offset = datetime.timedelta(*ints(parts[:3], 3))
    return datetime.timezone(offset) if parts[3] is None else datetime.timezone(offset, parts[3])


def made_class(key: tuple[Any, ...], make: Any) -> Any:
    """A trusted class for a learner type name, made once per name; None past MAX_CLASSES."""
    if key not in _classes:
        if len(_classes) >= MAX_CLASSES:
            return None
        _classes[key] = make()
    return _classes[key]


def namedtuple(parts: Any, dec: Any) -> Any:
    """A trusted collections.namedtuple class with the learner's type and field names."""
    need(type(parts) is list and len(parts) == 3 and type(parts[0]) is str and type(parts[1]) is list)
    name, fields, values = parts[0], parts[1], items(parts[2], dec)
    need(all(type(field) is str for field in fields) and len(fields) == len(values))
    import collections

    # namedtuple() checks that every name is an identifier (it refuses anything else).
    made = made_class(("namedtuple", name, *fields), lambda: collections.namedtuple(name, fields))
    return tuple(values) if made is None else made._make(values)


def subclass(parts: Any, dec: Any) -> Any:
    """A learner subclass of a built-in container, as its base value under the learner's class name."""
    need(type(parts) is list and len(parts) == 2 and type(parts[0]) is str and parts[0].isidentifier())
    value = dec(parts[1])
    base = type(value)
    need(base in (list, dict, set, frozenset, tuple))
    made = made_class(
        ("subclass", base, parts[0]),
        lambda: type(parts[0], (base,), {"__slots__": (), "__module__": "learner's code"}),
    )
    return value if made is None else made(value)


def defaultdict(parts: Any, dec: Any) -> Any:
    import builtins
    import collections

    need(type(parts) is list and len(parts) == 2 and (parts[0] is None or parts[0] in FACTORY_NAMES))
    factory = None if parts[0] is None else getattr(builtins, parts[0])
    return collections.defaultdict(factory, mapping(parts[1], dec))


def deque(parts: Any, dec: Any) -> Any:
    import collections

    need(type(parts) is list and len(parts) == 2 and (parts[1] is None or type(parts[1]) is int))
    return collections.deque(items(parts[0], dec), parts[1])


def chainmap(parts: Any, dec: Any) -> Any:
    import collections

    maps = items(parts, dec)
    need(all(isinstance(m, dict) for m in maps))
    return collections.ChainMap(*maps)


def decimal(parts: Any, dec: Any) -> Any:
    import decimal as module

    need(type(parts) is str and len(parts) < 10_000)
    return module.Decimal(parts)


def fraction(parts: Any, dec: Any) -> Any:
    import fractions

    numerator, denominator = ints(parts, 2)
    return fractions.Fraction(numerator, denominator)


def number_pair(parts: Any, dec: Any) -> Any:
    need(type(parts) is list and len(parts) == 2 and all(type(p) in (int, float) for p in parts))
    return complex(*parts)


def bytes_array(parts: Any, dec: Any) -> Any:
    value = dec(parts)
    need(type(value) is bytes)
    return bytearray(value)


def moment(parts: Any, dec: Any, count: int, build: Any) -> Any:
    """A time or datetime: ``count`` whole numbers, a timezone and fold."""
    need(type(parts) is list and len(parts) == count + 2 and parts[-1] in (0, 1))
    return build(*ints(parts[:count], count), tzinfo=timezone(parts[count]), fold=parts[-1])


def datetime_module() -> Any:
    import datetime

    return datetime


def uuid(parts: Any, dec: Any) -> Any:
    import uuid as module

    need(type(parts) is str)
    return module.UUID(hex=parts)


def view(kind: str) -> Any:
    def build(parts: Any, dec: Any) -> Any:
        if kind == "items":
            return mapping(parts, dec).items()
        values = items(parts, dec)
        return dict.fromkeys(values).keys() if kind == "keys" else dict(enumerate(values)).values()

    return build


BUILDERS: dict[str, Any] = {
    "Counter": lambda p, dec: sys.modules["collections"].Counter(mapping(p, dec)),
    "OrderedDict": lambda p, dec: sys.modules["collections"].OrderedDict(mapping(p, dec)),
    "defaultdict": defaultdict,
    "deque": deque,
    "ChainMap": chainmap,
    "Decimal": decimal,
    "Fraction": fraction,
    "complex": number_pair,
    "range": lambda p, dec: range(*ints(p, 3)),
    "slice": lambda p, dec: slice(*items(p, dec)[:3]),
    "bytearray": bytes_array,
    "UUID": uuid,
    "timedelta": lambda p, dec: datetime_module().timedelta(*ints(p, 3)),
    "timezone": lambda p, dec: timezone(p) if p is not None else need(False),
    "date": lambda p, dec: datetime_module().date(*ints(p, 3)),
    "time": lambda p, dec: moment(p, dec, 4, datetime_module().time),
    "datetime": lambda p, dec: moment(p, dec, 7, datetime_module().datetime),
    "keys": view("keys"),
    "values": view("values"),
    "items": view("items"),
    "namedtuple": namedtuple,
    "subclass": subclass,
}


def build(tag: str, parts: Any, dec: Any) -> Any:
    """The value ``tag`` names, rebuilt from ``parts``; ValueError for anything malformed."""
    builder = BUILDERS.get(tag)
    if builder is None:
        raise ValueError(f"unknown tag {tag!r}")
    if tag in ("Counter", "OrderedDict"):
        import collections  # noqa: F401  (the lambdas above find it in sys.modules)
    try:
        return builder(parts, dec)
    except (TypeError, KeyError, IndexError, ArithmeticError, OverflowError):
        raise ValueError(f"malformed {tag}") from None
