"""Measure the structure of Python source from its syntax tree, without running it.

``ast.parse`` only reads the text, so the trusted grader may measure learner
code. Every metric is a whole number where lower is better, so a refactor
exercise's target is always "at most N". Functions are measured one by one
(methods and nested functions included) and each metric reports the worst.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from grader.course.manifest import STRUCTURE_KEYS

# One learner-facing name per metric, used word for word in the feedback (the metric lines,
# each check's description and message), the refactor exercises' READMEs and the docs.
LABELS = {
    "longest_function": "lines of code in the longest function",
    "deepest_nesting": "levels of nesting",
    "branches_per_function": "decisions in the busiest function",
    "repeated_blocks": "repeated blocks",
    "magic_numbers": "unnamed numbers inside functions",
    "most_parameters": "parameters in one function",
}
# A block must be at least this many syntax-tree nodes to count as a copy: small
# look-alikes such as `return "A"` or `total += price` are not duplication.
MIN_BLOCK_NODES = 20
# Numbers that explain themselves: counting from zero or one, stepping by one.
PLAIN_NUMBERS = (0, 1, -1)
MAX_SOURCE_CHARS = 200_000
# The line breaks Python's parser counts (str.splitlines also splits at form feeds and more).
LINE_BREAK = re.compile(r"\r\n|\r|\n")
TEXT_RUNNERS = ("exec", "eval", "compile", "__import__")
COMPOUND = (
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.With,
    ast.AsyncWith,
    ast.Try,
    ast.TryStar,
    ast.Match,
)
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
DECISIONS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.IfExp, ast.ExceptHandler, ast.match_case)
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class Unmeasurable(Exception):
    """The source cannot be measured; the message says why, for the learner."""


def measure(source: str) -> dict[str, int]:
    """Every metric of ``source``, keyed as in STRUCTURE_KEYS."""
    if len(source) > MAX_SOURCE_CHARS:
        raise Unmeasurable(f"the file is longer than {MAX_SOURCE_CHARS} characters")
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as error:
        raise Unmeasurable(f"the file is not valid Python ({type(error).__name__})") from None
    except (RecursionError, MemoryError):
        raise Unmeasurable("the code is nested too deeply to measure") from None
    hidden = sorted(name for name in TEXT_RUNNERS if any(is_call_to(n, name) for n in ast.walk(tree)))
    if hidden:
        # Code built from text would hide its structure from the measurements.
        raise Unmeasurable(f"it runs code from text with {', '.join(hidden)}(), which cannot be measured")
    try:
        return measure_tree(tree, LINE_BREAK.split(source))
    except (RecursionError, MemoryError):
        raise Unmeasurable("the code is nested too deeply to measure") from None


def measure_tree(tree: ast.Module, lines: list[str]) -> dict[str, int]:
    """Every metric of a parsed module whose source lines are ``lines``."""
    functions = [node for node in ast.walk(tree) if isinstance(node, FUNCTIONS)]
    measures = {
        "longest_function": max((code_lines(f, lines) for f in functions), default=0),
        "deepest_nesting": max((nesting(f.body) for f in functions), default=0),
        "branches_per_function": max((branches(f) for f in functions), default=0),
        "repeated_blocks": repeated_blocks(tree),
        "magic_numbers": magic_numbers(functions),
        "most_parameters": max((parameters(f) for f in functions), default=0),
    }
    return {key: measures[key] for key in STRUCTURE_KEYS}


def is_call_to(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


def code_lines(function: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> int:
    """Lines from ``def`` to the end, leaving out the docstring, blank lines and comments."""
    skipped: set[int] = set()
    first = function.body[0]
    if isinstance(first, ast.Expr) and isinstance(getattr(first.value, "value", None), str):
        skipped = set(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    count = 0
    for number in range(function.lineno, (function.end_lineno or function.lineno) + 1):
        text = lines[number - 1].strip() if number <= len(lines) else ""
        if number not in skipped and text and not text.startswith("#"):
            count += 1
    return count


def nesting(body: list[ast.stmt], depth: int = 0) -> int:
    """How many blocks deep the deepest statement sits; ``elif`` stays at its ``if``'s depth."""
    deepest = depth
    for statement in body:
        if isinstance(statement, SCOPES):
            continue  # a nested function or class is measured on its own
        for inner, extra in child_blocks(statement):
            deepest = max(deepest, nesting(inner, depth + extra))
    return deepest


