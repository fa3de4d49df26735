"""Find learner source files Python cannot read as text, before any grading run starts.

A file saved in another encoding (Latin-1, UTF-16, a Windows code page) makes
Python fail with a SyntaxError about bytes; a beginner needs the line and the
fix (save as UTF-8) instead. What Python imports is graded: a PEP 263 coding
declaration is honoured, and bytes Python skips in comments are no reason to
refuse a file. Every place the grader reads learner source reads it the same
way (:func:`read_python_source`).
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from grader.course.manifest import Exercise

# What errors="surrogateescape" makes of a byte the encoding cannot decode.
ESCAPED = re.compile(r"[\udc80-\udcff]")


def encoding_problem(exercise: Exercise, folder: Path) -> str | None:
    """Say which graded Python file cannot be decoded, on which line, and how to fix it."""
    for pattern in exercise.graded_patterns:
        for path in sorted(folder.glob(pattern)):
            if path.suffix != ".py" or not path.is_file() or "__pycache__" in path.parts:
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue  # staging reports unreadable files
            line = undecodable_line(data)
            if line is not None:
                name = path.relative_to(folder).as_posix()
                return (
                    f"{name}, line {line}, is not saved as UTF-8 text, so Python cannot read it. "
                    "Save the file with the UTF-8 encoding in your editor (often under Save As or "
                    "File > Save with Encoding), then check again."
                )
    return None


def undecodable_line(data: bytes) -> int | None:
    """The first line whose bytes Python cannot decode in the file's declared encoding (UTF-8 by default).

    CPython tolerates undecodable bytes inside comments (it never decodes
    them), so only bytes in code, strings or names count.
    """
    encoding = declared_encoding(data)
    try:
        data.decode(encoding)
        return None
    except UnicodeDecodeError as error:
        first = data.count(b"\n", 0, error.start) + 1
    except LookupError:
        return None  # an unknown declared encoding: Python says so itself when it imports the file
    text = data.decode(encoding, errors="surrogateescape")
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type != tokenize.COMMENT and ESCAPED.search(token.string):
                return token.start[0]
    except (tokenize.TokenError, SyntaxError):
        return first
    return None


def declared_encoding(data: bytes) -> str:
    """The encoding Python reads the file in: its PEP 263 declaration or byte-order mark, else UTF-8."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        return "utf-8"  # an unknown or conflicting declaration: judge the bytes as UTF-8
    return encoding


def python_source(data: bytes) -> str:
    """Decode a source file as Python does; bytes it tolerates in comments become U+FFFD."""
    try:
        return data.decode(declared_encoding(data), errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def read_python_source(path: Path) -> str:
    """Read a learner's source file as Python would (see :func:`python_source`)."""
    return python_source(path.read_bytes())
