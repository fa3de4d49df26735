"""Instructor-only tests for the letter-grade debug exercise (left out of learner editions).

The learner's source must not special-case particular scores
(``if score == 90: return "A"`` hides the symptom only).
"""

import ast
from pathlib import Path

import pytest
from hypothesis import strategies as st

from grader.kinds.differential import same_behaviour
from grader.testkit import call

EQUALITY = (ast.Eq, ast.NotEq, ast.In, ast.NotIn)


@pytest.fixture
def learner_source(request):
    """The text of the learner's letter_grade.py, read from the staged copy (never run here)."""
    folder = request.config.getoption("--grader-learner-dir")
    return (Path(folder) / "letter_grade.py").read_text(encoding="utf-8", errors="replace")


def special_cases(source):
    """Lines that compare a function's parameter for equality with numbers (== 90, in (80, 90))."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []  # the other tests already report code that cannot load
    found = []
    # Every function counts: a special case moved into a helper is still a special case.
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        names = {arg.arg for arg in function.args.args}
        for node in ast.walk(function):
            if isinstance(node, ast.Compare) and compares_name_with_numbers(node, names):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
            elif isinstance(node, ast.Match) and is_name(node.subject, names):
                found += [
                    f"line {case.pattern.lineno}: case {ast.unparse(case.pattern)}"
                    for case in node.cases
                    if has_number(case.pattern)
                ]
    return sorted(set(found), key=lambda line: int(line.split()[1].rstrip(":")))


def compares_name_with_numbers(node, names):
    operands = [node.left, *node.comparators]
    for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
        if not isinstance(op, EQUALITY):
            continue
        if is_name(left, names) and has_number(right) or is_name(right, names) and has_number(left):
            return True
    return False


def is_name(node, names):
    return isinstance(node, ast.Name) and node.id in names


def has_number(node):
    return any(isinstance(part, ast.Constant) and type(part.value) in (int, float) for part in ast.walk(node))


@pytest.mark.points(2)
def test_the_fix_is_general(learner, learner_source):
    """The fix corrects the comparisons instead of adding special cases for particular scores."""
    call(learner.letter_grade, 95)  # only code that loads is judged; a load error is reported as such
    found = special_cases(learner_source)
    if found:
        raise AssertionError(
            "Your letter_grade checks for particular scores ("
            + "; ".join(found)
            + "). That hides the symptom for those scores only: fix the comparison that causes it."
        )


def test_every_score_gets_what_a_correct_version_gives(learner, original):
    """Every score from -20 to 120 gets the grade, or the error, a correct version gives."""
    same_behaviour(
        learner.letter_grade, original.letter_grade, st.integers(-20, 120), label="a correct version"
    )
