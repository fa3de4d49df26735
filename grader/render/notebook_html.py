"""Render feedback and progress for a notebook: inline HTML, with a plain-text twin.

Every status is said in words and with a symbol as well as a colour, so the
result reads the same without colour (or with a screen reader). Long printed
output is folded in a <details> element. Styles are inline because notebook
front ends drop <style> elements from untrusted output. The HTML comes from
the notebook_*.html templates, which escape every value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from grader.course.manifest import Course, Exercise
from grader.course.project_status import project_status
from grader.course.workspace import Progress
from grader.feedback.model import Feedback, Metric, TestResult
from grader.render.blocks import MARKS, Block, blocks
from grader.render.html_templates import fragment, macro

WORDS = {
    "passed": "passed",
    "failed": "failed",
    "error": "error",
    "timeout": "timed out",
    "not_started": "not started",
}
COLOURS = {
    "passed": "#1b7f3b",
    "failed": "#c62828",
    "error": "#8e24aa",
    "timeout": "#a15c00",
    "not_started": "#5f6368",
}
STATE_STATUS = {"done": "passed", "in progress": "failed", "not started": "not_started"}
OUTPUT_LINES = 8
LONG_SUITE = 20
BOX = "border-left:4px solid {colour};padding:6px 12px;margin:4px 0;font-family:sans-serif;line-height:1.4"
PRE = "white-space:pre-wrap;margin:2px 0 2px 1.5em;font-family:monospace"


def status_view(status: str) -> dict[str, str]:
    return {"status": status, "colour": COLOURS[status], "mark": MARKS[status], "word": WORDS[status]}


def status_html(status: str) -> str:
    return str(macro("notebook_parts.html", "status")(status_view(status)))


def feedback_html(feedback: Feedback, exercise: Exercise, notes: Sequence[str] = ()) -> str:
    """One check's result as a self-contained HTML block."""
    stopped = bool(feedback.error) and (not feedback.tests or feedback.status == "error")
    started = feedback.status != "not_started"
    return fragment(
        "notebook_feedback.html",
        status=status_view(feedback.status),
        box=BOX.format(colour=COLOURS[feedback.status]),
        pre=PRE,
        title=feedback.title,
        exercise_id=feedback.exercise_id,
        score=f"{feedback.score:g}/{feedback.max_score:g} points",
        notes=notes,
        not_started="" if started else not_started(exercise.kind),
        not_started_note=feedback.error if not started and feedback.error else None,  # a stray new file
        error=feedback.error if started and stopped else None,
        **tests_view(feedback.tests, exercise),
        metrics=[metric_text(m) for m in feedback.metrics],
        next=next_text(feedback),
    )


def not_started(kind: str) -> str:
    if kind == "write-tests":
        return "Not started yet: write test functions (named test_...) in the cell above, run it, then check."
    return "Not started yet: replace `raise NotImplementedError` in the cell above, run the cell, then check."


def output_label(kind: str) -> str:
    return "Your tests printed" if kind == "write-tests" else "Your code printed"


def where_in_notebook(place: str, exercise: Exercise) -> str:
    """Name the learner's cell rather than the exercise folder; line numbers match the cell's."""
    prefix = exercise.path + "/"
    if not place.startswith(prefix):
        return place
    name, _, rest = place[len(prefix) :].partition(", ")
    return f"your {name} cell, {rest}" if rest else f"your {name} cell"


def tests_view(tests: tuple[TestResult, ...], exercise: Exercise) -> dict[str, Any]:
    """The tests' blocks; a long suite shows a count of those passed and its other tests."""
    shown = list(tests)
    summary = None
    if len(tests) > LONG_SUITE:
        passed = sum(1 for t in tests if t.status == "passed")
        summary = {"status": status_view("passed"), "passed": passed, "total": len(tests)}
        shown = [t for t in tests if t.status != "passed"]
    return {"summary": summary, "blocks": [block_view(block, exercise) for block in blocks(shown)]}


def block_view(block: Block, exercise: Exercise) -> dict[str, Any]:
    """One test, or several that failed for one reason: said once, with the count and the tests."""
    test = block.first
    return {
        "status": status_view(test.status),
        "grouped": block.grouped,
        "count": len(block.tests),
        "title": block.title(),
        "failed": test.status != "passed",
        "details": "\n".join(block.details()),
        "where": [where_in_notebook(w, exercise) for w in block.where],
        "members": block.items() if block.grouped else [],
        "output": output_view(test.output, output_label(exercise.kind)) if block.shows_output else None,
        "hint": test.hint,
    }


def block_html(block: Block, exercise: Exercise) -> str:
    return str(macro("notebook_parts.html", "block")(block_view(block, exercise), PRE))


