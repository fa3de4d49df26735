"""What a look at a learner's frame can tell about the loop it is in: its state, and whether it can end.

Loaded by path by grader/worker/stop_watch.py's caller, outside the grader
package: standard library only. Only ints, floats, strings, bools and None are
compared, and containers only when they hold those, so no learner ``__eq__``
or ``__repr__`` runs in the watch thread.
"""

from __future__ import annotations

import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PLAIN = (int, float, str, bool, type(None))
HELD = (list, tuple, set, frozenset, bytes, bytearray)  # compared by their items, when plain and few
MOST_ITEMS = 10_000  # a larger container is not copied in the watch thread: the state is unknown
INERT = ("module", "function", "builtin_function_or_method", "type")  # cannot carry a loop's progress
RAN_ON = 0.01  # seconds of the main thread's own processor time between two looks at one jump back


def enclosing_loop(path: str, line: int) -> Any:
    """The innermost ``while`` or ``for`` statement of ``path`` whose body holds ``line``, or None."""
    import ast  # only once a call runs out of time: a lighter start for every worker

    try:
        with open(path, encoding="utf-8") as source:
            tree = ast.parse(source.read())
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return None
    loops = [
        node
        for node in ast.walk(tree)
        if isinstance(node, (ast.While, ast.For)) and node.lineno <= line <= (node.end_lineno or node.lineno)
    ]
    return max(loops, key=lambda node: node.lineno, default=None)


def frame_variables(frame: Any) -> dict[str, Any] | None:
    """A copy of the frame's variables at this moment, or None if it cannot show them."""
    try:
        return dict(frame.f_locals)
    except Exception:  # a frame that cannot show its variables shows none
        return None


def plain_values(local: dict[str, Any]) -> dict[str, Any]:
    """The variables whose values are plain scalars (others are left out)."""
    return {
        name: value
        for name, value in local.items()
        if type(value) in PLAIN and not (type(value) is str and len(value) > 200)
    }


def line_of(frame: Any) -> tuple[int, bool]:
    """The line a frame is running, and whether it stands at the jump back to a loop's start.

    Another thread gets its turn only where Python checks for one, mostly at the
    jump back at the end of a loop's body, which has no line of its own: then
    the line before it is reported, and the caller names the loop instead.
    """
    lines = [line for start, _, line in frame.f_code.co_lines() if start <= frame.f_lasti]
    if type(frame.f_lineno) is int and lines and lines[-1]:
        return int(frame.f_lineno), False
    known = [line for line in lines if line]
    return (known[-1] if known else frame.f_code.co_firstlineno), True


def frame_state(local: dict[str, Any]) -> tuple[tuple[str, Any], ...] | None:
    """The variables as plain values and copies of plain items, or None if one is anything else."""
    state = []
    for name, value in sorted(local.items()):
        kind = type(value)
        if kind in PLAIN:
            state.append((name, (kind, value)))
        elif kind.__name__ in INERT and kind.__module__ == "builtins":
            continue
        elif (items := plain_items(value)) is not None:
            state.append((name, (kind, items)))
        else:
            return None  # an object or an iterator may carry progress that cannot be seen here
    return tuple(state)


def plain_items(value: Any) -> tuple[Any, ...] | None:
    """A copy of a built-in container's plain items (a dict's as pairs), or None."""
    kind = type(value)
    if kind not in (*HELD, dict) or len(value) > MOST_ITEMS:
        return None
    items = tuple(value.items()) if kind is dict else tuple(value)
    flat = [part for item in items for part in (item if kind is dict else (item,))]
    if kind in (bytes, bytearray) or all(type(part) in PLAIN for part in flat):
        return items
    return None


def main_thread_seconds(ident: Any) -> float | None:
    """The processor time the thread ``ident`` has used, where the platform can tell."""
    try:
        return time.clock_gettime(time.pthread_getcpuclockid(ident))
    except (AttributeError, OSError, TypeError, ValueError):
        return None


class Look:
    """One look at where the main thread was in the learner's code."""

    def __init__(self, frame: Any, cpu: float | None = None) -> None:
        self.frame = frame
        self.line, self.turning = line_of(frame)
        self.lasti = frame.f_lasti
        self.when = time.monotonic()
        self.cpu = cpu  # the main thread's processor time at the look
        local = frame_variables(frame)  # read now, once: the frame runs on after the look
        self.values = plain_values(local) if local is not None else {}
        self.backward = at_jump_back(frame)
        self.state = frame_state(local) if self.backward and local is not None else None


def at_jump_back(frame: Any) -> bool:
    """Whether the frame stands at a jump back to a loop's start, where a round of the loop ends."""
    import dis

    code = frame.f_code.co_code
    lasti = frame.f_lasti
    return 0 <= lasti < len(code) and "BACKWARD" in dis.opname[code[lasti]]


def settled(first: Look, last: Look) -> bool:
    """The frame stood at the same jump back with the same state twice, having run in between.

    Going round a loop and coming back to its start with every variable as it
    was, the next round does the same again: the loop never ends. The processor
    time shows the main thread ran between the looks (on a busy machine it may
    not have), and containers are compared by length only, so a loop whose
    progress hides in an object's contents is never called endless this way.
    """
    if first.frame is not last.frame or first.lasti != last.lasti or not (first.backward and last.backward):
        return False
    if first.cpu is None or last.cpu is None or last.cpu - first.cpu < RAN_ON:
        return False
    return first.state is not None and first.state == last.state


def describe_loop(loop: Any, path: str, first: Look | None, last: Look) -> dict[str, Any]:
    """The loop's first line; for a ``while``, the condition's plain values that stayed the same."""
    import ast
    import linecache

    described: dict[str, Any] = {
        "line": loop.lineno,
        "code": linecache.getline(path, loop.lineno).strip()[:200],
    }
    if not isinstance(loop, ast.While) or first is None or first.frame is not last.frame:
        return described
    names = sorted({node.id for node in ast.walk(loop.test) if isinstance(node, ast.Name)})
    before, after = first.values, last.values
    read_all = bool(names) and all(name in before and name in after for name in names)
    if read_all and all(type(before[n]) is type(after[n]) and before[n] == after[n] for n in names):
        described["unchanged"] = {name: repr(after[name])[:60] for name in names}
        described["seconds"] = round(last.when - first.when, 2)
        described["certain"] = never_changes(loop, set(names)) or settled(first, last)
    return described


# What a condition may hold to depend on nothing but the values of its names.
PURE = ("Name", "Constant", "Compare", "BoolOp", "BinOp", "UnaryOp", "expr_context", "cmpop", "operator")


def never_changes(loop: Any, names: set[str]) -> bool:
    """The condition reads only ``names`` and constants, and the body can neither change them nor leave.

    Then a condition found true stays true: the loop surely never ends.
    """
    import ast

    pure = tuple(getattr(ast, name) for name in (*PURE, "boolop", "unaryop"))
    if not all(isinstance(node, pure) for node in ast.walk(loop.test)):
        return False
    leaves = (ast.Break, ast.Return, ast.Raise, ast.Yield, ast.YieldFrom, ast.Await, ast.Try)
    scopes = (ast.Global, ast.Nonlocal, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
    for statement in loop.body:
        for node in ast.walk(statement):
            if isinstance(node, (*leaves, *scopes)):
                return False
            if isinstance(node, ast.Name) and node.id in names and not isinstance(node.ctx, ast.Load):
                return False
    return True
