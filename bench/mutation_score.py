"""Mutation score of the hidden suites: plant small changes in each reference solution, count those caught.

Each mutant is the reference solution's main file with one change made on its
syntax tree: a comparison flipped (< and <=, == and !=, in and not in), an
integer one more or one less, and/or swapped, + and - swapped, a `not`
dropped, break and continue swapped, a copy dropped from a return
(list(x), dict(x), set(x), tuple(x) or x.copy() becomes x), a statement removed
from a loop's body. Only the learner's part is mutated: code above a
``# --- your code ---`` line is given (a store, a ledger). It is staged in place of the reference, as `grader
validate` stages a known-wrong variant, and graded by the same pipeline: a
mutant is killed when the check does not pass. Survivors are listed, one line
each; some are equivalent (no input tells them apart), which only a reader can
say (docs/internals/mutation-scores.md lists them).

Implement, debug and refactor exercises are mutated; write-tests (the
reference is a test file) and the capstone are not. The last line is the
killed fraction against TARGET: ``ratio: N.NNx`` (1.00x or more meets it).

    python bench/mutation_score.py [--module ID ...] [--exercise ID ...] [--limit N] [--jobs 2]
"""

from __future__ import annotations

import argparse
import ast
import random
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grader.course.manifest import Course, Exercise, load_course  # noqa: E402
from grader.pipeline.grading import grade  # noqa: E402
from grader.warm_threads import map_warm  # noqa: E402

TARGET = 0.80  # killed / made, over the exercises measured
MUTATED_KINDS = ("implement", "debug", "refactor")
FLIPS: dict[type, type] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
    ast.And: ast.Or, ast.Or: ast.And, ast.Add: ast.Sub, ast.Sub: ast.Add,
}  # fmt: skip
COPIES = ("list", "dict", "set", "tuple")
YOURS = "# --- your code ---"  # the starter's line above which the code is given


@dataclass(frozen=True)
class Mutant:
    """One planted change: where, what, and the mutated source."""

    exercise: str
    line: int
    change: str
    source: str


Site = tuple[int, str, Callable[[ast.AST], None]]  # (line, description, change to make on the node)


def sites(node: ast.AST, returned: bool) -> Iterator[Site]:
    """The changes one node allows (``returned``: it is part of a return's value)."""
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.Compare):
        for index, op in enumerate(node.ops):
            if type(op) in FLIPS:
                yield line, f"{symbol(op)} became {symbol(FLIPS[type(op)]())}", flip_compare(index)
    if isinstance(node, (ast.BoolOp, ast.BinOp)) and type(node.op) in FLIPS:
        yield line, f"{symbol(node.op)} became {symbol(FLIPS[type(node.op)]())}", flip_op
    if isinstance(node, ast.Constant) and type(node.value) is int:
        for step in (1, -1):
            yield line, f"{node.value} became {node.value + step}", shift(step)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield line, "a `not` dropped", lambda n: None  # replaced by its operand in mutate()
    if isinstance(node, (ast.Break, ast.Continue)):
        yield line, f"{type(node).__name__.lower()} swapped", lambda n: None
    if returned and copied_value(node) is not None:
        yield line, f"the copy dropped from `{ast.unparse(node)[:40]}`", lambda n: None
    if isinstance(node, (ast.For, ast.While)):
        for index, statement in enumerate(node.body):
            text = ast.unparse(statement).splitlines()[0][:40]
            yield statement.lineno, f"`{text}` removed from the loop", drop_statement(index)


def symbol(op: ast.AST) -> str:
    names = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
             ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.And: "and",
             ast.Or: "or", ast.Add: "+", ast.Sub: "-"}  # fmt: skip
    return names[type(op)]


def flip_compare(index: int) -> Callable[[ast.AST], None]:
    def change(node: ast.AST) -> None:
        assert isinstance(node, ast.Compare)
        node.ops[index] = FLIPS[type(node.ops[index])]()

    return change


def flip_op(node: ast.AST) -> None:
    assert isinstance(node, (ast.BoolOp, ast.BinOp))
    node.op = FLIPS[type(node.op)]()  # type: ignore[assignment]


def shift(step: int) -> Callable[[ast.AST], None]:
    def change(node: ast.AST) -> None:
        assert isinstance(node, ast.Constant)
        node.value += step

    return change


def drop_statement(index: int) -> Callable[[ast.AST], None]:
    def change(node: ast.AST) -> None:
        assert isinstance(node, (ast.For, ast.While))
        del node.body[index]
        node.body = node.body or [ast.Pass()]

    return change


def copied_value(node: ast.AST) -> ast.expr | None:
    """The value a copy is made of: x in list(x), dict(x), set(x), tuple(x) or x.copy()."""
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    if isinstance(node.func, ast.Name) and node.func.id in COPIES and len(node.args) == 1:
        return node.args[0]
    if isinstance(node.func, ast.Attribute) and node.func.attr == "copy" and not node.args:
        return node.func.value
    return None


