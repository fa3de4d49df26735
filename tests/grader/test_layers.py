"""The layout keeps the pipeline's direction: imports run down the layers, never up, never round.

The rules (docs/architecture.md) are read from the code's own imports, so the
layout cannot drift back: every ``import`` of a grader module, at any depth
(inside functions too), counts.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import grader

GRADER = Path(grader.__file__).parent

# Lower number, lower layer. A package may import its own layer's modules and any lower layer's.
# Packages not listed (the command line, the notebook and batch doors, renderers, editions,
# platforms, testkit, validate, watch, doctor) are the doors: they stand above all of these.
LAYERS = {"pipeline": 4, "kinds": 3, "plain": 3, "boundary": 2, "feedback": 1, "course": 0, "worker": -1}
DOORS = 5
# Within one layer, the only direction allowed between its packages.
SIDEWAYS = {("feedback", "course")}


@dataclass(frozen=True)
class Import:
    """One import of a grader module: who imports what, and on which line."""

    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer} imports {self.imported} (line {self.line})"


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def engine_modules(root: Path) -> dict[str, Path]:
    """Every module of the package but the hidden suites (content, not engine)."""
    return {
        module_name(root, path): path
        for path in sorted(root.rglob("*.py"))
        if "suites" not in path.relative_to(root).parts
    }


def imports_of(name: str, path: Path, known: set[str]) -> list[Import]:
    """The grader modules ``name`` imports, resolved to modules (not names inside them)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [f"{node.module}.{alias.name}" for alias in node.names]
            targets = [t if t in known else node.module for t in targets]
        else:
            continue
        found += [Import(name, t, node.lineno) for t in targets if t.split(".")[0] == "grader"]
    return found


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else parts[-1]


def layer(module: str) -> int:
    return LAYERS.get(package_of(module), DOORS) if module != "grader" else DOORS


def upward(edge: Import) -> bool:
    """An import of a higher layer, or against the allowed direction within a layer."""
    low, high = package_of(edge.importer), package_of(edge.imported)
    if layer(edge.imported) > layer(edge.importer):
        return True
    same_layer = layer(edge.imported) == layer(edge.importer) and low != high
    return same_layer and layer(edge.importer) < DOORS and (low, high) not in SIDEWAYS


def cycles(edges: list[Import]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        graph.setdefault(edge.importer, set()).add(edge.imported)
        graph.setdefault(edge.imported, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return groups


def all_imports(root: Path) -> list[Import]:
    modules = engine_modules(root)
    known = set(modules)
    return [edge for name, path in modules.items() for edge in imports_of(name, path, known)]


def layout_problems(root: Path) -> list[str]:
    """Every broken rule, in words; empty when the layout holds."""
    edges = all_imports(root)
    problems = [f"upward: {edge}" for edge in edges if upward(edge)]
    problems += [f"cycle: {' <-> '.join(group)}" for group in cycles(edges)]
    problems += [
        f"the worker must stand alone: {edge}" for edge in edges if package_of(edge.importer) == "worker"
    ]
    problems += [f"outside the standard library: {p}" for p in worker_foreign_imports(root)]
    return problems


def worker_foreign_imports(root: Path) -> list[str]:
    """Imports in grader/worker/ of anything but the standard library."""
    found = []
    for path in sorted((root / "worker").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.ImportFrom):
                names = ["." * node.level + (node.module or "")]
            found += [
                f"{path.name} imports {name} (line {node.lineno})"
                for name in names
                if name.split(".")[0] not in (*sys.stdlib_module_names, "grader")
            ]
    return found


def test_the_grader_package_keeps_its_layers() -> None:
    assert layout_problems(GRADER) == []


def test_every_package_says_what_it_holds_and_may_import() -> None:
    for init in sorted(GRADER.glob("*/__init__.py")):
        if init.parent.name == "suites":
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init.relative_to(GRADER.parent)} has no docstring"
        assert "import" in doc, f"{init.relative_to(GRADER.parent)} does not say what it may import"


def test_every_engine_module_has_a_docstring() -> None:
    missing = [
        name
        for name, path in engine_modules(GRADER).items()
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert missing == []


def write_package(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / "grader" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "grader"


CLEAN = {
    "__init__.py": '"""Top."""\n',
    "worker/__init__.py": '"""Worker."""\n',
    "worker/wire.py": '"""Wire."""\nimport json\n',
    "boundary/__init__.py": '"""Boundary."""\n',
    "boundary/remote.py": '"""Remote."""\nfrom grader.worker import wire\n',
    "pipeline/__init__.py": '"""Pipeline."""\n',
    "pipeline/runner.py": '"""Runner."""\nfrom grader.boundary.remote import x\n',
}


def test_a_clean_tree_has_no_problems(tmp_path: Path) -> None:
    assert layout_problems(write_package(tmp_path, CLEAN)) == []


def test_an_upward_import_is_named(tmp_path: Path) -> None:
    files = {
        **CLEAN,
        "boundary/remote.py": '"""Remote."""\ndef f():\n    from grader.pipeline import runner\n',
    }
    assert layout_problems(write_package(tmp_path, files)) == [
        "upward: grader.boundary.remote imports grader.pipeline.runner (line 3)",
        "cycle: grader.boundary.remote <-> grader.pipeline.runner",
    ]


def test_a_sideways_import_against_the_rule_is_named(tmp_path: Path) -> None:
    files = {
        **CLEAN,
        "course/__init__.py": '"""Course."""\n',
        "course/workspace.py": '"""Workspace."""\nfrom grader.feedback.model import Feedback\n',
        "feedback/__init__.py": '"""Feedback."""\n',
        "feedback/model.py": '"""Model."""\n',
    }
    assert layout_problems(write_package(tmp_path, files)) == [
        "upward: grader.course.workspace imports grader.feedback.model (line 2)"
    ]


def test_a_cycle_among_the_doors_is_named(tmp_path: Path) -> None:
    files = {
        **CLEAN,
        "cli.py": '"""CLI."""\nimport grader.watch\n',
        "watch.py": '"""Watch."""\nimport grader.cli\n',
    }
    assert layout_problems(write_package(tmp_path, files)) == ["cycle: grader.cli <-> grader.watch"]


def test_the_worker_may_import_nothing_of_ours_nor_outside_the_standard_library(tmp_path: Path) -> None:
    files = {**CLEAN, "worker/wire.py": '"""Wire."""\nimport yaml\nfrom grader.feedback import compare\n'}
    problems = layout_problems(write_package(tmp_path, files))
    assert "the worker must stand alone: grader.worker.wire imports grader.feedback (line 3)" in problems
    assert "outside the standard library: wire.py imports yaml (line 2)" in problems
    assert "upward: grader.worker.wire imports grader.feedback (line 3)" in problems
