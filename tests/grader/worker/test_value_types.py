"""Standard-library value types cross the wire as themselves; the decoder builds nothing else."""

from __future__ import annotations

import collections
import datetime
import enum
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

import pytest

from grader.worker import wire

Point = collections.namedtuple("Point", "x y")


class Pair(NamedTuple):
    left: int
    right: str = "r"


class Tags(list):
    """Adds nothing: crosses as a list, named Tags."""


class Stack(list):
    def peek(self) -> Any:
        return self[-1]


class Yes(list):
    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = None


class Level(enum.IntEnum):
    HIGH = 3


class Colour(enum.Enum):
    RED = 1


@dataclass
class Box:
    size: int


VALUES = [
    collections.Counter("banana"),
    collections.OrderedDict([("b", 1), ("a", 2)]),
    collections.defaultdict(list, {"a": [1]}),
    collections.deque([1, 2, 3], maxlen=4),
    collections.ChainMap({"a": 1}, {"a": 2, "b": 3}),
    Decimal("0.30"),
    Fraction(1, 3),
    complex(1.5, -2),
    datetime.datetime(2043, 1, 1, 1, 46, 40, 7),
    datetime.datetime(2020, 5, 17, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-5), "EST")),
    datetime.date(2024, 2, 29),
    datetime.time(23, 59, 1, fold=1),
    datetime.timedelta(days=-3, seconds=7, microseconds=9),
    datetime.UTC,
    uuid.UUID("12345678-1234-5678-1234-567812345678"),
    range(10, 0, -3),
    bytearray(b"\x00\xff"),
    slice(1, None, 2),
    Point(1, 2),
    Pair(5),
    {"z": 1, "a": 2}.keys(),
    {"z": 1, "a": 2}.items(),
    {1: ("deep", [Decimal("1")])},
]


def cross(value: Any, handles: Any = None) -> Any:
    """Encode, send as JSON text and decode, as the worker and the trusted side do."""
    text = json.dumps(wire.encode(value, handles))
    return wire.decode(json.loads(text), lambda tag, parts: ("handle", parts))


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_a_value_type_crosses_as_itself(value: Any) -> None:
    back = cross(value)
    assert type(back) is type(value) or type(value).__name__ in ("Point", "Pair")
    assert back == value
    assert repr(back) == repr(value)


def test_dict_values_cross_as_a_values_view_with_the_same_items() -> None:
    back = cross({"a": 1, "b": [2]}.values())
    assert type(back) is type({}.values()) and list(back) == [1, [2]]


def test_a_named_tuple_keeps_its_fields_and_its_type_name() -> None:
    back = cross(Point(3, 4))
    assert (back.x, back.y) == (3, 4) and back == (3, 4) and type(back).__name__ == "Point"
    assert back._asdict() == {"x": 3, "y": 4}


def test_a_defaultdict_keeps_a_builtin_factory_and_drops_any_other() -> None:
    assert cross(collections.defaultdict(int))["missing"] == 0
    made = cross(collections.defaultdict(lambda: 5, {"a": 1}))
    assert made.default_factory is None and made == {"a": 1}


def test_a_container_subclass_that_adds_nothing_crosses_as_its_base_with_its_name() -> None:
    back = cross(Tags(["a", "b"]))
    assert back == ["a", "b"] and isinstance(back, list) and type(back).__name__ == "Tags"
    assert type(back) is not Tags and type(back).__module__ == "learner's code"


def test_a_subclass_with_behaviour_of_its_own_stays_a_handle() -> None:
    handles = wire.Handles()
    for value in (Stack([1]), Yes(), Box(1), Colour.RED):
        kind, parts = cross(value, handles)
        assert kind == "handle" and parts[2] == type(value).__name__


def test_the_same_object_is_always_the_same_handle() -> None:
    handles = wire.Handles()
    stack = Stack([1])
    first, second = wire.encode(stack, handles), wire.encode([stack, Stack([1])], handles)
    assert first["v"][0] == second[0]["v"][0] != second[1]["v"][0]


def test_an_int_enum_member_carries_the_int_it_compares_as() -> None:
    handles = wire.Handles()
    assert wire.encode(Level.HIGH, handles)["v"] == [1, "Level", "<Level.HIGH: 3>", 3]
    assert len(wire.encode(Colour.RED, handles)["v"]) == 3  # compared by identity only


@pytest.mark.parametrize(
    "data",
    [
        {"~": "Counter", "v": [[["unhashable"], 1]]},
        {"~": "defaultdict", "v": ["print", []]},
        {"~": "Decimal", "v": 12},
        {"~": "Fraction", "v": [1, 0]},
        {"~": "date", "v": [2023, 2, 29]},
        {"~": "datetime", "v": [1, 1, 1, 0, 0, 0, 0, None, 7]},
        {"~": "namedtuple", "v": ["Bad name", ["x"], [1]]},
        {"~": "namedtuple", "v": ["P", ["import os"], [1]]},
        {"~": "subclass", "v": ["Tags", {"~": "Decimal", "v": "1"}]},
        {"~": "subclass", "v": ["not a name", []]},
        {"~": "timezone", "v": None},
        {"~": "UUID", "v": "nope"},
        {"~": "eval", "v": "1"},
    ],
)
def test_a_malformed_or_unknown_value_is_refused(data: Any) -> None:
    with pytest.raises(ValueError):
        wire.decode(data)


def test_a_datetime_in_a_zone_that_is_not_a_fixed_offset_stays_a_handle() -> None:
    class Zone(datetime.tzinfo):
        def utcoffset(self, moment: Any) -> datetime.timedelta:
            return datetime.timedelta(hours=1)

        def dst(self, moment: Any) -> datetime.timedelta:
            return datetime.timedelta(0)

        def tzname(self, moment: Any) -> str:
            return "Z1"

    handles = wire.Handles()
    assert cross(datetime.datetime(2020, 1, 1, tzinfo=Zone()), handles)[0] == "handle"
