"""Render feedback and progress for a notebook: inline HTML, with a plain-text twin.

Every status is said in words and with a symbol as well as a colour, so the
result reads the same without colour (or with a screen reader). Long printed
output is folded in a <details> element. Styles are inline because notebook
front ends drop <style> elements from untrusted output.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from grader.course.manifest import Course, Exercise
from grader.course.project_status import project_status
from grader.course.workspace import Progress
from grader.feedback.model import Feedback, Metric, TestResult
from grader.render.blocks import MARKS, Block, blocks

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


def status_html(status: str) -> str:
    colour = COLOURS[status]
    return (
        f'<span class="bp-status" data-status="{status}" style="color:{colour};font-weight:bold">'
        f"{MARKS[status]} {WORDS[status]}</span>"
    )


def feedback_html(feedback: Feedback, exercise: Exercise, notes: Sequence[str] = ()) -> str:
    """One check's result as a self-contained HTML block."""
    score = f"{feedback.score:g}/{feedback.max_score:g} points"
    parts = [
        f'<div class="bp-feedback" data-status="{feedback.status}" '
        f'style="{BOX.format(colour=COLOURS[feedback.status])}">',
        f'<div class="bp-head"><strong>{escape(feedback.title)}</strong> '
        f"(<code>{escape(feedback.exercise_id)}</code>) &nbsp; {status_html(feedback.status)} "
        f'&nbsp; <span class="bp-score">{score}</span></div>',
        notes_html(notes),
    ]
    if feedback.status == "not_started":
        parts.append(f'<p class="bp-error">{escape(not_started(exercise.kind))}</p>')
    elif feedback.error and (not feedback.tests or feedback.status == "error"):
        parts.append(f'<pre class="bp-error" style="{PRE}">{escape(feedback.error)}</pre>')
    else:
        parts.append(tests_html(feedback.tests, exercise))
    parts += [metrics_html(feedback.metrics), next_html(feedback), "</div>"]
    return "\n".join(p for p in parts if p)


def not_started(kind: str) -> str:
    if kind == "write-tests":
        return "Not started yet: write test functions (named test_...) in the cell above, run it, then check."
    return "Not started yet: replace `raise NotImplementedError` in the cell above, run the cell, then check."


def output_label(kind: str) -> str:
    return "Your tests printed" if kind == "write-tests" else "Your code printed"


