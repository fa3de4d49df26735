"""Read the one-line headline content authors put in a module docstring.

Known-wrong variants name their mistake ("Mistake: ...") and planted-bug
implementations name their bug ("Bug: ...") this way.
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
