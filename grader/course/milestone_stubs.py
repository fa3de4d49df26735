"""A project's code as a learner has it at one milestone: the reference, with later milestones' stubs.

The starter marks each unfinished function with ``TODO (milestone K)`` (in a
comment or its docstring). That marker is the course's own statement of when
the function is written, so it is read here as data: at milestone N, every
function or class whose first marker names a milestone after N is taken from
the starter, and everything else from the reference solution.
"""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from grader.course.manifest import Course, Exercise

MARKER = re.compile(r"TODO \(milestone (\d+)\)")


class MilestoneStubError(Exception):
    """The starter and the reference cannot be put together (a marked function the reference lacks)."""


@dataclass(frozen=True)
class Unit:
    """A top-level function, a method, or a class marked as a whole, with the lines it spans (1-based)."""

    name: str
    first: int  # its first decorator, else the def or class line
    last: int
    milestone: int | None  # the earliest milestone its markers name; None: no marker


def units(source: str) -> dict[str, Unit]:
    """Every function and method of ``source`` by qualified name, and classes marked outside methods."""
    lines = source.splitlines()
    found: dict[str, Unit] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                unit = _unit(node, prefix, lines)
            elif isinstance(node, ast.ClassDef):
                unit = _unit(node, prefix, lines)
                if not _own_markers(node, lines):  # its methods are written one by one
                    unit = Unit(unit.name, unit.first, unit.last, None)
                    visit(node.body, f"{unit.name}.")
            else:
                continue
            found[unit.name] = unit

    visit(ast.parse(source).body, "")
    return found


def _unit(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, prefix: str, lines: list[str]) -> Unit:
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    last = _with_trailing_comments(lines, node.lineno, node.end_lineno or node.lineno)
    marks = [int(m) for m in MARKER.findall("\n".join(lines[first - 1 : last]))]
    return Unit(prefix + node.name, first, last, min(marks) if marks else None)


def _with_trailing_comments(lines: list[str], header: int, last: int) -> int:
    """The last line of a body, counting comments after its last statement (the AST leaves them out)."""
    indent = len(lines[header - 1]) - len(lines[header - 1].lstrip())
    end = last
    for number in range(last + 1, len(lines) + 1):
        text = lines[number - 1]
        if not text.strip():
            continue
        if text.lstrip().startswith("#") and len(text) - len(text.lstrip()) > indent:
            end = number
            continue
        break
    return end


def _own_markers(node: ast.ClassDef, lines: list[str]) -> bool:
    """True when the class body says TODO outside its methods: the class is written as a whole."""
    skipped: set[int] = set()
    for child in node.body:
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            start = min([child.lineno, *(d.lineno for d in child.decorator_list)])
            skipped.update(range(start, (child.end_lineno or child.lineno) + 1))
    span = range(node.lineno, (node.end_lineno or node.lineno) + 1)
    return any(MARKER.search(lines[n - 1]) for n in span if n not in skipped)


def later_units(starter: str, milestone: int) -> list[Unit]:
    """The starter's units that belong to a milestone after ``milestone``."""
    return [u for u in units(starter).values() if u.milestone is not None and u.milestone > milestone]


def code_at_milestone(reference: str, starter: str, milestone: int, where: str = "") -> str:
    """``reference`` with each unit of a later milestone replaced by the starter's text of it."""
    stubs = later_units(starter, milestone)
    if not stubs:
        return reference
    ours = units(reference)
    missing = [u.name for u in stubs if u.name not in ours]
    if missing:
        raise MilestoneStubError(
            f"{where or 'the starter'} marks {', '.join(missing)} with TODO (milestone K), "
            "but the reference solution has no function or class of that name to put the stub in place of"
        )
    lines = reference.splitlines(keepends=True)
    starter_lines = starter.splitlines(keepends=True)
    # Bottom up, so each replacement leaves the line numbers above it as they were.
    for stub in sorted(stubs, key=lambda u: ours[u.name].first, reverse=True):
        target = ours[stub.name]
        text = _reindented(starter_lines[stub.first - 1 : stub.last], lines[target.first - 1])
        lines[target.first - 1 : target.last] = text
    return "".join(lines)


def _reindented(block: list[str], like: str) -> list[str]:
    """Give ``block`` the indentation of the line it replaces (a method stays a method)."""
    have = len(block[0]) - len(block[0].lstrip())
    want = len(like) - len(like.lstrip())
    if have == want:
        return block
    return [(" " * want + line[have:]) if line.strip() else line for line in block]


def stage_milestone(course: Course, exercise: Exercise, milestone: int, folder: Path) -> list[str]:
    """Write the reference, with every later milestone's starter stubs, into ``folder``.

    Returns the names (``file:function``) that were put back to their stubs.
    """
    shutil.copytree(course.solution_dir(exercise), folder, ignore=shutil.ignore_patterns("__pycache__"))
    starter_dir = course.exercise_dir(exercise)
    stubbed: list[str] = []
    for pattern in exercise.graded_patterns:
        for starter_file in sorted(starter_dir.glob(pattern)):
            relative = starter_file.relative_to(starter_dir)
            target = folder / relative
            # Only Python has functions to stub; a graded Dockerfile stays the reference's.
            if starter_file.suffix != ".py" or not target.is_file():
                continue
            starter = starter_file.read_text(encoding="utf-8")
            reference = target.read_text(encoding="utf-8")
            target.write_text(
                code_at_milestone(reference, starter, milestone, relative.as_posix()), encoding="utf-8"
            )
            stubbed += [f"{relative.as_posix()}:{u.name}" for u in later_units(starter, milestone)]
    return stubbed
