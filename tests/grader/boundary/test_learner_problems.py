"""A file Python cannot read: the message shows the learner's line and a caret, as Python does."""

from __future__ import annotations

from typing import Any

from grader.boundary.learner_problems import import_problem
from grader.worker.errors import marked


def syntax_error(source: str) -> SyntaxError:
    try:
        compile(source, "/learner/sums.py", "exec")
    except SyntaxError as error:
        return error
    raise AssertionError("the source compiled")


def problem_for(source: str) -> str:
    """What the learner reads when sums.py holds ``source``."""
    error = syntax_error(source)
    frame = {"file": "sums.py", "line": error.lineno, "function": "", **marked(error)}
    reply: dict[str, Any] = {
        "error": {
            "type": type(error).__name__,
            "builtin": "SyntaxError",
            "message": error.msg,
            "frames": [frame],
        }
    }
    return str(import_problem("sums", reply))


def test_the_caret_is_under_the_column_python_named() -> None:
    assert problem_for("def total(items)\n    return sum(items)\n") == (
        "Python could not read sums.py (line 1): SyntaxError: expected ':'.\n"
        "    def total(items)\n"
        "                    ^"
    )


def test_an_indented_line_is_shown_without_its_indentation_and_the_caret_moves_with_it() -> None:
    text = problem_for("def total(items):\n    if len(items) = 0:\n        return 0\n")
    assert text.splitlines()[1:] == ["    if len(items) = 0:", "       ^^^^^^^^^^"]


def test_a_tab_in_the_line_is_kept_in_the_gap_so_the_caret_still_lines_up() -> None:
    text = problem_for("x = [1,\t2 3]\n")
    shown, caret = text.splitlines()[1:]
    assert shown == "    x = [1,\t2 3]"
    assert caret.index("^") == shown.index("2")
    assert "\t" in caret


def test_an_unclosed_bracket_points_at_the_bracket() -> None:
    text = problem_for("def total(items):\n    return (sum(items)\n")
    assert text.splitlines()[1:] == ["    return (sum(items)", "           ^"]


def test_without_a_column_the_message_is_one_line_as_before() -> None:
    reply: dict[str, Any] = {
        "error": {
            "type": "SyntaxError",
            "builtin": "SyntaxError",
            "message": "invalid syntax",
            "frames": [{"file": "sums.py", "line": 3, "function": "", "code": "x ="}],
        }
    }
    assert (
        str(import_problem("sums", reply))
        == "Python could not read sums.py (line 3): SyntaxError: invalid syntax"
    )
