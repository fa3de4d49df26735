"""Find what a plain suite asks of the learner's module that cannot be done across the boundary.

The learner's module lives in the worker; the suite sees a proxy. Changing the
module (monkeypatching), passing the suite's own functions into learner code,
or reaching the module's internals cannot work there, and a run-time failure
would only say so test by test. ``grader validate`` reports these up front.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

PATCHERS = {"setattr", "delattr", "patch", "object", "setitem"}


@dataclass(frozen=True)
class Bindings:
    """The names a suite file binds to the learner's modules and to their functions."""

    modules: frozenset[str]
    learner: frozenset[str]
    own_callables: frozenset[str]


def suite_problems(suite_dir: Path, module_names: Sequence[str]) -> list[str]:
    """Every refusal for the suite's files (known-wrong variants excluded), as 'file:line: why'."""
    found = []
    for path in sorted(suite_dir.rglob("*.py")):
        relative = path.relative_to(suite_dir)
        if "mistakes" in relative.parts or "__pycache__" in relative.parts:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except (SyntaxError, UnicodeDecodeError, ValueError) as error:
            found.append(f"{relative}: the suite file cannot be read: {error}")
            continue
        found += [f"{relative}:{line}: {why}" for line, why in file_problems(tree, module_names)]
    return found


def bindings(tree: ast.Module, module_names: Sequence[str]) -> tuple[Bindings, list[tuple[int, str]]]:
    """What the file imports from the graded modules; star imports are refused."""
    modules, learner, problems = set(), set(), []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            problems += shadowing(node, module_names)
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in module_names:
                    modules.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in module_names:
            for alias in node.names:
                if alias.name == "*":
                    problems.append(
                        (
                            node.lineno,
                            f"`from {node.module} import *` cannot see the learner's "
                            "names from another process: import each name you use",
                        )
                    )
                learner.add(alias.asname or alias.name)
    own = {
        n.name
        for n in ast.walk(tree)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and not n.name.startswith("test")
    }
    return Bindings(frozenset(modules), frozenset(learner), frozenset(own)), problems


def shadowing(node: ast.Import | ast.ImportFrom, module_names: Sequence[str]) -> list[tuple[int, str]]:
    """A graded module named like a standard one cannot be imported as the learner's."""
    imported = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
    return [
        (node.lineno, f"{name}.py has the name of a standard Python module: rename the exercise's file")
        for name in imported
        if name in module_names and name in sys.stdlib_module_names
    ]


def file_problems(tree: ast.Module, module_names: Sequence[str]) -> list[tuple[int, str]]:
    names, problems = bindings(tree, module_names)
    if not names.modules and not names.learner:
        return problems
    for node in ast.walk(tree):
        problems += list(node_problems(node, names, module_names))
    problems += import_time_uses(tree, names)
    return sorted(set(problems))


def import_time_uses(tree: ast.Module, names: Bindings) -> list[tuple[int, str]]:
    """Learner names used while the suite file is imported (module level, decorators, defaults).

    The suite's test ids are collected with no learner code loaded, and must not
    depend on a submission: its values can only be read inside tests and fixtures.
    """
    found = []
    for node in import_time_nodes(tree):
        used = ""
        if isinstance(node, ast.Name) and node.id in names.learner and isinstance(node.ctx, ast.Load):
            used = f"{node.id} of the learner's module"
        elif is_module_attribute(node, names):
            used = f"{ast.unparse(node)} of the learner's module"
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "dir" and node.args:
            used = (
                f"{ast.unparse(node)}, the learner module's names," if is_module(node.args[0], names) else ""
            )
        if used:
            found.append(
                (
                    getattr(node, "lineno", 0),
                    f"uses {used} while the suite is imported (outside a test or fixture); the suite's "
                    "tests must not depend on a submission: read it inside a test or fixture",
                )
            )
    return found


def import_time_nodes(tree: ast.Module) -> Iterator[ast.AST]:
    """Every node evaluated when the file is imported: not function bodies, lambdas or imports."""
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.Lambda)):
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            evaluated = [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults, node.returns]
            pending += [part for part in evaluated if part is not None]
            continue
        if isinstance(node, ast.ClassDef):  # its learner bases are refused as subclassing
            pending += [*node.decorator_list, *node.keywords, *node.body]
            continue
        yield node
        pending += list(ast.iter_child_nodes(node))


