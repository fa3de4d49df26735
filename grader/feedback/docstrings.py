"""Read what content authors put in a module docstring: a headline, or paragraphs with a prefix.

Known-wrong variants name their mistake ("Mistake: ...") and carry the hint
written for it ("Hint: ..."); planted-bug implementations name their bug
("Bug: ...").
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from pathlib import Path


def docstring_headline(files: Iterable[Path], wanted: Callable[[str], bool] = bool) -> str | None:
    """The first line of the first module docstring in ``files`` that ``wanted`` accepts."""
    for path in files:
        try:
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        if doc and wanted(doc):
            return doc.splitlines()[0]
    return None


def docstring_paragraphs(files: Iterable[Path], prefix: str) -> tuple[str, ...]:
    """Every paragraph starting with ``prefix`` in the files' module docstrings, without the prefix.

    A known-wrong variant carries the hint written for it this way: a paragraph
    ``Hint: ...`` after its ``Mistake: ...`` line (lines of a paragraph are joined).
    """
    found = []
    for path in files:
        try:
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        for paragraph in doc.split("\n\n"):
            text = " ".join(line.strip() for line in paragraph.strip().splitlines())
            if text.startswith(prefix):
                found.append(text.removeprefix(prefix).strip())
    return tuple(found)