def output_view(output: str, label: str) -> dict[str, Any] | None:
    """Printed output to show (folded when long), or None when there is none."""
    lines = output.rstrip().splitlines()
    if not output.strip():
        return None
    return {
        "label": label,
        "text": "\n".join(lines),
        "count": len(lines),
        "folded": len(lines) > OUTPUT_LINES,
    }


def metric_text(metric: Metric) -> str:
    before = f"{metric.before:g} -> " if metric.before is not None else ""
    target = f" (target: at most {metric.target:g})" if metric.target is not None else ""
    mark = "" if metric.met is None else MARKS["passed" if metric.met else "failed"] + " "
    return f"{mark}{metric.label}: {before}{metric.value:g}{target}"


def next_text(feedback: Feedback) -> str:
    if feedback.passed:
        return "Well done! Go on to the next exercise."
    return (
        "Change the code in the exercise's cell, run that cell, then run the check again. "
        f'Stuck? Run hint("{feedback.exercise_id}") in a cell for a hint.'
    )


def feedback_plain(feedback: Feedback, exercise: Exercise, notes: Sequence[str] = ()) -> str:
    """The same result as plain text, for front ends that do not render HTML."""
    head = f"{feedback.title} ({feedback.exercise_id})  {feedback.score:g}/{feedback.max_score:g} points"
    lines = [f"{head}  {MARKS[feedback.status]} {WORDS[feedback.status]}"]
    lines += [f"Note: {note}" for note in notes]
    if feedback.status == "not_started":
        lines += [not_started(exercise.kind), *([feedback.error] if feedback.error else [])]
    elif feedback.error and (not feedback.tests or feedback.status == "error"):
        lines.append(feedback.error)
    else:
        lines += [line for block in blocks(feedback.tests) for line in block_plain(block, exercise)]
    lines += [metric_text(m) for m in feedback.metrics]
    return "\n".join([*lines, next_text(feedback)])


def block_plain(block: Block, exercise: Exercise) -> list[str]:
    test = block.first
    lines = [f"  {MARKS[test.status]} {WORDS[test.status]}: {block.title()}"]
    if test.status == "passed":
        return lines
    lines += [f"      {line}" for line in block.details()]
    lines += [f"      at {where_in_notebook(place, exercise)}" for place in block.where]
    lines += [f"      - {item}" for item in block.items()] if block.grouped else []
    output = test.output.rstrip().splitlines() if block.shows_output else []
    if output:
        lines.append(f"      {output_label(exercise.kind)}:")
        lines += [f"        | {line}" for line in output[:OUTPUT_LINES]]
        if len(output) > OUTPUT_LINES:
            lines.append(f"        | ... ({len(output) - OUTPUT_LINES} more lines)")
    if test.hint:
        lines.append(f"      Hint: {test.hint}")
    return lines


def message_html(title: str, text: str, status: str = "error") -> str:
    """A short notice (nothing to grade, a problem before grading) in the feedback style."""
    box = BOX.format(colour=COLOURS[status])
    return fragment("notebook_notice.html", status=status_view(status), box=box, title=title, text=text)


def progress_rows(
    course: Course, progress: Progress, module_id: str | None
) -> list[tuple[str, str, str, str]]:
    """(status, id, score, title) for each exercise of the module (or the course)."""
    rows = []
    for exercise in course.exercises:
        if module_id is None or exercise.module == module_id:
            entry = progress.of(exercise)
            state, best, title = entry.state, entry.best_score, exercise.title
            if exercise.milestones:  # a project's standing, as every door shows it
                project = project_status(exercise, entry.milestone_results)
                state, best = project.state, project.score
                if project.reached and state != "done":
                    title += f" (milestone {project.reached} reached)"
            rows.append((STATE_STATUS[state], exercise.id, f"{best:g}/{exercise.points:g}", title))
    return rows


def progress_html(course: Course, progress: Progress, module_id: str | None) -> str:
    """The module's exercises with the learner's state and best score."""
    rows = [
        {
            "status": status,
            "colour": COLOURS[status],
            "mark": MARKS[status],
            "words": STATE_WORDS[status],
            "id": ident,
            "score": score,
            "title": title,
        }
        for status, ident, score, title in progress_rows(course, progress, module_id)
    ]
    done = sum(1 for row in rows if row["status"] == "passed")
    return fragment("notebook_progress.html", done=done, rows=rows)


STATE_WORDS = {"passed": "done", "failed": "in progress", "not_started": "not started"}


def progress_plain(course: Course, progress: Progress, module_id: str | None) -> str:
    rows = progress_rows(course, progress, module_id)
    done = sum(1 for row in rows if row[0] == "passed")
    lines = [f"{done} of {len(rows)} exercises done"]
    lines += [f"  {MARKS[s]} {STATE_WORDS[s]:<11} {i}  {sc}  {t}" for s, i, sc, t in rows]
    return "\n".join(lines)
