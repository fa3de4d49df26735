"""Render the class report: the page an instructor opens after a batch.

A standalone HTML page (no external assets, no network): every learner's
score per exercise in a table that sorts when a column header is clicked (a
small inline script; without scripts it is a plain table), each learner
linking to their own report; the pass rate per exercise and the score
distributions as inline SVG and CSS bars; the tests and mistakes most
learners hit; the learners with work not graded, with why; and when the
batch ran and how long it took. The markup is templates/class_report.html.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from grader.batch.results import (
    NOT_GRADED_WORDS,
    BatchTiming,
    ClassResults,
    LearnerResults,
    is_graded,
    reason,
)
from grader.render.class_statistics import Bar, distribution, exercise_distributions, most_hit, pass_rates
from grader.render.html_templates import page
from grader.render.plural import counted

BAR_HEIGHT, CHART_WIDTH, LABEL_WIDTH = 22, 520, 180


def chart(chart_id: str, bars: list[Bar]) -> dict[str, Any]:
    """Horizontal SVG bars, their geometry worked out here and their labels escaped by the template."""
    rows = []
    for i, bar in enumerate(bars):
        width = max(0.0, min(1.0, bar.fraction)) * CHART_WIDTH
        rows.append({**bar.to_dict(), "y": i * BAR_HEIGHT + 5, "width": f"{width:.1f}"})
        rows[-1]["value_x"] = f"{LABEL_WIDTH + width + 6:.1f}"
    return {
        "id": chart_id,
        "width": LABEL_WIDTH + CHART_WIDTH + 100,  # room for the value after a full bar
        "height": BAR_HEIGHT * len(bars) + 10,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT - 6,
        "bars": rows,
    }


def report_link(learner: LearnerResults) -> str:
    """The learner's report, relative to the class report (as the batch writes it)."""
    return f"learners/{quote(learner.folder)}/report.html"


def score_cell(feedback: dict[str, Any] | None) -> dict[str, Any]:
    """One exercise's cell: its score (a 0 says why on hover), or "not graded" and why."""
    if feedback is None:
        return {"text": "-", "value": -2, "why": "no result for this exercise", "kind": "missing"}
    if not is_graded(feedback):
        return {"text": "not graded", "value": -1, "why": reason(feedback), "kind": "not-graded"}
    kind = "passed" if feedback["status"] == "passed" else "zero" if not feedback["score"] else ""
    return {
        "text": f"{feedback['score']:g}",
        "value": feedback["score"],
        "why": reason(feedback),
        "kind": kind,
    }


def learner_row(results: ClassResults, learner: LearnerResults) -> dict[str, Any]:
    by_id = {f["exercise_id"]: f for f in learner.feedback}
    return {
        "learner": learner.learner,
        "name": learner.name,
        "href": report_link(learner),
        "cells": [score_cell(by_id.get(e.id)) for e in results.exercises],
        "total": f"{learner.score:g}",
        "max": f"{learner.max_score:g}",
        "percent": learner.percent,
        "status": learner.status,
    }


def not_graded_rows(results: ClassResults) -> list[dict[str, str]]:
    """Each exercise of each learner that was not graded, and why."""
    return [
        {"learner": lr.learner, "name": lr.name, "href": report_link(lr), "exercise": f["exercise_id"]}
        | {"why": reason(f)}
        for lr in results.learners
        for f in lr.feedback
        if not is_graded(f)
    ]


def duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min {rest} s"


def when(timing: BatchTiming | None) -> dict[str, str] | None:
    if timing is None:
        return None
    started = datetime.fromtimestamp(timing.started, tz=UTC)
    return {"iso": started.isoformat(timespec="seconds"), "text": started.strftime("%Y-%m-%d %H:%M:%S UTC")}


def overview(results: ClassResults) -> str:
    graded = [lr for lr in results.learners if lr.status != NOT_GRADED_WORDS]
    mean = sum(lr.percent for lr in graded) / len(graded) if graded else 0.0
    ungraded = sum(1 for lr in results.learners if lr.not_graded)
    return (
        f"{counted(len(results.learners), 'learner')}, mean score {mean:.1f}% "
        f"(over the {counted(len(graded), 'learner')} graded); {ungraded} with work not graded."
    )


def html(results: ClassResults, timing: BatchTiming | None = None) -> str:
    """The class report page."""
    tests, mistakes = most_hit(results)
    return page(
        "class_report.html",
        title=f"{results.course}: class report",
        overview=overview(results),
        exercises=[{"id": e.id, "title": e.title, "points": f"{e.points:g}"} for e in results.exercises],
        learners=[learner_row(results, lr) for lr in results.learners],
        rates=chart("pass-rates", pass_rates(results)),
        distribution=chart("distribution", distribution(results)),
        per_exercise=exercise_distributions(results),
        tests=[(text, counted(count, "learner")) for text, count in tests],
        mistakes=[(text, counted(count, "learner")) for text, count in mistakes],
        not_graded=not_graded_rows(results),
        when=when(timing),
        took=duration(timing.seconds) if timing else "",
    )
