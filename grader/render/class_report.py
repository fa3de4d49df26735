"""Render the class report: where the class stands and where teaching needs work.

A standalone HTML page with inline SVG charts (no scripts, no libraries):
the pass rate per exercise, the score distribution, the tests and diagnosed
mistakes most learners hit, and the learners with work not graded.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape

from grader.batch.results import ClassResults
from grader.render.plural import counted

BAR_HEIGHT, CHART_WIDTH, LABEL_WIDTH = 22, 520, 180
TOP = 10


def pass_rates(results: ClassResults) -> list[tuple[str, float]]:
    """(exercise id, share of graded learners who passed it) in course order."""
    rates = []
    for exercise in results.exercises:
        outcomes = [
            f["status"] == "passed"
            for lr in results.learners
            for f in lr.feedback
            if f["exercise_id"] == exercise.id
        ]
        rates.append((exercise.id, sum(outcomes) / len(outcomes) if outcomes else 0.0))
    return rates


def bar_chart(chart_id: str, rows: list[tuple[str, float]], unit: str) -> str:
    """Horizontal bars; ``rows`` are (label, fraction of the full width)."""
    height = BAR_HEIGHT * len(rows) + 10
    parts = [
        f'<svg id="{chart_id}" xmlns="http://www.w3.org/2000/svg" width="{LABEL_WIDTH + CHART_WIDTH + 60}" '
        f'height="{height}" role="img">'
    ]
    for i, (label, fraction) in enumerate(rows):
        y = i * BAR_HEIGHT + 5
        width = max(0.0, min(1.0, fraction)) * CHART_WIDTH
        value = f"{fraction * 100:.0f}%" if unit == "%" else ""
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        parts.append(
            f'<rect class="bar" data-label="{escape(label)}" x="{LABEL_WIDTH}" y="{y}" '
            f'width="{width:.1f}" height="{BAR_HEIGHT - 6}" fill="#3b6ea8"/>'
        )
        parts.append(f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 15}">{value}</text>')
    return "".join(parts) + "</svg>"


def distribution(results: ClassResults) -> list[tuple[str, float]]:
    """Learners per 10-point band of their percentage, as a fraction of the largest band."""
    bands = Counter(min(int(lr.percent // 10), 9) for lr in results.learners if lr.feedback)
    top = max(bands.values(), default=1)
    return [(f"{b * 10}-{b * 10 + 9 if b < 9 else 100}% ({bands[b]})", bands[b] / top) for b in range(10)]


def diagnosis(message: str, hint: str) -> str:
    """What a failure says about the mistake, without the call's particular values."""
    if hint:
        return hint
    return re.sub(r"^Called .*?; ", "", message.splitlines()[0] if message else "").strip()


def most_hit(results: ClassResults) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """The tests and the diagnoses that the most learners failed."""
    tests: Counter[str] = Counter()
    mistakes: Counter[str] = Counter()
    for learner in results.learners:
        seen_tests, seen_mistakes = set(), set()
        for feedback in learner.feedback:
            for test in feedback["tests"]:
                if test["status"] != "passed":
                    seen_tests.add(f"{feedback['exercise_id']}: {test['description'] or test['name']}")
                    seen_mistakes.add(
                        f"{feedback['exercise_id']}: {diagnosis(test['message'], test['hint'])}"
                    )
        tests.update(seen_tests)
        mistakes.update(seen_mistakes)
    return tests.most_common(TOP), mistakes.most_common(TOP)


def counted_list(list_id: str, rows: list[tuple[str, int]]) -> str:
    if not rows:
        return f'<p id="{list_id}">None.</p>'
    items = "".join(
        f"<li>{escape(text)} <strong>({counted(count, 'learner')})</strong></li>" for text, count in rows
    )
    return f'<ol id="{list_id}">{items}</ol>'


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}
svg text{{font-size:13px;fill:#222}} td,th{{padding:.2rem .6rem;text-align:left}}
</style></head><body>
<h1>{title}</h1>
<p id="overview">{overview}</p>
<h2>Pass rate per exercise</h2>
{rates}
<h2>Score distribution</h2>
{distribution}
<h2>Tests most learners failed</h2>
{tests}
<h2>Mistakes most learners made</h2>
{mistakes}
<h2>Learners with work not graded</h2>
{ungraded}
</body></html>
"""


def html(results: ClassResults) -> str:
    """The class report page."""
    tests, mistakes = most_hit(results)
    graded = [lr for lr in results.learners if lr.feedback]
    mean = sum(lr.percent for lr in graded) / len(graded) if graded else 0.0
    problems = [(lr, p) for lr in results.learners for p in lr.not_graded]
    rows = "".join(
        f"<tr><td>{escape(lr.learner)}</td><td>{escape(lr.name)}</td><td>{escape(p)}</td></tr>"
        for lr, p in problems
    )
    ungraded = f'<table id="ungraded"><tr><th>learner</th><th>name</th><th>why</th></tr>{rows}</table>'
    return PAGE.format(
        title=escape(f"{results.course}: class report"),
        overview=f"{counted(len(results.learners), 'learner')}, mean score {mean:.1f}%.",
        rates=bar_chart("pass-rates", pass_rates(results), "%"),
        distribution=bar_chart("distribution", distribution(results), "count"),
        tests=counted_list("most-failed-tests", tests),
        mistakes=counted_list("most-common-mistakes", mistakes),
        ungraded=ungraded if problems else '<p id="ungraded">Every exercise of every learner was graded.</p>',
    )
