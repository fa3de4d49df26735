"""Read a RecursionError: fold the repeated frames, and gather what the recursion did.

Standard library only: the worker loads this by path when an error has many
frames, and tests import it directly. Nothing here runs learner code: values
are read only when their exact type is a built-in one (``len`` of a list, an
int), and the learner's source is parsed, never run. The trusted side decides
from this evidence whether the recursion never stops or is only too deep.
"""

from __future__ import annotations

import ast
import linecache
import sys
from typing import Any

MAX_SPAN = 4  # the longest cycle of frames folded (mutual recursion through helpers)
MIN_REPEATS = 3  # as Python's own traceback: fewer repeats are shown as they are
SAMPLE = 3  # values shown from each end of the recursion
LARGEST = 2**53  # ints beyond this are not read as a measure
SIZED = (list, tuple, str, bytes, dict, set, frozenset, range)
SCALARS = (int, str, bytes, bool, float, type(None))


def collapse(frames: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold a run of frames repeating in a cycle into one copy with ``repeated`` and ``span``."""
    folded: list[dict[str, Any]] = []
    index = 0
    while index < len(frames):
        span, count = longest_cycle(frames, index)
        if count >= MIN_REPEATS:
            block = [dict(frame) for frame in frames[index : index + span]]
            block[0].update(repeated=count, span=span)
            folded += block
            index += span * count
        else:
            folded.append(frames[index])
            index += 1
    return folded


def longest_cycle(frames: list[dict[str, Any]], start: int) -> tuple[int, int]:
    """The cycle starting at ``start`` that covers the most frames: (its length, its repeats)."""
    best = (1, 1)
    for span in range(1, MAX_SPAN + 1):
        block = frames[start : start + span]
        count = 1
        while frames[start + span * count : start + span * (count + 1)] == block:
            count += 1
        if len(block) == span and count >= MIN_REPEATS and span * count > best[0] * best[1]:
            best = (span, count)
    return best


def evidence(error: BaseException, is_learners: Any) -> dict[str, Any] | None:
    """What the most repeated learner function did on its way down, as plain data."""
    frames = []
    tb = error.__traceback__
    while tb is not None:
        if is_learners(tb.tb_frame.f_code):
            frames.append(tb.tb_frame)
        tb = tb.tb_next
    if not frames:
        return None
    codes = [frame.f_code for frame in frames]
    code = max(set(codes), key=codes.count)
    levels = [frame for frame in frames if frame.f_code is code]
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    return {
        "function": code.co_name,
        "calls": len(levels),
        "limit": sys.getrecursionlimit(),
        "base_case": base_case(code),
        "arguments": [summary for name in names if (summary := argument(name, levels))],
        "again": first_repeat(names, levels),
    }


def measures(name: str, levels: list[Any]) -> tuple[str, list[int]] | None:
    """An argument as numbers, one per level: an int itself, or the length of a fresh container."""
    values = [level.f_locals.get(name) for level in levels]
    if all(type(value) is int for value in values):
        # A huge int (a running product) says little, and would not even fit the reply's JSON.
        return ("int", values) if all(abs(value) < LARGEST for value in values) else None
    shared = any(values[i] is values[i - 1] for i in range(1, len(values)))
    if shared or not all(type(value) in SIZED for value in values):
        return None  # one object passed down may have changed since: its length now says nothing
    return "len", [len(value) for value in values]


def argument(name: str, levels: list[Any]) -> dict[str, Any] | None:
    """How one argument moved from the outermost call to the innermost."""
    found = measures(name, levels)
    if found is None or len(levels) < 2:
        return None
    kind, values = found
    steps = {values[i] - values[i - 1] for i in range(1, len(values))}
    return {
        "name": name,
        "kind": kind,
        "first": values[:SAMPLE],
        "last": values[-SAMPLE:],
        "step": steps.pop() if len(steps) == 1 else None,
        "settled": settled(values),
    }


def settled(values: list[int]) -> dict[str, int] | None:
    """The value a measure kept through the innermost half of the calls, after changing before."""
    tail = values[len(values) // 2 :]
    if len(set(tail)) != 1 or values[0] == tail[0]:
        return None
    start = len(values)
    while start > 0 and values[start - 1] == tail[0]:
        start -= 1
    return {"value": tail[0], "from_call": start + 1}


def first_repeat(names: tuple[str, ...], levels: list[Any]) -> dict[str, Any] | None:
    """The first call made again with the same arguments (plain values equal, other objects identical)."""
    seen: dict[tuple[Any, ...], int] = {}
    for depth, level in enumerate(levels):
        values = [level.f_locals.get(name) for name in names]
        plain = [(n, v) for n, v in zip(names, values, strict=True) if type(v) in SCALARS]
        if not plain:
            return None  # only objects passed on: they may have changed in between
        key = tuple(("v", type(v), v) if type(v) in SCALARS else ("id", id(v)) for v in values)
        if key in seen:
            shown = ", ".join(f"{n}={short(v)}" for n, v in plain)
            return {"call": seen[key] + 1, "again": depth + 1, "arguments": shown}
        seen[key] = depth
    return None


def short(value: Any) -> str:
    """A plain value's repr, cut to 40 characters (a huge int's repr may be refused: then '...')."""
    try:
        text = repr(value)
    except ValueError:
        return "..."
    return text if len(text) <= 40 else text[:37] + "..."


def base_case(code: Any) -> bool | None:
    """Whether the function can stop: a return or raise that does not call it again, or falling off its end.

    None when its source cannot be read.
    """
    function = definition(code)
    if function is None:
        return None
    stops = [
        node
        for node in own_nodes(function)
        if isinstance(node, (ast.Return, ast.Raise)) and not calls_itself(node, code.co_name)
    ]
    return bool(stops) or not always_leaves(function.body)


def definition(code: Any) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    try:
        tree = ast.parse("".join(linecache.getlines(code.co_filename)))
    except (SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == code.co_name:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            if first == code.co_firstlineno:
                return node
    return None


def own_nodes(function: ast.AST) -> list[ast.AST]:
    """The nodes of a function's body, without those of functions or classes defined inside it."""
    found, todo = [], list(ast.iter_child_nodes(function))
    while todo:
        node = todo.pop()
        found.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            todo += ast.iter_child_nodes(node)
    return found


def calls_itself(node: ast.AST, name: str) -> bool:
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call):
            func = inner.func
            if (isinstance(func, ast.Name) and func.id == name) or (
                isinstance(func, ast.Attribute) and func.attr == name
            ):
                return True
    return False


def always_leaves(body: list[ast.stmt]) -> bool:
    """Whether every way through these statements ends in return or raise (loops and try: assumed not)."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, (ast.Return, ast.Raise)):
        return True
    if isinstance(last, ast.If):
        return always_leaves(last.body) and always_leaves(last.orelse)
    if isinstance(last, ast.With):
        return always_leaves(last.body)
    return False
