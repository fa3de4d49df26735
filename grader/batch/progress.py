"""Show a batch's progress: a bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

import click

from grader.render.plural import counted


class ProgressReport:
    """Count learners done and those with work that was not graded.

    ``not_graded`` names the learners whose work the plan already recorded as
    not graded (a submission that could not be read), so the count said while
    grading is the count the batch's summary says at the end.
    """

    def __init__(
        self, total: int, say: Callable[[str], None], tty: bool | None = None, not_graded: Iterable[str] = ()
    ) -> None:
        self.total = total
        self.done = 0
        self.not_graded = set(not_graded)
        self.say = say
        self.started = time.monotonic()
        self.tty = sys.stdout.isatty() if tty is None else tty
        self.bar: Any = None
        if self.tty and total:
            self.bar = click.progressbar(length=total, label=self.label(), show_eta=True, show_pos=True)
            self.bar.__enter__()

    def label(self) -> str:
        return f"Grading ({counted(len(self.not_graded), 'learner')} with work not graded)"

    def __call__(self, learner: str, troubled: bool) -> None:
        self.done += 1
        if troubled:
            self.not_graded.add(learner)
        if self.bar is not None:
            self.bar.label = self.label()
            self.bar.update(1)
            return
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done)
        mark = "some work not graded" if learner in self.not_graded else "every exercise graded"
        counts = f"[{self.done}/{self.total}] {learner} done, {mark}"
        ungraded = counted(len(self.not_graded), "learner")
        self.say(f"{counts}; {ungraded} with work not graded so far; ~{left:.0f} s left")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
