"""What the class report counts: pass rates, score bands, and the tests and mistakes most learners hit.

Only graded work is counted: an exercise that was not graded (the grader or
the host failed, the submission could not be read) is neither a pass nor a
0 here; the report lists it apart, with why.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from grader.batch.results import NOT_GRADED_WORDS, ClassResults, is_graded
from grader.course.manifest import Exercise

TOP = 10
BANDS = ("0", "under 25%", "25-49%", "50-74%", "75-99%", "full marks")


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, its length (a fraction of the full width) and the value it says."""

    label: str
    fraction: float
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "fraction": self.fraction, "value": self.value}


def graded_feedback(results: ClassResults, exercise: Exercise) -> list[dict[str, Any]]:
    return [
        f for lr in results.learners for f in lr.feedback if f["exercise_id"] == exercise.id and is_graded(f)
    ]


def pass_rates(results: ClassResults) -> list[Bar]:
    """Each exercise's share of passes among the learners graded on it, in course order."""
    bars = []
    for exercise in results.exercises:
        graded = graded_feedback(results, exercise)
        rate = sum(f["status"] == "passed" for f in graded) / len(graded) if graded else 0.0
        bars.append(Bar(exercise.id, rate, f"{rate * 100:.0f}% of {len(graded)}"))
    return bars


def distribution(results: ClassResults) -> list[Bar]:
    """Graded learners per 10-point band of their percentage, the largest band full width."""
    graded = [lr for lr in results.learners if lr.status != NOT_GRADED_WORDS]
    bands = Counter(min(int(lr.percent // 10), 9) for lr in graded)
    top = max(bands.values(), default=1)
    return [
        Bar(f"{b * 10}-{b * 10 + 9 if b < 9 else 100}% ({bands[b]})", bands[b] / top, "") for b in range(10)
    ]


def band(score: float, max_score: float) -> int:
    """Which of BANDS a score falls in."""
    if score <= 0 or max_score <= 0:
        return 0
    if score >= max_score:
        return len(BANDS) - 1
    return 1 + min(3, int(4 * score / max_score))


def exercise_distributions(results: ClassResults) -> list[dict[str, Any]]:
    """Per exercise: how many learners scored in each band, and how many were not graded on it."""
    shown = []
    for exercise in results.exercises:
        graded = graded_feedback(results, exercise)
        counts = Counter(band(float(f["score"]), float(f["max_score"])) for f in graded)
        top = max(counts.values(), default=1)
        every = sum(1 for lr in results.learners for f in lr.feedback if f["exercise_id"] == exercise.id)
        shown.append(
            {
                "id": exercise.id,
                "title": exercise.title,
                "points": f"{exercise.points:g}",
                "graded": len(graded),
                "not_graded": every - len(graded),
                "bars": [Bar(label, counts[i] / top, str(counts[i])) for i, label in enumerate(BANDS)],
            }
        )
    return shown


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
