"""Read a learner's own tests: the ones pytest will not run, and why one failed.

The learner's test files are parsed, never imported or run here. A function
is named as "not run" only when pytest's own rules leave it out (our config:
functions whose names start with ``test``, in classes whose names start with
``Test`` and that have no ``__init__``; any ``unittest.TestCase``) and it
looks meant as a test: its name is ``test`` misspelt or holds the word, it
asserts something, and no other code in the file calls it (a helper).
Failures are read from pytest's ``--tb=short`` report.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SHOWN_FAILURES = 3
EXCEPTION_LINES = 6
MISSPELT = {"tset", "tets", "tst", "tes", "etst", "tesst", "testt", "tetst", "est"}
FRAME = re.compile(r"^(?P<file>[^\s:]+\.py):(?P<line>\d+): in (?P<function>\S+)$")
ADDRESS = re.compile(r" object at 0x[0-9a-f]+")


def not_run(tests_dir: Path) -> list[str]:
    """Each test-like function pytest will not run, with the rule that leaves it out."""
    found: list[str] = []
    for path in sorted(tests_dir.glob("test_*.py")):
        try:
            tree = ast.parse(path.read_text("utf-8", "replace"))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # pytest reports a file it cannot import
        called = names_used(tree)
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and meant_as_test(node, called):
                found.append(f"{node.name}: pytest runs only functions whose names start with test")
            elif isinstance(node, ast.ClassDef):
                found += class_not_run(node, called)
    return found


def names_used(tree: ast.AST) -> set[str]:
    """Every name the file uses: called, passed on, or asked for as a fixture (a parameter)."""
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    used |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    return used | {node.arg for node in ast.walk(tree) if isinstance(node, ast.arg)}


def meant_as_test(function: ast.FunctionDef | ast.AsyncFunctionDef, called: set[str]) -> bool:
    """Not collected, yet named and written like a test, and not a helper or fixture the file uses."""
    name = function.name
    if name.startswith("test") or name in called or function.decorator_list or not asserts(function):
        return False
    words = name.lower().strip("_").split("_")
    return words[0] in MISSPELT or "test" in words or name.lower().startswith("test")


def asserts(function: ast.AST) -> bool:
    """Whether it checks something: an assert, or a ``raises`` block."""
    for node in ast.walk(function):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Attribute) and node.attr in ("raises", "approx"):
            return True
    return False


def class_not_run(node: ast.ClassDef, called: set[str]) -> list[str]:
    """The test methods of a class pytest will not collect, with the reason."""
    if any("TestCase" in ast.unparse(base) for base in node.bases):
        return []  # unittest's classes are collected whatever their names
    methods = [m for m in node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]
    tests = [m for m in methods if m.name.startswith("test")]
    if not node.name.startswith("Test"):
        reason = "pytest runs only test classes whose names start with Test"
    elif any(m.name == "__init__" for m in methods):
        reason = "pytest does not run a test class that has an __init__ (use a fixture or setup_method)"
    else:
        return [f"{node.name}.{m.name}: {missed}" for m in methods if (missed := method_not_run(m, called))]
    return [f"{node.name}.{m.name}: {reason}" for m in tests]


def method_not_run(method: ast.FunctionDef | ast.AsyncFunctionDef, called: set[str]) -> str:
    if meant_as_test(method, called):
        return "pytest runs only methods whose names start with test"
    return ""


def failures(output: str, test_files: set[str]) -> list[str]:
    """Each failed test from a ``--tb=short`` report: its own line that failed, and the exception in full."""
    section = output.split(" FAILURES ", 1)[-1] if " FAILURES " in output else ""
    blocks = re.split(r"^_{3,} (\S+) _{3,}$", section, flags=re.MULTILINE)
    lines: list[str] = []
    pairs = list(zip(blocks[1::2], blocks[2::2], strict=True))
    for name, body in pairs[:SHOWN_FAILURES]:
        lines += failure_lines(name, body, test_files)
    if len(pairs) > SHOWN_FAILURES:
        lines.append(f"... and {len(pairs) - SHOWN_FAILURES} more of your tests failed (see the output).")
    return lines


def failure_lines(name: str, body: str, test_files: set[str]) -> list[str]:
    """'test_x, line 9 of test_q.py: queue.put("c")' then the exception's lines."""
    place, code, errors = "", "", []
    rows = body.splitlines()
    for index, row in enumerate(rows):
        if row.startswith(("---", "===")):
            break  # captured output and the summary follow
        frame = FRAME.match(row)
        if frame and frame["file"] in test_files:
            place = f"line {frame['line']} of {frame['file']}"
            code = rows[index + 1].strip() if index + 1 < len(rows) else ""
        elif row.startswith("E "):
            errors.append(ADDRESS.sub(" object", row[4:].rstrip()))
    where = f"{name}, {place}: {code}" if place else name
    shown = [f"    {error}" for error in errors[:EXCEPTION_LINES]]
    if len(errors) > EXCEPTION_LINES:
        shown.append(f"    ... ({len(errors) - EXCEPTION_LINES} more lines)")
    return [f"  {where}", *shown]
