"""Reveal hints one at a time: the one core function `grader hint` and the notebook's hint() share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grader.course.manifest import Exercise
from grader.course.workspace import Progress


@dataclass(frozen=True)
class HintsShown:
    """The hints a learner has seen of one exercise, in order, after this request."""

    exercise_id: str
    title: str
    hints: tuple[str, ...]  # every hint shown so far, the newest last
    total: int
    every: bool  # all of them were asked for again (`--all`), not only the newest

    @property
    def shown(self) -> int:
        return len(self.hints)

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise_id": self.exercise_id,
            "shown": self.shown,
            "total": self.total,
            "hints": list(self.hints),
        }


def show_hint(progress: Progress, exercise: Exercise, every: bool = False) -> HintsShown:
    """Reveal the next hint and remember it; with ``every``, repeat those seen (a first one is revealed)."""
    seen = progress.of(exercise).hints_shown
    reveal = bool(exercise.hints) and not (every and seen)
    shown = progress.record_hint(exercise) if reveal else seen
    # a hint list shortened since they were shown: never more than the exercise has now
    hints = tuple(exercise.hints[: max(0, min(shown, len(exercise.hints)))])
    return HintsShown(exercise.id, exercise.title, hints, len(exercise.hints), every)
