"""Re-check an exercise whenever its files are saved.

Polling file modification times works everywhere (network drives, containers,
editors that replace files), so it is the only mechanism: no file-event
library to install or to fail silently.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from grader.course.manifest import Course, Exercise
from grader.course.next_exercise import next_exercise
from grader.course.workspace import Progress
from grader.pipeline.grading import grade
from grader.pipeline.warm import warm_pytest
from grader.render import terminal


def snapshot(course: Course, exercise: Exercise) -> dict[Path, int]:
    """Modification times of the exercise's graded files."""
    folder = course.exercise_dir(exercise)
    times: dict[Path, int] = {}
    for pattern in exercise.graded_patterns:
        for path in folder.glob(pattern):
            try:
                times[path] = path.stat().st_mtime_ns
            except OSError:
                continue
    return times


@warm_pytest()  # pytest stays imported between saves; every check still gets a fresh worker
def watch_exercise(
    course: Course,
    exercise: Exercise,
    progress: Progress,
    report: Callable[[str], None],
    interval: float = 0.5,
    max_checks: int | None = None,
    clear_screen: bool = False,
) -> Exercise | None:
    """Check now and on every save; move to the next exercise when this one passes."""
    current: Exercise | None = exercise
    checks = 0
    seen: dict[Path, int] | None = None
    while current is not None and (max_checks is None or checks < max_checks):
        now = snapshot(course, current)
        if now != seen:
            seen = now
            checks += 1
            report(check_banner(current, clear_screen))
            feedback = grade(course, current)
            progress.record_check(feedback)
            upcoming = next_exercise(course, progress, after=current)
            footer = terminal.next_step(feedback, current, upcoming, watching=True)
            report(terminal.feedback_text(feedback, current, upcoming, footer=footer))
            if feedback.passed and upcoming is not None and upcoming != current:
                current, seen = upcoming, snapshot(course, upcoming)
                report(f"\nNow watching {current.id}: save your file to check it.")
            elif feedback.passed and upcoming is None:
                report(f"\n{COURSE_COMPLETE}")
                return None
        time.sleep(interval)
    return current


def check_banner(exercise: Exercise, clear_screen: bool) -> str:
    """What starts each re-check: a cleared screen on a terminal, else a separator with the time."""
    stamp = datetime.now().strftime("%H:%M:%S")
    line = f"Checking {exercise.id} at {stamp} (watching: save to check again, Ctrl-C stops)"
    if clear_screen:
        return CLEAR_SCREEN + line
    return f"{'=' * 20} {stamp} {'=' * 20}\n{line}"


COURSE_COMPLETE = "The course is complete: every exercise has passed. Nothing is left to watch."

# Move the cursor home and erase the screen (what `clear` does), as one string for the report.
CLEAR_SCREEN = "\x1b[H\x1b[2J"
