"""CSV text that is safe to open in a spreadsheet: no cell is read as a formula.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with ``=``,
``+``, ``-`` or ``@`` (and some treat a leading tab or carriage return the same
way), so a learner named ``=HYPERLINK(...)`` would become a live formula in
the instructor's gradebook. Every CSV export writes through :func:`csv_text`,
which puts a single quote before such a cell: spreadsheets show the text as
typed, and LMS importers read it as text. A cell that is a plain number
(``-2.5``) stays a number, and so does Moodle's lone ``-`` ("no grade"):
neither is a formula, and a quote would change what they mean.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
NOT_A_FORMULA = {"-"}


def safe_cell(value: object) -> str:
    """The cell's text, with a leading quote when a spreadsheet would read it as a formula."""
    text = str(value)
    if not text.startswith(FORMULA_STARTS) or text in NOT_A_FORMULA or PLAIN_NUMBER.fullmatch(text):
        return text
    return "'" + text


def csv_text(rows: Iterable[Iterable[object]], line_end: str = "\n") -> str:
    """Rows as CSV (quoted as RFC 4180 says), every cell passed through :func:`safe_cell`."""
    lines = []
    for row in rows:
        # Written with CRLF so that a field holding either character is quoted (the csv module
        # quotes only the characters of its own line end), then given the line end asked for.
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow([safe_cell(cell) for cell in row])
        lines.append(out.getvalue()[:-2] + line_end)
    return "".join(lines)
