"""Show a batch's progress: a bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

import click


class ProgressReport:
    """Count learners done and those with something that could not be graded."""

    def __init__(self, total: int, say: Callable[[str], None], tty: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.failures = 0
        self.say = say
        self.started = time.monotonic()
        self.tty = sys.stdout.isatty() if tty is None else tty
        self.bar: Any = None
        if self.tty and total:
            self.bar = click.progressbar(length=total, label="Grading", show_eta=True, show_pos=True)
            self.bar.__enter__()

    def __call__(self, learner: str, troubled: bool) -> None:
        self.done += 1
        self.failures += troubled
        if self.bar is not None:
            self.bar.label = f"Grading ({self.failures} with errors)"
            self.bar.update(1)
            return
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done)
        mark = " (some exercises could not be graded)" if troubled else ""
        counts = f"[{self.done}/{self.total}] {learner} done{mark}"
        self.say(f"{counts}; {self.failures} with errors; ~{left:.0f} s left")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
