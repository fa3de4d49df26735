"""Turn a folder of exercises in the common layout into a course of ours.

Each ``SRC/<exercise>/`` holds a starter (``exercise.py`` or ``<name>.py``),
tests (``<name>_test.py``) and a reference (``.meta/example.py``). The result
is ``course.toml``, ``exercises/``, ``solutions/`` and ``grader/suites/``, where
the tests become a plain suite (``test_<name>.py``) graded unchanged. Whatever
cannot be converted is listed, never guessed.
"""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from grader.plain.scan import suite_problems

MODULE_ID = "imported"
MODULE_PATH = "01_imported"
GENERATED_MISTAKE = (
    '"""Mistake: every function returns None (made by grader import-tests from the reference)."""\n'
)


class ImportProblem(Exception):
    """The source or destination folder cannot be used at all."""


@dataclass(frozen=True)
class ImportReport:
    """What import-tests made, and what it could not convert."""

    imported: tuple[str, ...]
    skipped: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, list[str]]:
        return {"imported": list(self.imported), "skipped": list(self.skipped), "notes": list(self.notes)}


@dataclass(frozen=True)
class Found:
    """The three files of one source exercise."""

    slug: str
    starter: Path
    tests: Path
    example: Path


def import_exercises(source: Path, out: Path, title: str = "Imported exercises") -> ImportReport:
    """Convert every exercise folder under ``source`` into a new course at ``out``."""
    if not source.is_dir():
        raise ImportProblem(f"{source} is not a folder")
    if out.exists() and any(out.iterdir()):
        raise ImportProblem(f"{out} is not empty: choose a new folder for the course")
    found, skipped = [], []
    for folder in sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")):
        result = find_files(folder)
        if isinstance(result, str):
            skipped.append(f"{folder.name}: {result}")
        else:
            found.append(result)
    entries, notes = [], []
    for number, exercise in enumerate(found, start=1):
        entries.append(write_exercise(exercise, out, f"{number:02d}_{folder_name(exercise.slug)}"))
        notes += [f"{exercise.slug}: {note}" for note in exercise_notes(out, exercise, entries[-1])]
    (out / "exercises" / MODULE_PATH).mkdir(parents=True, exist_ok=True)
    (out / "exercises" / MODULE_PATH / "README.md").write_text(f"# {title}\n", encoding="utf-8")
    (out / "exercises" / "course.toml").write_text(manifest(title, entries), encoding="utf-8")
    return ImportReport(tuple(e["id"] for e in entries), tuple(skipped), tuple(notes))


def find_files(folder: Path) -> Found | str:
    """The starter, tests and reference of one exercise folder, or why they cannot be found."""
    tests = sorted(folder.glob("*_test.py")) or sorted(folder.glob("test_*.py"))
    if len(tests) != 1:
        return "expected exactly one <name>_test.py file" if not tests else "more than one test file"
    example = folder / ".meta" / "example.py"
    if not example.is_file():
        return "no reference solution (.meta/example.py)"
    name = tests[0].stem.removesuffix("_test").removeprefix("test_")
    starter = next((p for p in (folder / f"{name}.py", folder / "exercise.py") if p.is_file()), None)
    if starter is None:
        return f"no starter ({name}.py or exercise.py)"
    return Found(folder.name, starter, tests[0], example)


def folder_name(slug: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", slug.lower()).strip("_") or "exercise"


def exercise_id(slug: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "exercise"


def write_exercise(found: Found, out: Path, folder: str) -> dict[str, str]:
    """Copy one exercise's files into the course layout; return its manifest entry."""
    module = found.starter.stem
    relative = Path(MODULE_PATH) / folder
    places = {
        "exercise": out / "exercises" / relative,
        "solution": out / "solutions" / relative,
        "suite": out / "grader" / "suites" / relative,
    }
    for place in places.values():
        place.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(found.starter, places["exercise"] / f"{module}.py")
    shutil.copyfile(found.example, places["solution"] / f"{module}.py")
    shutil.copyfile(found.tests, places["suite"] / f"test_{module}.py")
    for helper in ("conftest.py",):
        if (found.starter.parent / helper).is_file():
            shutil.copyfile(found.starter.parent / helper, places["suite"] / helper)
    readme = next((p for p in readmes(found.starter.parent) if p.is_file()), None)
    text = readme.read_text(encoding="utf-8") if readme else f"# {found.slug}\n\nMake the tests pass.\n"
    (places["exercise"] / "README.md").write_text(text, encoding="utf-8")
    mistake = returns_none(found.example.read_text(encoding="utf-8"))
    if mistake is not None:
        (places["suite"] / "mistakes").mkdir()
        (places["suite"] / "mistakes" / "returns_none.py").write_text(mistake, encoding="utf-8")
    return {
        "id": exercise_id(found.slug),
        "title": found.slug.replace("-", " ").capitalize(),
        "path": f"exercises/{relative.as_posix()}",
        "file": f"{module}.py",
    }


def readmes(folder: Path) -> list[Path]:
    return [folder / "README.md", folder / ".docs" / "instructions.md"]


def returns_none(reference: str) -> str | None:
    """A known-wrong variant: the reference with every top-level function returning None."""
    try:
        tree = ast.parse(reference)
    except SyntaxError:
        return None
    functions = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not functions:
        return None
    for function in functions:
        function.body = [ast.Return(value=ast.Constant(None))]
    tree.body = [n for n in tree.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    return GENERATED_MISTAKE + "\n" + ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def exercise_notes(out: Path, found: Found, entry: dict[str, str]) -> list[str]:
    """What the converted suite does that a plain suite cannot (see grader.plain.scan)."""
    suite = out / "grader" / "suites" / entry["path"].removeprefix("exercises/")
    notes = [f"refused: {problem}" for problem in suite_problems(suite, [found.starter.stem])]
    if not (suite / "mistakes").is_dir():
        notes.append("no known-wrong variant could be made: add some under mistakes/")
    return notes


def manifest(title: str, entries: list[dict[str, str]]) -> str:
    """The course.toml for the imported exercises, in folder order."""
    lines = [
        "# Made by `grader import-tests`; edit freely.",
        "[course]",
        f"title = {toml_string(title)}",
        "schema = 1",
        "",
        "[[module]]",
        f'id = "{MODULE_ID}"',
        f"title = {toml_string(title)}",
        f'path = "exercises/{MODULE_PATH}"',
    ]
    for entry in entries:
        lines += [
            "",
            "[[exercise]]",
            f"id = {toml_string(entry['id'])}",
            f'module = "{MODULE_ID}"',
            f"title = {toml_string(entry['title'])}",
            f"path = {toml_string(entry['path'])}",
            'kind = "implement"',
            "points = 10",
            f"files = [{toml_string(entry['file'])}]",
        ]
    return "\n".join(lines) + "\n"


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
