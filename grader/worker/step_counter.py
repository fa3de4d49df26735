"""Count the steps learner code takes for one call, deterministically.

This module uses only the standard library: the worker loads it by path (it
runs outside the grader package), and tests import it directly.

A step is one line of the learner's own code being run (a ``line`` trace
event in a frame whose file is in the learner's folder; a loop's line counts
once per turn), plus the hidden scans the C code does for a beginner:

* ``x in a_list`` / ``a_tuple`` / ``a_string``: the items compared until the
  answer is known (the position found, or the whole length);
* a slice ``items[i:j]``: the items copied;
* ``a + b`` on lists, tuples or strings: the items copied (``+=``: the added ones);
* ``a_list.count(x)``, ``a_list.remove(x)``, ``a_list.copy()``: the list's length.

Scans are found from the bytecode: an opcode event at ``in``, a slice or ``+``
re-computes the operands from the instructions that produced them, but only
when those are plain loads, constants, integer arithmetic and slicing of
built-in values (nothing that could run learner code). Anything else counts
as one step, so a scan is never over-counted: the count can miss work, never
invent it. Nothing here reads a clock.
"""

from __future__ import annotations

import dis
import operator
import os
import sys
from typing import Any

LOADS = {"LOAD_FAST", "LOAD_CONST", "LOAD_DEREF", "LOAD_NAME", "LOAD_GLOBAL", "LOAD_CLOSURE"}
POPS = {"BINARY_OP": 2, "BINARY_SUBSCR": 2}
INT_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "//": operator.floordiv}
SEQUENCES = (list, tuple, str, bytes)
SCALARS = (int, float, str, bool, type(None), bytes)
SCANNING_METHODS = {(list, "count"), (list, "remove"), (list, "copy"), (tuple, "count")}


class Unknown(Exception):
    """An operand cannot be re-computed safely: the scan counts as one step."""


class BudgetExceeded(BaseException):
    """The call went past its step budget (a BaseException, so ``except Exception`` lets it through)."""


def window(instructions: list[dis.Instruction], end: int, need: int) -> list[tuple[str, Any]] | None:
    """Return the instructions just before ``end`` that push its top ``need`` values, if all are safe."""
    index = end - 1
    while need > 0 and index >= 0:
        instr = instructions[index]
        if instr.opname in LOADS:
            if instr.opname == "LOAD_GLOBAL" and instr.arg is not None and instr.arg & 1:
                return None  # pushes an extra NULL for a call
            pops = 0
        elif instr.opname in POPS:
            pops = POPS[instr.opname]
        elif instr.opname in ("BUILD_SLICE", "BUILD_LIST", "BUILD_TUPLE"):
            pops = int(instr.arg or 0)
        else:
            return None
        need = need - 1 + pops
        if instr.is_jump_target and need > 0:
            return None  # another path may have produced the values
        index -= 1
    if need:
        return None
    chosen = instructions[index + 1 : end]
    return [(i.opname, i.argrepr if i.opname == "BINARY_OP" else i.argval) for i in chosen]


def plan(code: Any) -> dict[int, tuple[str, Any, list[tuple[str, Any]]]]:
    """Map the offsets of a code object's possible scans to how to weigh them."""
    instructions = list(dis.get_instructions(code))
    found = {}
    for position, instr in enumerate(instructions):
        if instr.opname == "CONTAINS_OP":
            kind, need = "in", 2
        elif instr.opname == "BINARY_SUBSCR" and instructions[max(0, position - 1)].opname == "BUILD_SLICE":
            kind, need = "slice", 2
        elif instr.opname == "BINARY_OP" and instr.argrepr in ("+", "+="):
            kind, need = instr.argrepr, 2
        else:
            continue
        steps = window(instructions, position, need)
        if steps is not None:
            found[instr.offset] = (kind, need, steps)
    return found


def evaluate(steps: list[tuple[str, Any]], frame: Any) -> list[Any]:
    """Re-compute the values ``steps`` push, refusing anything that could run learner code."""
    stack: list[Any] = []
    for opname, arg in steps:
        if opname == "LOAD_CONST":
            stack.append(arg)
        elif opname in LOADS:
            stack.append(lookup(frame, opname, arg))
        elif opname == "BINARY_OP":
            right, left = stack.pop(), stack.pop()
            if type(left) is not int or type(right) is not int or arg not in INT_OPS or abs(right) > 2**62:
                raise Unknown(arg)
            stack.append(INT_OPS[arg](left, right))
        elif opname in ("BUILD_LIST", "BUILD_TUPLE"):
            items = [stack.pop() for _ in range(arg)][::-1]
            stack.append(items if opname == "BUILD_LIST" else tuple(items))
        elif opname == "BUILD_SLICE":
            parts = [stack.pop() for _ in range(arg)][::-1]
            if any(type(p) not in (int, type(None)) for p in parts):
                raise Unknown("slice")
            stack.append(slice(*parts))
        else:  # BINARY_SUBSCR
            key, container = stack.pop(), stack.pop()
            if type(container) not in SEQUENCES or type(key) not in (int, slice):
                raise Unknown("subscript")
            try:
                stack.append(container[key])
            except IndexError:
                raise Unknown("index") from None
    return stack