def notes_html(notes: Sequence[str]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{escape(note)}</li>" for note in notes)
    return f'<ul class="bp-notes" style="margin:4px 0">{items}</ul>'


def where_in_notebook(place: str, exercise: Exercise) -> str:
    """Name the learner's cell rather than the exercise folder; line numbers match the cell's."""
    prefix = exercise.path + "/"
    if not place.startswith(prefix):
        return place
    name, _, rest = place[len(prefix) :].partition(", ")
    return f"your {name} cell, {rest}" if rest else f"your {name} cell"


def tests_html(tests: tuple[TestResult, ...], exercise: Exercise) -> str:
    shown = list(tests)
    summary = ""
    if len(tests) > LONG_SUITE:
        passed = sum(1 for t in tests if t.status == "passed")
        summary = f"<li>{status_html('passed')} {passed} of {len(tests)} tests passed</li>"
        shown = [t for t in tests if t.status != "passed"]
    items = "".join(block_html(block, exercise) for block in blocks(shown))
    return f'<ul class="bp-tests" style="list-style:none;padding-left:0;margin:6px 0">{summary}{items}</ul>'


def block_html(block: Block, exercise: Exercise) -> str:
    """One test, or several that failed for one reason: said once, with the count and the tests."""
    test = block.first
    grouped = f' data-count="{len(block.tests)}"' if block.grouped else ""
    parts = [
        f'<li class="bp-test" data-status="{test.status}"{grouped} style="margin:3px 0">',
        f"{status_html(test.status)} {escape(block.title())}",
    ]
    if test.status != "passed":
        if details := "\n".join(block.details()):
            parts.append(f'<div class="bp-message" style="{PRE}">{escape(details)}</div>')
        places = [escape(where_in_notebook(w, exercise)) for w in block.where]
        parts += [f'<div class="bp-where" style="{PRE};color:#5f6368">at {p}</div>' for p in places]
        if block.grouped:
            items = "".join(f"<li>{escape(item)}</li>" for item in block.items())
            parts.append(f'<ul class="bp-group" style="margin:2px 0 2px 1.5em;padding-left:1em">{items}</ul>')
        if block.shows_output:
            parts.append(output_html(test.output, output_label(exercise.kind)))
        if test.hint:
            parts.append(f'<div class="bp-hint" style="margin-left:1.5em">Hint: {escape(test.hint)}</div>')
    parts.append("</li>")
    return "".join(parts)


def output_html(output: str, label: str) -> str:
    lines = output.rstrip().splitlines()
    if not output.strip():
        return ""
    text = escape("\n".join(lines))
    if len(lines) <= OUTPUT_LINES:
        return (
            f'<div class="bp-output" style="margin-left:1.5em">{label}:<pre style="{PRE}">{text}</pre></div>'
        )
    return (
        f'<details class="bp-output" style="margin-left:1.5em"><summary>{label} '
        f'{len(lines)} lines (click to show)</summary><pre style="{PRE}">{text}</pre></details>'
    )


def metrics_html(metrics: tuple[Metric, ...]) -> str:
    if not metrics:
        return ""
    rows = "".join(f"<li>{escape(metric_text(m))}</li>" for m in metrics)
    return f'<div class="bp-metrics"><strong>Your code, measured:</strong><ul>{rows}</ul></div>'


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
        f"Stuck? `grader hint {feedback.exercise_id}` in a terminal gives a hint."
    )


def next_html(feedback: Feedback) -> str:
    return f'<p class="bp-next" style="margin:6px 0 0 0">{escape(next_text(feedback))}</p>'


def feedback_plain(feedback: Feedback, exercise: Exercise, notes: Sequence[str] = ()) -> str:
    """The same result as plain text, for front ends that do not render HTML."""
    head = f"{feedback.title} ({feedback.exercise_id})  {feedback.score:g}/{feedback.max_score:g} points"
    lines = [f"{head}  {MARKS[feedback.status]} {WORDS[feedback.status]}"]
    lines += [f"Note: {note}" for note in notes]
    if feedback.status == "not_started":
        lines.append(not_started(exercise.kind))
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
    return (
        f'<div class="bp-feedback bp-notice" data-status="{status}" '
        f'style="{BOX.format(colour=COLOURS[status])}"><strong>{escape(title)}</strong> '
        f'&nbsp; {status_html(status)}<p style="margin:4px 0">{escape(text)}</p></div>'
    )


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
    rows = progress_rows(course, progress, module_id)
    done = sum(1 for row in rows if row[0] == "passed")
    body = "".join(
        f'<tr data-status="{status}"><td style="color:{COLOURS[status]}">{MARKS[status]} '
        f"{STATE_WORDS[status]}</td><td><code>{escape(ident)}</code></td><td>{score}</td>"
        f"<td>{escape(title)}</td></tr>"
        for status, ident, score, title in rows
    )
    return (
        f'<div class="bp-progress" style="font-family:sans-serif"><strong>{done} of {len(rows)} '
        f"exercises done</strong><table><tr><th>state</th><th>exercise</th><th>best score</th>"
        f"<th>title</th></tr>{body}</table></div>"
    )


STATE_WORDS = {"passed": "done", "failed": "in progress", "not_started": "not started"}


def progress_plain(course: Course, progress: Progress, module_id: str | None) -> str:
    rows = progress_rows(course, progress, module_id)
    done = sum(1 for row in rows if row[0] == "passed")
    lines = [f"{done} of {len(rows)} exercises done"]
    lines += [f"  {MARKS[s]} {STATE_WORDS[s]:<11} {i}  {sc}  {t}" for s, i, sc, t in rows]
    return "\n".join(lines)