def node_problems(node: ast.AST, names: Bindings, module_names: Sequence[str]) -> Iterator[tuple[int, str]]:
    line = getattr(node, "lineno", 0)
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        verb = "deletes" if isinstance(node, ast.Delete) else "changes"
        for target in targets:
            if is_module_attribute(target, names):
                yield (
                    line,
                    f"{verb} {ast.unparse(target)}, an attribute of the learner's module: " + MONKEYPATCH,
                )
            elif isinstance(target, ast.Subscript) and is_learner_value(target.value, names):
                yield line, "changes an item of a value read from the learner's module: " + COPY
            elif isinstance(target, ast.Attribute) and is_suite_function(getattr(node, "value", None), names):
                # Setting an attribute of a learner object is forwarded to it; only plain data can be.
                yield line, f"sets {ast.unparse(target)} to a function of the suite; " + PLAIN_ONLY
    if isinstance(node, ast.Attribute) and is_module(node.value, names) and node.attr == "__dict__":
        yield line, f"reads {ast.unparse(node)}: " + NAMESPACE
    elif isinstance(node, ast.Attribute) and is_module(node.value, names) and node.attr.startswith("__"):
        yield line, f"reads {node.attr} of the learner's module, which only exists in the learner's process"
    if isinstance(node, ast.Call):
        yield from call_problems(node, names, module_names)
    if isinstance(node, ast.ClassDef) and any(is_learner_value(base, names) for base in node.bases):
        yield (
            line,
            f"class {node.name} subclasses a class of the learner's module, which exists only in the "
            "learner's process: test the learner's class through its own objects",
        )


NAMESPACE = (
    "the learner module's names live in the learner's process: read each one as module.NAME, "
    "or list them with dir(module)"
)


MONKEYPATCH = (
    "the learner's module runs in another process, so monkeypatching it would test nothing; "
    "pass what the function needs as arguments instead"
)


COPY = (
    "the suite holds a copy, and the learner's own value in the other process would not change; "
    "pass what the function needs as arguments instead"
)


def call_problems(node: ast.Call, names: Bindings, module_names: Sequence[str]) -> Iterator[tuple[int, str]]:
    function = node.func
    called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    if called == "vars" and node.args and is_module(node.args[0], names):
        yield node.lineno, f"reads {ast.unparse(node)}: " + NAMESPACE
    if called in PATCHERS and node.args:
        first = node.args[0]
        if is_module(first, names) or is_module_attribute(first, names) or names_module(first, module_names):
            yield node.lineno, f"{called}() on the learner's module: " + MONKEYPATCH
    if is_learner_callable(function, names):
        for argument in [*node.args, *(k.value for k in node.keywords)]:
            if is_suite_function(argument, names):
                yield node.lineno, "passes a function of the suite into learner code; " + PLAIN_ONLY


PLAIN_ONLY = "only plain data (numbers, text, lists, dicts ...) can cross to the learner's process"


def is_suite_function(node: ast.AST | None, names: Bindings) -> bool:
    """A lambda, or a function or class the suite file defines."""
    return isinstance(node, ast.Lambda) or (isinstance(node, ast.Name) and node.id in names.own_callables)


def is_module(node: ast.AST, names: Bindings) -> bool:
    return isinstance(node, ast.Name) and node.id in names.modules


def is_module_attribute(node: ast.AST, names: Bindings) -> bool:
    return isinstance(node, ast.Attribute) and is_module(node.value, names)


def names_module(node: ast.AST, module_names: Sequence[str]) -> bool:
    """A dotted target string such as ``"solution.add"`` in ``monkeypatch.setattr``."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    return node.value.split(".")[0] in module_names and "." in node.value


def is_learner_value(node: ast.AST, names: Bindings) -> bool:
    """``PRICES`` imported from the learner's module, or ``shop.PRICES``."""
    return (isinstance(node, ast.Name) and node.id in names.learner) or is_module_attribute(node, names)


def is_learner_callable(node: ast.AST, names: Bindings) -> bool:
    return is_learner_value(node, names)
