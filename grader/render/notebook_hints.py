"""Render the hints a notebook's hint() revealed: inline HTML, with a plain-text twin."""

from __future__ import annotations

from html import escape

from grader.course.hints import HintsShown
from grader.render.notebook_html import BOX

HINT_COLOUR = "#1a5fb4"


def hint_lines(result: HintsShown) -> list[tuple[str, str]]:
    """(label, text) for each hint to show, and the line that says what comes next."""
    if not result.total:
        return [("", f"{result.title} has no hints. Re-read its task above, or ask for help.")]
    pairs = list(enumerate(result.hints, start=1))
    lines = [(f"Hint {n} of {result.total}", text) for n, text in (pairs if result.every else pairs[-1:])]
    if result.shown == result.total:
        lines.append(("", "That was the last hint."))
    else:
        lines.append(("", f'Run hint("{result.exercise_id}") again for the next one.'))
    return lines


def hint_html(result: HintsShown) -> str:
    """The hints as a block in the feedback's style."""
    rows = "".join(
        '<p style="margin:4px 0">'
        + (f"<strong>{escape(label)}:</strong> " if label else "")
        + f"{escape(text)}</p>"
        for label, text in hint_lines(result)
    )
    return (
        f'<div class="bp-hint" data-shown="{result.shown}" style="{BOX.format(colour=HINT_COLOUR)}">'
        f"<strong>{escape(result.title)}</strong> (<code>{escape(result.exercise_id)}</code>){rows}</div>"
    )


def hint_plain(result: HintsShown) -> str:
    """The same hints as plain text, for a front end without HTML or Python outside IPython."""
    return "\n".join(f"{label}: {text}" if label else text for label, text in hint_lines(result))