def child_blocks(statement: ast.stmt) -> Iterator[tuple[list[ast.stmt], int]]:
    """The statement's own blocks, each with how much deeper it sits (0 for an elif chain)."""
    if not isinstance(statement, COMPOUND):
        return
    if isinstance(statement, ast.Match):
        for case in statement.cases:
            yield case.body, 1
        return
    yield statement.body, 1
    orelse = getattr(statement, "orelse", [])
    is_elif = isinstance(statement, ast.If) and len(orelse) == 1 and isinstance(orelse[0], ast.If)
    yield orelse, 0 if is_elif else 1
    for handler in getattr(statement, "handlers", []):
        yield handler.body, 1
    yield getattr(statement, "finalbody", []), 1


def own_nodes(function: ast.AST) -> Iterator[ast.AST]:
    """Every node of a function's body, not descending into nested functions or classes."""
    pending = list(ast.iter_child_nodes(function))
    while pending:
        node = pending.pop()
        if isinstance(node, SCOPES):
            continue
        yield node
        pending.extend(ast.iter_child_nodes(node))


def branches(function: ast.AST) -> int:
    """Decisions a function makes: if/elif, loops, except, case, conditional expressions, and/or."""
    count = 0
    for node in own_nodes(function):
        if isinstance(node, DECISIONS):
            count += 1
        elif isinstance(node, ast.BoolOp):
            count += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            count += len(node.ifs)
    return count


def magic_numbers(functions: list[ast.FunctionDef | ast.AsyncFunctionDef]) -> int:
    """Numbers written out in function bodies, other than 0, 1 and -1, each place counted once.

    Default values of parameters are named by the parameter, so they do not count.
    """
    found = {
        id(node)
        for function in functions
        for statement in function.body
        for node in ast.walk(statement)
        if isinstance(node, ast.Constant)
        and type(node.value) in (int, float)
        and node.value not in PLAIN_NUMBERS
    }
    return len(found)


def parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Parameters a caller must think about; ``self`` and ``cls`` do not count."""
    arguments = function.args
    names = [a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs]
    names += [a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None]
    if names and names[0] in ("self", "cls"):
        names = names[1:]
    return len(names)


def repeated_blocks(tree: ast.Module) -> int:
    """Blocks of code that copy an earlier block, ignoring names and the values of constants.

    A block is one statement, or the statements of one body (two or more), of
    at least MIN_BLOCK_NODES nodes. Once a block is found to be a copy, the
    statements inside it are not counted again.
    """
    seen: set[str] = set()
    copies = 0
    pending: list[list[ast.stmt]] = [tree.body]
    while pending:
        body = pending.pop(0)
        units: list[ast.AST] = [ast.Module(body=body, type_ignores=[])] if len(body) > 1 else []
        if units and record(units[0], seen):
            copies += 1
            continue
        for statement in body:
            if record(statement, seen):
                copies += 1
            else:
                pending.extend(blocks_of(statement))
    return copies


def record(unit: ast.AST, seen: set[str]) -> bool:
    """Remember a big enough block; say whether it copies one seen before."""
    if sum(1 for _ in ast.walk(unit)) < MIN_BLOCK_NODES:
        return False
    # Re-parsing the unparsed text gives a private copy to anonymise.
    shape = ast.dump(Anonymise().visit(ast.parse(ast.unparse(unit))), annotate_fields=False)
    if shape in seen:
        return True
    seen.add(shape)
    return False


def blocks_of(statement: ast.stmt) -> list[list[ast.stmt]]:
    """Every statement list directly inside ``statement`` (bodies, else parts, handlers, cases)."""
    found = []
    for field in ("body", "orelse", "finalbody"):
        block = getattr(statement, field, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            found.append(block)
    found += [h.body for h in getattr(statement, "handlers", [])]
    found += [c.body for c in getattr(statement, "cases", [])]
    return found


class Anonymise(ast.NodeTransformer):
    """Blank out names and constant values: a copy with renamed variables is still a copy."""

    def visit_Name(self, node: ast.Name) -> ast.AST:
        return ast.Name(id="_", ctx=ast.Load())

    def visit_arg(self, node: ast.arg) -> ast.AST:
        return ast.arg(arg="_")

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.Constant(value=type(node.value).__name__)