def walk(tree: ast.AST) -> Iterator[tuple[ast.AST, ast.AST | None, bool]]:
    """Every node with its parent, and whether it is part of a return's value, in one fixed order."""
    stack: list[tuple[ast.AST, ast.AST | None, bool]] = [(tree, None, False)]
    while stack:
        node, parent, returned = stack.pop()
        yield node, parent, returned
        inside = returned or isinstance(node, ast.Return)
        stack += [(child, node, inside) for child in reversed(list(ast.iter_child_nodes(node)))]


def mutate(source: str, position: int, choice: int) -> str:
    """The source with the ``choice``-th change of the ``position``-th node made."""
    tree = ast.parse(source)
    node, parent, returned = list(walk(tree))[position]
    _, _, change = list(sites(node, returned))[choice]
    replacement: ast.AST | None = None
    if isinstance(node, ast.UnaryOp):
        replacement = node.operand
    elif isinstance(node, (ast.Break, ast.Continue)):
        replacement = ast.Continue() if isinstance(node, ast.Break) else ast.Break()
    elif copied_value(node) is not None and not isinstance(node, (ast.Compare, ast.Constant)):
        replacement = copied_value(node)
    else:
        change(node)
    if replacement is not None and parent is not None:
        replace_child(parent, node, replacement)
    return ast.unparse(ast.fix_missing_locations(tree))


def replace_child(parent: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for field, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, field, new)
        elif isinstance(value, list):
            setattr(parent, field, [new if item is old else item for item in value])


def learner_part_starts(source: str) -> int:
    """The first line a learner writes: after the ``# --- your code ---`` marker, else the first."""
    lines = source.splitlines()
    return next((number + 1 for number, text in enumerate(lines, 1) if text.strip() == YOURS), 1)


def mutants(exercise: Exercise, source: str) -> list[Mutant]:
    """Every distinct mutant of the learner's part of a file (a change that alters nothing is none).

    Code above the starter's ``# --- your code ---`` marker is given (a store, a
    ledger): learners do not write it, so a change there is no learner's mistake.
    """
    plain, first = ast.unparse(ast.parse(source)), learner_part_starts(source)
    seen, made = {plain}, []
    for position, (node, _, returned) in enumerate(walk(ast.parse(source))):
        for choice, (line, change, _) in enumerate(sites(node, returned)):
            if line < first:
                continue
            text = mutate(source, position, choice)
            if text not in seen:
                seen.add(text)
                made.append(Mutant(exercise.id, line, change, text))
    return made


def killed(course: Course, exercise: Exercise, mutant: Mutant) -> bool:
    """Grade the mutant in place of the reference, as validate grades a known-wrong variant."""
    with tempfile.TemporaryDirectory(prefix="bench-mutant-") as tmp:
        staged = Path(tmp) / "code"
        shutil.copytree(course.solution_dir(exercise), staged, ignore=shutil.ignore_patterns("__pycache__"))
        (staged / exercise.files[0]).write_text(mutant.source + "\n", encoding="utf-8")
        return grade(course, exercise, staged).status != "passed"


def chosen(course: Course, options: argparse.Namespace) -> list[Exercise]:
    found = [e for e in course.exercises if e.kind in MUTATED_KINDS]
    if options.exercise:
        return [e for e in found if e.id in options.exercise]
    return [e for e in found if not options.module or e.module in options.module]


def report(exercise: Exercise, planted: list[Mutant], results: list[bool]) -> None:
    """One exercise: made, killed, survived, and each survivor on a line of its own."""
    caught = sum(results)
    print(
        f"{exercise.id}: {len(planted)} made, {caught} killed, {len(planted) - caught} survived", flush=True
    )
    for mutant, was_killed in zip(planted, results, strict=True):
        if not was_killed:
            print(f"    survived: {exercise.files[0]} line {mutant.line}: {mutant.change}", flush=True)


def planted_in(course: Course, exercise: Exercise, limit: int) -> list[Mutant]:
    """The exercise's mutants; with a limit, a fixed sample of them (the same every run)."""
    source = (course.solution_dir(exercise) / exercise.files[0]).read_text(encoding="utf-8")
    made = mutants(exercise, source)
    if limit and len(made) > limit:
        made = sorted(random.Random(exercise.id).sample(made, limit), key=lambda m: m.line)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", help="a module id (repeat for more); default: all")
    parser.add_argument("--exercise", action="append", help="an exercise id (repeat for more)")
    parser.add_argument("--limit", type=int, default=0, help="at most this many mutants per exercise")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--course", type=Path, default=REPO)
    options = parser.parse_args()
    course = load_course(options.course)
    total = caught = 0
    for exercise in chosen(course, options):  # one at a time: each line is printed as it is known
        planted = planted_in(course, exercise, options.limit)
        results = map_warm(partial(killed, course, exercise), planted, lambda m: 1.0, options.jobs)
        report(exercise, planted, results)
        total, caught = total + len(results), caught + sum(results)
    fraction = caught / total if total else 0.0
    print(f"killed: {caught} of {total} ({fraction:.2f}); target {TARGET:.2f}")
    print(f"ratio: {fraction / TARGET:.2f}x")


if __name__ == "__main__":
    main()
