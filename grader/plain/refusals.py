"""Say what a plain suite tried to do that cannot cross the process boundary, as the suite's problem.

The static scan (:mod:`grader.plain.scan`) refuses most of these in ``grader
validate``; what it cannot see (a function chosen at run time, a module
attribute reached through a variable) is refused here, while the test runs,
with a message that names what the test did and why it cannot work. Such a
test is graded as an error of the suite, never as the learner's mistake and
never as a failure of the grader itself.
"""

from __future__ import annotations

import ast
import dis
import types
from collections.abc import Collection
from pathlib import Path
from typing import Any

from grader.boundary.refusals import SuiteRefusal


def changed_module(module: str, name: str, deleting: bool = False) -> SuiteRefusal:
    """Monkeypatching the learner's module: the change would never reach the learner's process."""
    did = f"{'deletes' if deleting else 'changes'} {module}.{name}"
    return SuiteRefusal(
        did,
        f"your {module}.py runs in another process, so changing it here would never reach your code "
        "(pass what the function needs as arguments instead)",
    )


def module_internal(module: str, name: str) -> SuiteRefusal:
    """Reading an internal (``__dict__``, ``__file__`` ...) of the learner's module."""
    return SuiteRefusal(
        f"reads {module}.{name}",
        "that internal of the module exists only in the process where your code runs",
    )


def module_namespace(module: str) -> SuiteRefusal:
    """``vars(module)`` or ``module.__dict__``: the learner's names are in another process."""
    return SuiteRefusal(
        f"reads the namespace of {module} (vars({module}) or {module}.__dict__)",
        f"the names of your {module}.py live in the process where your code runs: the test can read "
        f"each one as {module}.NAME, or list them with dir({module})",
    )


def listed_before_loading(module: str) -> SuiteRefusal:
    """``dir(module)`` while the suite is collected, before any learner code is loaded."""
    return SuiteRefusal(
        f"lists the names of {module} outside a test or fixture",
        "the names of your code can only be listed inside a test or a fixture, once your code is loaded",
    )


def star_importing(frame: types.FrameType | None) -> bool:
    """Whether ``frame`` is running ``from module import *`` (for which Python reads ``__dict__``)."""
    if frame is None:
        return False
    for instruction in dis.get_instructions(frame.f_code):
        if instruction.offset == frame.f_lasti:  # Python 3.11: IMPORT_STAR; later, an intrinsic call
            return instruction.opname == "IMPORT_STAR" or instruction.argrepr == "INTRINSIC_IMPORT_STAR"
    return False


def class_check(label: str) -> SuiteRefusal:
    """``isinstance(x, Cart)`` where Cart is not a class of the learner's (a function, say)."""
    return SuiteRefusal(f"checks isinstance() against {label}", f"{label} in your code is not a class")


def before_loading(module: str, name: str) -> SuiteRefusal:
    """A learner value used while the suite is collected, before any learner code is loaded."""
    return SuiteRefusal(
        f"uses {module}.{name} outside a test or fixture",
        "values of your code can only be read inside a test or a fixture, once your code is loaded",
    )


class ModuleInternal(AttributeError):
    """An internal (``__file__``, ``__path__`` ...) of the learner's module: it exists only in the worker.

    An AttributeError, so Python's and pytest's own probing of modules is unchanged.
    """

    def __init__(self, module: str, name: str) -> None:
        super().__init__(f"{module}.{name} exists only in the process where the learner's code runs")
        self.module = module
        self.attribute = name


OPERATIONS = (
    ("has no len()", "len()"),
    ("not iterable", "a for loop (or in)"),
    ("not subscriptable", "[]"),
    ("item assignment", "[] ="),
    ("not supported between", "a comparison"),
    ("unsupported operand", "an operator"),
)


def object_use(error: TypeError) -> SuiteRefusal:
    """``len(cart)``, ``for item in cart``, ``cart[0]``: special methods of a learner object."""
    text = str(error)
    used = next((name for clue, name in OPERATIONS if clue in text), "a special method")
    return SuiteRefusal(
        f"uses {used} on an object of your code",
        "your objects stay in the process where your code runs, and only their methods and "
        "attributes can be reached from the test",
    )


def star_import(item: Any, modules: Collection[str]) -> SuiteRefusal | None:
    """A name the test misses because its file said ``from module import *`` of a learner module."""
    try:
        tree = ast.parse(Path(str(item.path)).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in modules and node.names[0].name == "*":
            return SuiteRefusal(
                f"imports with `from {node.module} import *`",
                "the names of your module are in another process and cannot be listed here, so the "
                "test must import each name it uses",
            )
    return None
