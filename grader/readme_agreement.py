"""Suites and READMEs agree: every wording a suite demands is written where the learner reads it.

A suite that wants ``ValueError`` with the message "percent must be between 0
and 100" asks for something the learner can only know from the exercise's
README or starter. This reads every ``.raises(..., match=...)`` in a suite
(from the syntax tree: nothing is run), takes the phrases its pattern demands
word for word, and lists those that neither the README nor the starter
states. A pattern of single words ("hour", "digit|hour") accepts any message
that names what is wrong, so it demands no wording. Values that differ from
case to case (a number, a quoted value, a formatted field) are left out of the
phrases: "line 2: unknown coupon 'HALF'" demands "unknown coupon", and
"order must be text, got list" demands "order must be text, got".
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

from grader.course.manifest import Course, Exercise
from grader.course.restore import RestoreError
from grader.course.starter import committed_starter

SYNTAX = set(".^$*+?{}[]()|")  # a regex mark that is not escaped ends a literal run
# Where a phrase ends inside the literal text: a quoted value, a number or a type's name ("got list").
VALUES = re.compile(r"'[^']*'|\"[^\"]*\"|\d+|\b(?:NoneType|bool|int|float|str|list|tuple|dict|set|bytes)\b")
EDGES = " \t,:;-!"


@dataclass(frozen=True)
class Unstated:
    """A phrase a suite demands in an exception message that the learner is never told."""

    test: str  # file:line in the suite
    pattern: str  # the whole message pattern, a formatted field shown as (...)
    phrase: str  # the part of it the learner is never told

    def to_dict(self) -> dict[str, Any]:
        return {"test": self.test, "pattern": self.pattern, "phrase": self.phrase}

    def __str__(self) -> str:
        return (
            f"{self.test} demands the message {self.pattern!r}; "
            f"the README and the starter never say {self.phrase!r}"
        )


def unstated_phrases(course: Course, exercise: Exercise) -> tuple[Unstated, ...]:
    """Every demanded phrase of the exercise's suite that its README and starter leave out."""
    readable = normalized(learner_text(course, exercise))
    found = []
    suite_dir = course.suite_dir(exercise)
    for path in sorted(suite_dir.rglob("test_*.py")):
        for line, pattern in demanded_patterns(path.read_text(encoding="utf-8")):
            where = f"{path.relative_to(suite_dir).as_posix()}:{line}"
            missing = [p for p in phrases(pattern) if normalized(p) not in readable]
            found += [Unstated(where, pattern, p) for p in missing]
    return tuple(dict.fromkeys(found))


def learner_text(course: Course, exercise: Exercise) -> str:
    """The README and the starter's files as committed (the working copy when git cannot tell)."""
    folder = course.exercise_dir(exercise)
    readme = folder / "README.md"
    parts = [readme.read_text(encoding="utf-8")] if readme.is_file() else []
    try:
        files = {
            name: data.decode("utf-8", "replace")
            for name, data in committed_starter(course, exercise).items()
        }
    except RestoreError:
        files = {
            p.name: p.read_text(encoding="utf-8") for f in exercise.files for p in sorted(folder.glob(f))
        }
    return "\n".join(parts + list(files.values()))


def normalized(text: str) -> str:
    """Lower case, one space between words, no Markdown code marks: how a reader compares wording."""
    return " ".join(text.replace("`", "").lower().split())


def phrases(pattern: str) -> list[str]:
    """The phrases of two words or more a message pattern demands word for word."""
    if all(len(part.split()) <= 1 for part in pattern.split("|")):
        return []  # single words: any message naming what is wrong will do
    # Values first: a quoted value may hold regex marks ('0.5'), and is left out whole.
    pieces = [run.strip(EDGES) for piece in VALUES.split(pattern) for run in literal_runs(piece)]
    return [piece for piece in pieces if len(piece.split()) >= 2]


def literal_runs(pattern: str) -> list[str]:
    """The runs of literal text in a regex: an escaped mark (\\., \\() is itself; a class (\\d) ends a run."""
    runs, run, index = [], "", 0
    while index < len(pattern):
        char = pattern[index]
        escaped = char == "\\" and index + 1 < len(pattern)
        if escaped and not pattern[index + 1].isalnum():
            run, index = run + pattern[index + 1], index + 2
        elif escaped or char in SYNTAX:
            runs.append(run)
            run, index = "", index + (2 if escaped else 1)
        else:
            run, index = run + char, index + 1
    return [*runs, run]


def demanded_patterns(source: str) -> list[tuple[int, str]]:
    """(line, pattern) for every ``raises(..., match=...)`` whose pattern can be read without running it.

    A pattern is a string, an f-string (its fields become gaps), or a name
    bound to one: a module constant, a local variable, or a test's
    parametrized argument (each of its values).
    """
    tree = ast.parse(source)
    constants = names_bound(tree.body, {})
    found = []
    for function in (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)):
        known = {**constants, **parametrized_values(function)}
        known.update(names_bound(list(ast.walk(function)), known))
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "raises"
            ):
                match = next((k.value for k in node.keywords if k.arg == "match"), None)
                patterns = pattern_texts(match, known) if match is not None else []
                found += [(node.lineno, pattern) for pattern in patterns]
    return sorted(set(found))


def pattern_texts(node: ast.expr, known: dict[str, list[str]]) -> list[str]:
    """The pattern(s) an expression stands for; a formatted field becomes a gap ("(...)")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        parts = [v.value if isinstance(v, ast.Constant) else "(...)" for v in node.values]
        return ["".join(str(part) for part in parts)]
    if isinstance(node, ast.Name):
        return known.get(node.id, [])
    return []


def names_bound(nodes: list[ast.AST] | list[ast.stmt], known: dict[str, list[str]]) -> dict[str, list[str]]:
    """Names assigned a string or an f-string among ``nodes``."""
    found = {}
    for node in nodes:
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Constant, ast.JoinedStr)):
            texts = pattern_texts(node.value, known)
            found.update({t.id: texts for t in node.targets if isinstance(t, ast.Name) and texts})
    return found


def parametrized_values(function: ast.FunctionDef) -> dict[str, list[str]]:
    """Argument name -> its string values, from ``@pytest.mark.parametrize`` lists of literals."""
    found: dict[str, list[str]] = {}
    for decorator in function.decorator_list:
        if not (isinstance(decorator, ast.Call) and getattr(decorator.func, "attr", "") == "parametrize"):
            continue
        if len(decorator.args) < 2:
            continue
        try:
            names, values = ast.literal_eval(decorator.args[0]), ast.literal_eval(decorator.args[1])
        except ValueError:
            continue  # values computed at collection: nothing to read here
        names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
        for index, name in enumerate(names):
            column = [row[index] if len(names) > 1 else row for row in values]
            found[name] = [value for value in column if isinstance(value, str)]
    return found
