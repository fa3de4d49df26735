"""What the worker sends of a RecursionError: its frames folded, and what the recursion did."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from grader.worker import main as worker
from grader.worker.recursion import collapse

NO_BASE_CASE = """
def countdown(n):
    return countdown(n - 1) + [n]
"""
LOOP_OF_PARENTS = """
def path(parents, node):
    parent = parents[node]
    if parent is None:
        return [node]
    return [node, *path(parents, parent)]
"""
DEEP_WITH_BASE_CASE = """
def total(n):
    if n == 0:
        return 0
    return n + total(n - 1)
"""
PAST_ITS_BASE_CASE = """
def halves(n):
    if n == 1:
        return 0
    return 1 + halves(n - 2)
"""
SHARED_LIST = """
def drain(stack):
    stack.pop(0) if stack else None
    return drain(stack)
"""
MUTUAL = """
def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)
"""
SHRINKING_COPIES = """
def count(items):
    if items is None:
        return 0
    return 1 + count(items[1:])
"""


def described(tmp_path: Path, source: str, function: str, *args: Any) -> dict[str, Any]:
    """Run a learner function until it raises RecursionError; what the worker would send about it."""
    module = load(tmp_path, source)
    try:
        getattr(module, function)(*args)
    except RecursionError as error:
        return worker.describe_error(error, str(tmp_path))
    raise AssertionError("no RecursionError")


def load(folder: Path, source: str) -> ModuleType:
    path = folder / "learner.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("learner_for_recursion_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_repeated_frame_is_sent_once_with_its_count(tmp_path: Path) -> None:
    info = described(tmp_path, NO_BASE_CASE, "countdown", 5)
    assert len(info["frames"]) == 1
    frame = info["frames"][0]
    assert frame["code"] == "return countdown(n - 1) + [n]" and frame["span"] == 1
    assert frame["repeated"] > 900


def test_no_base_case_is_read_from_the_source(tmp_path: Path) -> None:
    evidence = described(tmp_path, NO_BASE_CASE, "countdown", 5)["recursion"]
    assert evidence["function"] == "countdown" and evidence["base_case"] is False
    (n,) = evidence["arguments"]
    assert n["name"] == "n" and n["kind"] == "int" and n["step"] == -1
    assert n["first"] == [5, 4, 3] and n["last"][-1] < -900


def test_a_call_made_again_with_the_same_arguments_is_found(tmp_path: Path) -> None:
    evidence = described(tmp_path, LOOP_OF_PARENTS, "path", {1: 2, 2: 1}, 1)["recursion"]
    assert evidence["base_case"] is True
    assert evidence["again"] == {"call": 1, "again": 3, "arguments": "node=1"}


def test_a_deep_recursion_with_a_base_case_heads_toward_it(tmp_path: Path) -> None:
    evidence = described(tmp_path, DEEP_WITH_BASE_CASE, "total", 5000)["recursion"]
    assert evidence["base_case"] is True and evidence["again"] is None
    (n,) = evidence["arguments"]
    assert n["first"] == [5000, 4999, 4998] and n["step"] == -1 and n["last"][-1] > 0


def test_a_step_that_jumps_over_the_base_case_goes_on_below_zero(tmp_path: Path) -> None:
    evidence = described(tmp_path, PAST_ITS_BASE_CASE, "halves", 10)["recursion"]
    (n,) = evidence["arguments"]
    assert n["first"] == [10, 8, 6] and n["step"] == -2 and n["last"][-1] < 0


def test_one_list_passed_down_says_nothing_about_its_past_lengths(tmp_path: Path) -> None:
    """drain() empties the same list: all frames see its length now, so no length and no repeat is claimed."""
    evidence = described(tmp_path, SHARED_LIST, "drain", [1, 2, 3])["recursion"]
    assert evidence["arguments"] == [] and evidence["again"] is None


def test_fresh_copies_are_measured_by_their_length(tmp_path: Path) -> None:
    evidence = described(tmp_path, SHRINKING_COPIES, "count", list(range(10)))["recursion"]
    (items,) = evidence["arguments"]
    assert items["kind"] == "len" and items["first"] == [10, 9, 8] and items["last"] == [0, 0, 0]
    assert items["settled"] == {"value": 0, "from_call": 11}


def test_mutual_recursion_is_folded_as_a_cycle_of_two(tmp_path: Path) -> None:
    info = described(tmp_path, MUTUAL, "is_even", 10_000)
    assert [frame["function"] for frame in info["frames"]][:2] == ["is_even", "is_odd"]
    assert info["frames"][0]["span"] == 2 and info["frames"][0]["repeated"] > 400
    assert len(info["frames"]) <= 3


def test_short_runs_stay_as_they_are() -> None:
    frame = {"file": "a.py", "line": 1, "function": "f", "code": "f()"}
    other = {**frame, "line": 2}
    assert collapse([frame, frame, other]) == [frame, frame, other]
    assert collapse([frame] * 3 + [other]) == [{**frame, "repeated": 3, "span": 1}, other]


def test_a_huge_running_product_is_not_read_and_the_reply_still_crosses(tmp_path: Path) -> None:
    source = "def product(n, total):\n    return product(n - 1, total * 10**9)\n"
    info = described(tmp_path, source, "product", 5, 1)
    assert [argument["name"] for argument in info["recursion"]["arguments"]] == ["n"]
    json.dumps(info)  # a huge int would make this raise ValueError, and the reply would be lost
