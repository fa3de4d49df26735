"""The value codec of the process boundary (grader/worker/wire.py) and the worker's own rules."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from grader.worker import main as worker
from grader.worker import wire


def round_trip(value: Any) -> Any:
    """Encode, serialise, parse and decode a value, as it crosses the boundary."""
    return wire.decode(json.loads(json.dumps(wire.encode(value))))


EXACT_VALUES = [
    1,
    1.0,
    True,
    None,
    "text",
    -0.0,
    "\udcff lone surrogate",
    [1, 2.0, False, None, "x"],
    (1, 2),
    [(1, 2), [1, 2]],
    {1, 2},
    frozenset({"a"}),
    b"\x00\xff",
    {"a": 1, "b": [1, (2,)]},
    {1: "int key", (1, 2): "tuple key"},
    {"~": "a learner key that looks like our tag"},
    {"outer": {"inner": {"deep": [{"x": (1.5,)}]}}},
    [],
    (),
    {},
]


@pytest.mark.parametrize("value", EXACT_VALUES, ids=repr)
def test_values_keep_their_exact_types(value: Any) -> None:
    back = round_trip(value)
    assert back == value
    assert repr(back) == repr(value)  # same types all the way down: 1 is not 1.0, () is not []


def test_nan_and_infinity_cross() -> None:
    back = round_trip([math.nan, math.inf, -math.inf])
    assert math.isnan(back[0]) and back[1:] == [math.inf, -math.inf]
    assert all(type(v) is float for v in back)


def test_a_flat_list_or_dict_of_scalars_is_not_copied() -> None:
    numbers = list(range(1000))
    record = {"name": "x", "count": 3}
    assert wire.encode(numbers) is numbers
    assert wire.encode(record) is record


def test_subclasses_of_builtins_are_not_plain_data() -> None:
    class Liar(int):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = int.__hash__

    with pytest.raises(wire.NotPlainData, match="Liar object is not plain data"):
        wire.encode([1, Liar(2)])
    handles: dict[int, Any] = {}
    encoded = wire.encode([Liar(2)], handles)
    assert encoded == [{"~": "handle", "v": [1, "Liar", "2"]}]
    assert type(handles[1]) is Liar


def test_a_list_that_contains_itself_is_refused() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(wire.NotPlainData, match="nested too deeply"):
        wire.encode(loop)


def test_deep_nesting_is_refused_without_exhausting_the_stack() -> None:
    deep: Any = 1
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(wire.NotPlainData, match="nested too deeply"):
        wire.encode(deep)
    with pytest.raises(ValueError, match="nested too deeply"):
        wire.decode(deep)


@pytest.mark.parametrize(
    "data",
    [
        {"~": "pickle", "v": "..."},
        {"~": "handle", "v": [1, "Thing", "<thing>"]},  # no handle maker given
        {"~": "dict", "v": [[[1], 2]]},  # a list cannot be a key
        {"~": "dict", "v": [[1]]},
        {"~": "set", "v": [[1]]},
        {"~": "tuple", "v": "not a list"},
        {"~": "bytes", "v": "not base64!"},
        {"~": "bytes", "v": 5},
    ],
    ids=repr,
)
def test_decoding_refuses_anything_else(data: Any) -> None:
    with pytest.raises(ValueError):
        wire.decode(data)


def test_handles_are_rebuilt_only_by_the_given_maker() -> None:
    made = []

    def make(tag: str, parts: list[Any]) -> str:
        made.append(parts)
        return "remote"

    assert wire.decode([{"~": "handle", "v": [3, "Thing", "<thing>"]}], make) == ["remote"]
    assert made == [["handle", 3, "Thing", "<thing>"]]


def learner_worker(tmp_path: Path, source: str) -> worker.Worker:
    (tmp_path / "things.py").write_text(source, encoding="utf-8")
    serving = worker.Worker(str(tmp_path))
    serving.modules["things"] = _load(tmp_path / "things.py")
    return serving


def _load(path: Path) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("things_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def call_request(name: str, *args: Any) -> dict[str, Any]:
    message = {"op": "call", "target": ["module", "things", name], "args": wire.encode(args), "kwargs": {}}
    return json.loads(json.dumps(message))


def test_a_result_too_large_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    serving = learner_worker(tmp_path, "def big():\n    return ['x' * 100] * 200_000\n")
    reply = json.loads(serving.answer(call_request("big")))
    assert reply["not_plain"].startswith("the result is too large to check (")
    assert "the limit is 16 MB" in reply["not_plain"]


def test_unchanged_arguments_are_not_sent_back(tmp_path: Path) -> None:
    source = "def total(numbers):\n    return sum(numbers)\n\ndef grow(numbers):\n    numbers.append(0)\n"
    serving = learner_worker(tmp_path, source)
    same = json.loads(serving.answer(call_request("total", [1, 2, 3])))
    assert same["args_same"] is True and "args_after" not in same
    changed = json.loads(serving.answer(call_request("grow", [1, 2])))
    assert "args_same" not in changed
    assert wire.decode(changed["args_after"]) == ([1, 2, 0],)


def test_attributes_of_a_held_object_are_set_and_deleted_as_setattr_would(tmp_path: Path) -> None:
    source = (
        "class Box:\n    pass\n\nclass Shut:\n    __slots__ = ()\n\n"
        "def box():\n    return Box()\n\ndef shut():\n    return Shut()\n"
    )
    serving = learner_worker(tmp_path, source)
    held = json.loads(serving.answer(call_request("box")))["value"]["v"][0]
    other = json.loads(serving.answer(call_request("box")))["value"]["v"][0]
    reference = {"~": "ref", "v": other}
    for op, name, value in [("setattr", "owner", "ann"), ("setattr", "twin", reference)]:
        request = {"op": op, "target": ["handle", held, name], "value": value}
        assert json.loads(serving.answer(request))["value"] is None
    assert serving.handles[held].owner == "ann" and serving.handles[held].twin is serving.handles[other]
    assert json.loads(serving.answer({"op": "delattr", "target": ["handle", held, "owner"]}))["value"] is None
    assert not hasattr(serving.handles[held], "owner")
    closed = json.loads(serving.answer(call_request("shut")))["value"]["v"][0]
    refused = json.loads(serving.answer({"op": "setattr", "target": ["handle", closed, "x"], "value": 1}))
    assert refused["error"]["type"] == "AttributeError"
