"""Describe a learner exception as plain data: its type, message and the learner's own frames.

Loaded by path by worker/main.py the first time learner code raises: standard
library only. A deep recursion's repeated frames are folded (worker/recursion.py,
loaded through ``load``) so one RecursionError is never a thousand lines.
"""

from __future__ import annotations

import contextlib
import os

TYPE_CHECKING = False  # loaded on the learner's clock: no typing import
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def builtin_base(error: BaseException) -> str:
    """Name the nearest built-in exception class of ``error``."""
    import builtins

    for cls in type(error).__mro__:
        if getattr(builtins, cls.__name__, None) is cls:
            return cls.__name__
    return "Exception"


def is_learners(code: Any, learner_dir: str) -> bool:
    """Whether code comes from a file in the learner's folder (a project's package inside it too)."""
    # "<frozen importlib._bootstrap>" looks like a relative path: not the learner's.
    if code.co_filename.startswith("<"):
        return False
    return os.path.abspath(code.co_filename).startswith(learner_dir + os.sep)


def learner_frames(
    error: BaseException, learner_dir: str, load: Callable[[str], Any]
) -> list[dict[str, Any]]:
    """Keep only the traceback frames that are in the learner's own files."""
    frames = []
    import linecache  # only when something went wrong: a lighter start for every worker

    tb = error.__traceback__
    while tb is not None:  # walked by hand: traceback.extract_tb also works out column positions
        code, line = tb.tb_frame.f_code, tb.tb_lineno
        tb = tb.tb_next
        if is_learners(code, learner_dir):
            text = linecache.getline(code.co_filename, line).strip()
            name = os.path.relpath(os.path.abspath(code.co_filename), learner_dir)  # taskapi/service.py
            frames.append({"file": name, "line": line, "function": code.co_name, "code": text})
    if isinstance(error, SyntaxError) and error.filename:
        where = os.path.abspath(error.filename)
        if os.path.dirname(where) == learner_dir:
            frames.append(
                {"file": os.path.basename(where), "line": error.lineno, "function": "", **marked(error)}
            )
    if len(frames) > FOLD_FROM:  # a recursion: its repeated frames are sent once, with the count
        frames = load("recursion").collapse(frames)
    return frames


def marked(error: SyntaxError) -> dict[str, Any]:
    """The line Python could not read (indentation removed) and where in it Python stopped.

    ``column`` counts from 0 in the shown ``code``; ``width`` is how many characters the
    caret marks (Python's own offsets count from 1 in the whole line).
    """
    whole = (error.text or "").rstrip("\r\n")
    code = whole.lstrip(" \t\f")
    found: dict[str, Any] = {"code": code.rstrip()}
    if not code.strip() or not isinstance(error.offset, int) or error.offset < 1:
        return found
    column = error.offset - 1 - (len(whole) - len(code))
    end = error.end_offset if isinstance(error.end_offset, int) else None
    same_line = error.end_lineno in (None, error.lineno)
    width = end - error.offset if end is not None and same_line and end > error.offset else 1
    if 0 <= column <= len(code):
        found.update(column=column, width=max(1, min(width, len(code) - column)))
    return found


FOLD_FROM = 20  # fewer frames are sent as they are (and recursion.py is not even loaded)


def describe_error(error: BaseException, learner_dir: str, load: Callable[[str], Any]) -> dict[str, Any]:
    """Turn a learner exception into plain data: type, base, message, frames."""
    try:
        message = str(error)
    except Exception:
        message = "(the exception's message could not be shown)"
    if isinstance(error, SyntaxError):
        message = error.msg or message
    described = {
        "type": type(error).__name__,
        "builtin": builtin_base(error),
        "message": message[:2000],
        "frames": learner_frames(error, learner_dir, load),
    }
    if isinstance(error, RecursionError):  # what the recursion did, to tell endless from too deep
        with contextlib.suppress(Exception):
            described["recursion"] = load("recursion").evidence(
                error, lambda code: is_learners(code, learner_dir)
            )
    return described
