"""Explain, as plain data, what went wrong on the learner's side of a call or a load.

Used by :mod:`grader.boundary.remote`: the problems it raises into a test, and the
learner exceptions it rebuilds there as their built-in types.
"""

from __future__ import annotations

import builtins
from typing import Any

from grader.boundary.process import LearnerProblem, LearnerTimeout

IMPORT_TIMEOUT = 10.0  # seconds to load the learner's files; each call then has its own limit


class LearnerImportError(LearnerProblem):
    kind = "import_error"


class NotPlain(LearnerProblem):
    kind = "not_plain"


class MissingName(LearnerProblem):
    kind = "missing"


def rebuild_exception(info: dict[str, Any]) -> Exception:
    """Recreate a learner exception as its built-in type, tagged with where it came from.

    Only ``Exception`` subclasses are rebuilt as themselves: a learner's
    SystemExit or KeyboardInterrupt must not stop the trusted test process, so
    those come back as a plain Exception that still names the original type.
    """
    cls = getattr(builtins, str(info.get("builtin")), Exception)
    if not (isinstance(cls, type) and issubclass(cls, Exception)):
        cls = Exception
    try:
        error = cls(info.get("message", ""))
    except Exception:
        error = Exception(info.get("message", ""))
    error.learner_info = info  # type: ignore[attr-defined]
    return error


def import_problem(module: str, reply: dict[str, Any]) -> LearnerImportError:
    """Explain why the learner's file could not be loaded."""
    info = reply["error"]
    where = next((f for f in reversed(info.get("frames", [])) if f["file"] == f"{module}.py"), None)
    place = f" (line {where['line']})" if where else ""
    if info["type"] in ("SyntaxError", "IndentationError", "TabError"):
        summary = f"Python could not read {module}.py{place}: {info['type']}: {info['message']}"
        shown = caret_lines(where) if where else ""
        if shown:  # a message of several lines keeps its full stop on the first
            summary = (summary if summary.endswith((".", "?", "!")) else summary + ".") + shown
    elif info["builtin"] == "SystemExit":
        summary = f"{module}.py stopped the program while it was loading{place}; remove the exit() call"
    else:
        summary = f"{module}.py raised {info['type']} while it was loading{place}: {info['message']}"
    return LearnerImportError(summary, exception=info, output=str(reply.get("output", "")))


def caret_lines(frame: dict[str, Any]) -> str:
    """The line Python could not read, with a caret under where it stopped, as Python shows it."""
    code, column, width = frame.get("code"), frame.get("column"), frame.get("width")
    if not isinstance(code, str) or not code or not isinstance(column, int) or not isinstance(width, int):
        return ""
    # keep the line's own tabs in the gap, so the caret lines up however tabs are shown
    gap = "".join(c if c == "\t" else " " for c in code[:column])
    return f"\n    {code}\n    {gap}{'^' * width}"


def load_failure(module: str, problem: LearnerProblem) -> LearnerImportError:
    """Explain a file that hung or ended the program while Python was loading it."""
    if isinstance(problem, LearnerTimeout):
        summary = (
            f"{module}.py took longer than {problem.detail['seconds']:g} s to load (the limit for "
            "loading a file, before any call): is there a loop outside your functions that never ends?"
        )
    elif problem.detail.get("host"):  # the grading machine failed, not the learner's file
        summary = f"{module}.py was not graded: {problem.detail['host']}"
    elif str(problem.detail.get("reason", "")).startswith("ended the whole program"):
        summary = (
            f"{module}.py {problem.detail.get('reason', 'stopped')} while it was loading: "
            "remove exit() calls and other code that runs outside your functions"
        )
    else:
        summary = f"{module}.py {problem.detail.get('reason', 'stopped')} while it was loading"
    return LearnerImportError(summary, stderr=problem.detail.get("stderr", ""))


def missing_message(label: str, target: list[Any]) -> str:
    if target[0] == "module":
        return (
            f"Your file {target[1]}.py has no function or class called {label}: check the "
            "spelling, and that it is not indented inside another block"
        )
    return f"The object has no method or attribute called {target[2]}"
