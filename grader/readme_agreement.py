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

The exception type a suite demands must be named too, and in the README
section (or the starter) that states the message it comes with; so must a word
the suite expects back that no input gives (grader/suite_demands.py).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

from grader.course.manifest import Course, Exercise
from grader.course.restore import RestoreError
from grader.course.starter import committed_starter
from grader.suite_demands import DemandedType, demanded_types, demanded_values

SYNTAX = set(".^$*+?{}[]()|")  # a regex mark that is not escaped ends a literal run
# Where a phrase ends inside the literal text: a quoted value, a number or a type's name ("got list").
VALUES = re.compile(r"'[^']*'|\"[^\"]*\"|\d+|\b(?:NoneType|bool|int|float|str|list|tuple|dict|set|bytes)\b")
EDGES = " \t,:;-!"


@dataclass(frozen=True)
class Unstated:
    """A phrase a suite demands in an exception message that the learner is never told."""

    test: str  # file:line in the suite
    pattern: str  # the whole message pattern, a formatted field shown as (...); an exception type; a value
    phrase: str  # the part of it the learner is never told
    what: str = "message"  # "message", "exception" (its type) or "value" (a word expected back)

    def to_dict(self) -> dict[str, Any]:
        return {"test": self.test, "pattern": self.pattern, "phrase": self.phrase, "what": self.what}

    def __str__(self) -> str:
        if self.what == "exception" and self.phrase != self.pattern:
            return (
                f"{self.test} demands {self.pattern} with the message {self.phrase!r}; "
                f"the README and the starter never name {self.pattern} where they say it"
            )
        if self.what == "exception":
            return f"{self.test} demands {self.pattern}; the README and the starter never name it"
        if self.what == "value":
            return f"{self.test} expects {self.pattern!r} back; the README and the starter never show it"
        return (
            f"{self.test} demands the message {self.pattern!r}; "
            f"the README and the starter never say {self.phrase!r}"
        )


def unstated_phrases(course: Course, exercise: Exercise) -> tuple[Unstated, ...]:
    """Every demanded phrase, exception type and made-up value of the suite that the learner is never told."""
    sections = [normalized(section) for section in learner_sections(course, exercise)]
    readable = " ".join(sections)
    found = []
    suite_dir = course.suite_dir(exercise)
    for path in sorted(suite_dir.rglob("test_*.py")):
        source, name = path.read_text(encoding="utf-8"), path.relative_to(suite_dir).as_posix()
        patterns = demanded_patterns(source)
        for line, pattern in patterns:
            missing = [p for p in phrases(pattern) if normalized(p) not in readable]
            found += [Unstated(f"{name}:{line}", pattern, p) for p in missing]
        by_line: dict[int, list[str]] = {}
        for line, pattern in patterns:
            by_line.setdefault(line, []).append(pattern)
        for demanded in demanded_types(source, by_line):
            found += unstated_type(f"{name}:{demanded.line}", demanded, sections)
        for line, value in demanded_values(source):
            if normalized(value) not in readable:
                found.append(Unstated(f"{name}:{line}", value, value, "value"))
    return tuple(dict.fromkeys(found))


def unstated_type(where: str, demanded: DemandedType, sections: list[str]) -> list[Unstated]:
    """The exception type, unless named; and named beside each stated message it comes with.

    Beside: in the same README section (between two headings), or in the starter.
    """
    type_name = demanded.type_name.lower()
    if not any(type_name in section for section in sections):
        return [Unstated(where, demanded.type_name, demanded.type_name, "exception")]
    found = []
    for phrase in (p for pattern in demanded.patterns for p in phrases(pattern)):
        saying = [section for section in sections if normalized(phrase) in section]
        if saying and not any(type_name in section for section in saying):
            found.append(Unstated(where, demanded.type_name, phrase, "exception"))
    return found


def learner_text(course: Course, exercise: Exercise) -> str:
    """The README and the starter's files as committed (the working copy when git cannot tell)."""
    return "\n".join(learner_sections(course, exercise))


def learner_sections(course: Course, exercise: Exercise) -> list[str]:
    """The README's sections (each heading starts one) and the starter's files, each whole."""
    folder = course.exercise_dir(exercise)
    readme = folder / "README.md"
    parts = readme_sections(readme.read_text(encoding="utf-8")) if readme.is_file() else []
    try:
        files = {
            name: data.decode("utf-8", "replace")
            for name, data in committed_starter(course, exercise).items()
        }
    except RestoreError:
        files = {
            p.name: p.read_text(encoding="utf-8") for f in exercise.files for p in sorted(folder.glob(f))
        }
    return parts + list(files.values())


def readme_sections(text: str) -> list[str]:
    """The README cut at each Markdown heading (a ``#`` line inside a code block is no heading)."""
    sections: list[list[str]] = [[]]
    fenced = False
    for line in text.splitlines():
        fenced ^= line.lstrip().startswith("```")
        if not fenced and re.match(r"#+ ", line):
            sections.append([])
        sections[-1].append(line)
    return ["\n".join(lines) for lines in sections if any(line.strip() for line in lines)]


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
