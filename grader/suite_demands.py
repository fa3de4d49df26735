"""What a suite demands besides a message's wording: the exception type, and values no input gives.

Read from the suite's syntax tree, nothing run. ``.raises(TypeError, ...)``
demands a TypeError: the learner must be told which type. ``.returns(...)``
with a word the learner's code must make up itself ("FizzBuzz", "shipped")
demands that exact word, unless the test passed it in (an echoed name is no
demand) or it is made of the input (a URL built from its parts is not a word).
"""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass

# A value the learner could only guess: a word or a few, letters only ("pending", "Fizz Buzz").
WORDS = re.compile(r"[A-Za-z][A-Za-z _-]*")
EXCEPTIONS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)


@dataclass(frozen=True)
class DemandedType:
    """One ``.raises(...)``: the exception type it demands, and the message patterns beside it."""

    line: int
    type_name: str
    patterns: tuple[str, ...]


def raises_calls(tree: ast.AST) -> list[ast.Call]:
    """Every ``<something>.raises(...)`` call (the testkit's and pytest's alike)."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "raises"
    ]


def exception_names(node: ast.expr) -> list[str]:
    """The built-in exception types an argument of raises names (a tuple names several)."""
    names = node.elts if isinstance(node, ast.Tuple) else [node]
    return [n.id for n in names if isinstance(n, ast.Name) and n.id in EXCEPTIONS]


def demanded_types(source: str, patterns_of: dict[int, list[str]]) -> list[DemandedType]:
    """Each built-in exception type a suite demands, with the message patterns at the same line."""
    found = []
    for node in raises_calls(ast.parse(source)):
        for name in exception_names(node.args[0]) if node.args else []:
            found.append(DemandedType(node.lineno, name, tuple(patterns_of.get(node.lineno, []))))
    return sorted(set(found), key=lambda d: (d.line, d.type_name))


def demanded_values(source: str) -> list[tuple[int, str]]:
    """(line, word) for each word a ``.returns(...)`` expects that no other string of the suite holds."""
    tree = ast.parse(source)
    expected = [
        (node.lineno, constant)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "returns"
        for argument in node.args[:1]
        for constant in ast.walk(argument)
        if isinstance(constant, ast.Constant) and isinstance(constant.value, str)
    ]
    expected_ids = {id(constant) for _, constant in expected}
    given = " ".join(
        str(node.value).lower()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in expected_ids
    )
    words = [(line, str(c.value)) for line, c in expected if WORDS.fullmatch(str(c.value))]
    return sorted({(line, word) for line, word in words if word.lower() not in given})