def lookup(frame: Any, opname: str, name: str) -> Any:
    """Read a variable the way the instruction would, from the traced frame."""
    if opname in ("LOAD_FAST", "LOAD_DEREF", "LOAD_CLOSURE", "LOAD_NAME") and name in frame.f_locals:
        return frame.f_locals[name]
    if opname in ("LOAD_GLOBAL", "LOAD_NAME"):
        if name in frame.f_globals:
            return frame.f_globals[name]
        if name in frame.f_builtins:
            return frame.f_builtins[name]
    raise Unknown(name)


def weigh(kind: str, values: list[Any]) -> int:
    """Return the items a scan touches, given its re-computed operands."""
    if kind == "in":
        item, container = values
        if type(container) in (str, bytes) and type(item) is type(container):
            found = container.find(item)
            return len(container) if found < 0 else found + len(item)
        if type(container) in (list, tuple) and type(item) in SCALARS:
            for position, value in enumerate(container):
                if type(value) in SCALARS and value == item:
                    return position + 1
            return len(container)
        return 1
    left, right = values
    if kind == "slice" and type(left) in SEQUENCES and type(right) is slice:
        return len(range(*right.indices(len(left))))
    if kind in ("+", "+=") and type(left) is type(right) and type(left) in SEQUENCES:
        return len(right) if kind == "+=" else len(left) + len(right)
    return 1


class StepCounter:
    """Trace one call, counting steps in frames whose file is in ``folder``."""

    def __init__(self, folder: str, budget: int) -> None:
        self.folder = os.path.abspath(folder)
        self.budget = budget
        self.lines = 0
        self.scans = 0
        self.plans: dict[Any, dict[int, Any]] = {}
        self.mine: dict[str, bool] = {}
        self.stopped_in: Any = None  # the learner's frame where the budget ran out

    @property
    def steps(self) -> int:
        return self.lines + self.scans

    def is_learners(self, filename: str) -> bool:
        known = self.mine.get(filename)
        if known is None:
            known = self.mine[filename] = os.path.dirname(os.path.abspath(filename)) == self.folder
        return known

    def on_call(self, frame: Any, event: str, arg: Any) -> Any:
        code = frame.f_code
        if event != "call" or not self.is_learners(code.co_filename):
            return None
        if code not in self.plans:
            self.plans[code] = plan(code)
        frame.f_trace_opcodes = bool(self.plans[code])
        return self.on_event

    def on_event(self, frame: Any, event: str, arg: Any) -> Any:
        if event == "line":
            self.lines += 1
        elif event == "opcode":
            scan = self.plans[frame.f_code].get(frame.f_lasti)
            if scan is not None:
                self.scans += self.scan_cost(scan, frame)
        if self.steps > self.budget:
            self.stopped_in = frame
            raise BudgetExceeded
        return self.on_event

    def scan_cost(self, scan: tuple[str, int, list[Any]], frame: Any) -> int:
        kind, need, steps = scan
        try:
            values = evaluate(steps, frame)
        except Unknown:
            return 1
        return max(1, weigh(kind, values))

    def on_profile(self, frame: Any, event: str, arg: Any) -> None:
        if event != "c_call" or not self.is_learners(frame.f_code.co_filename):
            return
        owner: Any = getattr(arg, "__self__", None)
        if (type(owner), getattr(arg, "__name__", "")) in SCANNING_METHODS:
            self.scans += len(owner)

    def run(self, function: Any, args: tuple, kwargs: dict) -> Any:
        """Call ``function`` under the counter; BudgetExceeded escapes if it runs too long."""
        sys.setprofile(self.on_profile)
        sys.settrace(self.on_call)
        try:
            return function(*args, **kwargs)
        finally:
            sys.settrace(None)
            sys.setprofile(None)


def measure(function: Any, args: tuple, kwargs: dict, folder: str, budget: int) -> dict[str, Any]:
    """Count the steps of one call; report plain data (steps, lines, scans, stopped)."""
    counter = StepCounter(folder, budget)
    stopped = False
    try:
        counter.run(function, args, kwargs)
    except BudgetExceeded:
        stopped = True
    counts: dict[str, Any] = {"steps": counter.steps, "lines": counter.lines, "scans": counter.scans}
    counts["stopped"] = stopped
    if counter.stopped_in is not None:
        counts["where"] = where(counter.stopped_in)
    return counts


def where(frame: Any) -> dict[str, Any]:
    """The file, line and source line where the counting stopped."""
    import linecache

    code, line = frame.f_code, frame.f_lineno
    text = linecache.getline(code.co_filename, line).strip()[:200]
    return {"file": os.path.basename(code.co_filename), "line": line, "function": code.co_name, "code": text}
