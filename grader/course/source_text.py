"""Find learner source files Python cannot read as text, before any grading run starts.

A file saved in another encoding (Latin-1, UTF-16, a Windows code page) makes
Python fail with a SyntaxError about bytes; a beginner needs the line and the
fix (save as UTF-8) instead.
"""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

from grader.course.manifest import Exercise


def encoding_problem(exercise: Exercise, folder: Path) -> str | None:
    """Say which graded Python file cannot be decoded, on which line, and how to fix it."""
    for pattern in exercise.files:
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
    """The first line that cannot be decoded in the file's declared encoding (UTF-8 by default)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        encoding = "utf-8"  # an unknown declared encoding: judge the bytes as UTF-8
    try:
        data.decode(encoding)
        return None
    except UnicodeDecodeError as error:
        return data.count(b"\n", 0, error.start) + 1
    except LookupError:
        return None
