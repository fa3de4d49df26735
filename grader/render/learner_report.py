"""Render one learner's batch results as a report to send back: Markdown and HTML."""

from __future__ import annotations

from html import escape
from typing import Any

from grader.batch.results import LearnerResults
from grader.render.blocks import MARKS, Block, as_result, blocks


def who(learner: LearnerResults) -> str:
    return f"{learner.name} ({learner.learner})" if learner.name else learner.learner


def test_blocks(feedback: dict[str, Any]) -> list[Block]:
    """The stored tests, failures that share a reason said once (as the terminal and notebook do)."""
    return blocks([as_result(test) for test in feedback["tests"]])


def block_lines(block: Block) -> list[str]:
    """A test's outcome (or a group's) and, when it did not pass, what happened and the hint."""
    test = block.first
    lines = [f"{MARKS.get(test.status, '?')} {block.title() or test.name}"]
    if test.status != "passed":
        lines += [f"    {line}" for line in block.details() if line]
        lines += [f"    at {place}" for place in block.where]
        lines += [f"    - {item}" for item in block.items()] if block.grouped else []
        if test.hint:
            lines.append(f"    Hint: {test.hint}")
    return lines


def markdown(learner: LearnerResults) -> str:
    """The learner's report in Markdown."""
    out = [f"# Feedback for {who(learner)}", "", f"Total: **{learner.score:g}/{learner.max_score:g}**", ""]
    if learner.notes:
        out += ["About your submission:", ""] + [f"- {note}" for note in learner.notes] + [""]
    for feedback in learner.feedback:
        out += [
            f"## {feedback['title']} ({feedback['exercise_id']}): "
            f"{feedback['score']:g}/{feedback['max_score']:g}, {feedback['status'].replace('_', ' ')}",
            "",
        ]
        if feedback.get("error") and not feedback["tests"]:
            out += [feedback["error"], ""]
            continue
        out += (
            ["```"] + [line for block in test_blocks(feedback) for line in block_lines(block)] + ["```", ""]
        )
    return "\n".join(out)


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222}}
.passed{{color:#17663a}} .failed,.error,.timeout{{color:#a4262c}} .not_started{{color:#666}}
li{{margin:.3rem 0}} .message{{white-space:pre-wrap;font-family:monospace}} .hint{{color:#555}}
</style></head><body>
{body}
</body></html>
"""


def html(learner: LearnerResults) -> str:
    """The learner's report as a standalone HTML page (no scripts)."""
    parts = [f"<h1>Feedback for {escape(who(learner))}</h1>"]
    parts.append(f'<p id="total">Total: <strong>{learner.score:g}/{learner.max_score:g}</strong></p>')
    if learner.notes:
        parts.append("<p>About your submission:</p><ul>")
        parts += [f"<li>{escape(note)}</li>" for note in learner.notes]
        parts.append("</ul>")
    for feedback in learner.feedback:
        status = escape(feedback["status"])
        parts.append(
            f'<h2 class="{status}">{escape(feedback["title"])}: '
            f"{feedback['score']:g}/{feedback['max_score']:g}, {status.replace('_', ' ')}</h2>"
        )
        if feedback.get("error") and not feedback["tests"]:
            parts.append(f'<p class="message">{escape(feedback["error"])}</p>')
            continue
        parts.append("<ul>")
        parts += [block_item(block) for block in test_blocks(feedback)]
        parts.append("</ul>")
    return PAGE.format(title=escape(f"Feedback for {who(learner)}"), body="\n".join(parts))


def block_item(block: Block) -> str:
    test = block.first
    status = escape(test.status)
    count = f' data-count="{len(block.tests)}"' if block.grouped else ""
    text = f'<li class="{status}"{count}>{MARKS.get(test.status, "?")} {escape(block.title() or test.name)}'
    if test.status != "passed":
        text += f'<div class="message">{escape(chr(10).join(block.details()))}</div>'
        text += "".join(f'<div class="message">at {escape(place)}</div>' for place in block.where)
        if block.grouped:
            text += "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items()) + "</ul>"
        if test.hint:
            text += f'<div class="hint">Hint: {escape(test.hint)}</div>'
    return text + "</li>"
