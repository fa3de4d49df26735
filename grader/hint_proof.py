"""Prove every hint of a suite: it fires on the variants it was written for, on no other, nor the reference.

A hint is written for the known-wrong variants whose docstring carries it (a
``Hint: ...`` paragraph with the same words). The hints of a suite are read
from its source (``hint(...)`` markers and ``hint_if=`` values) and from its
variants; where each fires is read from what validate's grading showed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

MISTAKES = "mistakes"
# A write-tests case's hint is shown only when the learner's tests miss the very bug that case
# plants: the planted bug is the mistake it was written for, whichever learner variant misses it.
BY_CONSTRUCTION = ("when=bug_not_caught",)


@dataclass(frozen=True)
class HintCheck:
    """One hint of a suite: where it comes from, what it was written for and where it fired."""

    text: str
    source: str  # "when=exception", "hint_if", "variant"
    tests: tuple[str, ...]  # the tests it is attached to (none for a variant's hint)
    written_for: tuple[str, ...]
    fires_on: tuple[str, ...]
    on_reference: bool = False

    @property
    def misfires(self) -> tuple[str, ...]:
        """The variants it fires on without being written for them."""
        return tuple(v for v in self.fires_on if v not in self.written_for)

    @property
    def ok(self) -> bool:
        return not self.on_reference and not self.misfires

    @property
    def never_fires(self) -> bool:
        return not self.fires_on

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(ok=self.ok, misfires=list(self.misfires), never_fires=self.never_fires)
        return data


def prove_hints(
    suite_dir: Path,
    declared: Mapping[str, tuple[str, ...]],
    shown: Mapping[str, tuple[str, ...]],
    reference_shown: tuple[str, ...] = (),
) -> tuple[HintCheck, ...]:
    """Check every hint of the suite against where it fired.

    ``declared`` maps each variant to its ``Hint:`` paragraphs; ``shown`` maps it
    to the hints a learner making that mistake is shown.
    """
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for text, source, test in authored_hints(suite_dir):
        previous = found.get(text, (source, ()))
        found[text] = (previous[0], (*previous[1], test))
    for hints in declared.values():
        for text in hints:
            found.setdefault(text, ("variant", ()))
    checks = []
    for text, (source, tests) in found.items():
        fires_on = tuple(v for v, hints in shown.items() if said(text, hints))
        written_for = tuple(v for v, hints in declared.items() if text in hints)
        checks.append(
            HintCheck(
                text=text,
                source=source,
                tests=tests,
                written_for=fires_on if source in BY_CONSTRUCTION else written_for,
                fires_on=fires_on,
                on_reference=said(text, reference_shown),
            )
        )
    return tuple(checks)


def said(text: str, hints: Iterable[str]) -> bool:
    """The hint is one of those shown, or a whole sentence of one (a known mistake's hints are joined)."""
    return any(
        hint == text or hint.startswith(text + " ") or hint.endswith(" " + text) or f" {text} " in hint
        for hint in hints
    )


def authored_hints(suite_dir: Path) -> list[tuple[str, str, str]]:
    """Every hint written in the suite's source: (text, where it comes from, the test it is on)."""
    found = []
    for path in sorted(suite_dir.rglob("*.py")):
        if MISTAKES in path.relative_to(suite_dir).parts or path.parent.name == "implementations":
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        constants = string_names(tree.body)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found += hints_of_test(node, constants | string_names(node.body))
            elif isinstance(node, ast.Call) and is_param(node.func):
                found += hints_of_case(node, constants)
    return found


Test = ast.FunctionDef | ast.AsyncFunctionDef


def hints_of_test(test: Test, constants: dict[str, str]) -> list[tuple[str, str, str]]:
    """The hints a test's markers and hint_if arguments carry."""
    found = []
    for decorator in test.decorator_list:
        if isinstance(decorator, ast.Call) and is_hint_marker(decorator.func) and decorator.args:
            label = marker_label(decorator)
            found += [(text, label, test.name) for text in strings(decorator.args[0], constants)]
    bound = {name: value for name, value in assignments(test.body)}
    for node in ast.walk(test):
        if isinstance(node, ast.keyword) and node.arg == "hint_if":
            value = bound.get(node.value.id, node.value) if isinstance(node.value, ast.Name) else node.value
            found += [(text, "hint_if", test.name) for text in hint_if_texts(value, constants)]
    return found


def assignments(body: list[ast.stmt]) -> list[tuple[str, ast.expr]]:
    """The ``name = value`` statements of a body (one plain name on the left)."""
    return [
        (node.targets[0].id, node.value)
        for node in body
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
    ]


def hints_of_case(case: ast.Call, constants: dict[str, str]) -> list[tuple[str, str, str]]:
    """The hints on one ``pytest.param(..., marks=pytest.mark.hint(...))`` case, named by its value."""
    name = strings(case.args[0], {})[:1] if case.args else []
    found = []
    for keyword in case.keywords:
        marks = keyword.value.elts if isinstance(keyword.value, (ast.List, ast.Tuple)) else [keyword.value]
        for mark in marks:
            if keyword.arg == "marks" and isinstance(mark, ast.Call) and is_hint_marker(mark.func):
                found += [(text, marker_label(mark), *name) for text in strings(mark.args[0], constants)]
    return [entry for entry in found if len(entry) == 3]


def marker_label(marker: ast.Call) -> str:
    when = next((k.value for k in marker.keywords if k.arg == "when"), None)
    return "when=" + ",".join(strings(when, {})) if when is not None else "marker"


def is_hint_marker(func: ast.expr) -> bool:
    return isinstance(func, ast.Attribute) and func.attr == "hint"


def is_param(func: ast.expr) -> bool:
    return isinstance(func, ast.Attribute) and func.attr == "param"


def hint_if_texts(value: ast.expr, constants: dict[str, str]) -> list[str]:
    """The hints of a hint_if mapping or list of (value, hint) pairs."""
    if isinstance(value, ast.Dict):
        return [t for v in value.values for t in strings(v, constants)]
    if isinstance(value, (ast.List, ast.Tuple)):
        pairs = [e for e in value.elts if isinstance(e, ast.Tuple) and len(e.elts) == 2]
        return [t for pair in pairs for t in strings(pair.elts[1], constants)]
    return strings(value, constants)


def strings(node: ast.expr | None, constants: dict[str, str]) -> list[str]:
    """The text a node stands for: a literal (implicitly joined), a module constant, or a tuple of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # "..." + "..."
        joined = [a + b for a in strings(node.left, constants) for b in strings(node.right, constants)]
        return joined[:1]
    if isinstance(node, ast.Name) and node.id in constants:
        return [constants[node.id]]
    if isinstance(node, (ast.Tuple, ast.List)):
        return [t for e in node.elts for t in strings(e, constants)]
    return []


def string_names(body: list[ast.stmt]) -> dict[str, str]:
    """Names bound to a string in a module or a test, so hint(SOME_HINT) is read as its words."""
    found = {}
    for name, value in assignments(body):
        texts = strings(value, {}) if isinstance(value, (ast.Constant, ast.BinOp)) else []
        if texts:
            found[name] = texts[0]
    return found
