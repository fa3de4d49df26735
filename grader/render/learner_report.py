"""Render one learner's batch results as a report to send back: Markdown and HTML."""

from __future__ import annotations

from typing import Any

from grader.batch.results import LearnerResults
from grader.render.blocks import MARKS, Block, as_result, blocks
from grader.render.html_templates import macro, page


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


def block_view(block: Block) -> dict[str, Any]:
    """What the template shows of one block: plain values, escaped by the template."""
    test = block.first
    return {
        "status": test.status,
        "grouped": block.grouped,
        "count": len(block.tests),
        "mark": MARKS.get(test.status, "?"),
        "title": block.title() or test.name,
        "failed": test.status != "passed",
        "details": "\n".join(block.details()),
        "where": block.where,
        "members": block.items() if block.grouped else [],
        "hint": test.hint,
    }


def exercise_view(feedback: dict[str, Any]) -> dict[str, Any]:
    stopped = bool(feedback.get("error")) and not feedback["tests"]
    return {
        "status": feedback["status"],
        "words": feedback["status"].replace("_", " "),
        "title": feedback["title"],
        "score": f"{feedback['score']:g}",
        "max_score": f"{feedback['max_score']:g}",
        "error": feedback["error"] if stopped else None,
        "blocks": [] if stopped else [block_view(block) for block in test_blocks(feedback)],
    }


def html(learner: LearnerResults) -> str:
    """The learner's report as a standalone HTML page (no scripts)."""
    return page(
        "learner_report.html",
        who=who(learner),
        score=f"{learner.score:g}",
        max_score=f"{learner.max_score:g}",
        notes=learner.notes,
        exercises=[exercise_view(feedback) for feedback in learner.feedback],
    )


def block_item(block: Block) -> str:
    """One block as the report's list item."""
    return str(macro("learner_parts.html", "block_item")(block_view(block)))
