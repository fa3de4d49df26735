"""grader watch: re-check on save, move on after a pass, stop cleanly on Ctrl-C."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader import cli as cli_module
from grader.commands import learning
from grader.course.manifest import Course, Exercise
from grader.course.workspace import Progress
from grader.watch import CLEAR_SCREEN, COURSE_COMPLETE, snapshot, watch_exercise


def save_solution(course: Course, exercise_id: str) -> None:
    """Write the reference solution over the learner's file, as an editor save would."""
    exercise = course.find(exercise_id)
    target = course.exercise_dir(exercise) / exercise.files[0]
    before = target.stat().st_mtime_ns
    shutil.copyfile(course.solution_dir(exercise) / exercise.files[0], target)
    # Some file systems keep coarse times: make sure the save is visible as a change.
    os.utime(target, ns=(before + 1_000_000_000, before + 1_000_000_000))


def test_snapshot_sees_a_save(mini_course: Course) -> None:
    exercise = mini_course.find("leap-year")
    first = snapshot(mini_course, exercise)
    assert list(first) == [mini_course.exercise_dir(exercise) / "leap_year.py"]
    save_solution(mini_course, "leap-year")
    assert snapshot(mini_course, exercise) != first


def is_banner(text: str) -> bool:
    return text.startswith((CLEAR_SCREEN, "=" * 20))


def test_watch_rechecks_after_a_save_and_moves_on(mini_course: Course) -> None:
    reports: list[str] = []

    def report(text: str) -> None:
        if is_banner(text):
            return
        reports.append(text)
        if len(reports) == 1:  # the first check saw the starter: now the learner saves a fix
            save_solution(mini_course, "leap-year")

    progress = Progress(mini_course)
    now_watching = watch_exercise(
        mini_course, mini_course.find("leap-year"), progress, report, interval=0.05, max_checks=2
    )
    assert "not started" in reports[0]
    assert "passed" in reports[1]
    assert any("Now watching doubled" in text for text in reports)
    assert now_watching == mini_course.find("doubled")
    assert progress.of(mini_course.find("leap-year")).status == "passed"


def watch_until_passed(
    course: Course, exercise_id: str, progress: Progress
) -> tuple[Exercise | None, list[str]]:
    """Watch ``exercise_id`` starting from its reference solution: one check, which passes."""
    save_solution(course, exercise_id)
    reports: list[str] = []
    now_watching = watch_exercise(
        course, course.find(exercise_id), progress, reports.append, 0.05, max_checks=1
    )
    return now_watching, reports


def test_after_a_pass_watch_moves_to_the_next_one_after_it_not_the_first_undone(mini_course: Course) -> None:
    # leap-year (first in the course) is not done; passing doubled must lead on to stack, after it
    now_watching, reports = watch_until_passed(mini_course, "doubled", Progress(mini_course))
    assert now_watching == mini_course.find("stack")
    assert "Now watching stack: save your file to check it." in reports[-1]
    assert reports[1].splitlines()[-1] == "Next up: A stack (stack)."


def test_after_passing_the_last_watch_wraps_to_the_first_not_done(mini_course: Course) -> None:
    progress = Progress(mini_course)
    watch_until_passed(mini_course, "doubled", progress)
    now_watching, reports = watch_until_passed(mini_course, "stack", progress)
    assert now_watching == mini_course.find("leap-year")
    assert "Now watching leap-year" in reports[-1]


def test_when_every_exercise_is_done_watch_says_the_course_is_complete(mini_course: Course) -> None:
    progress = Progress(mini_course)
    for exercise_id in ("leap-year", "stack"):
        watch_until_passed(mini_course, exercise_id, progress)
    now_watching, reports = watch_until_passed(mini_course, "doubled", progress)
    assert now_watching is None
    assert reports[-1] == f"\n{COURSE_COMPLETE}"


def test_watch_does_not_recheck_an_unchanged_file(mini_course: Course) -> None:
    reports: list[str] = []
    watch_exercise(
        mini_course, mini_course.find("leap-year"), Progress(mini_course), reports.append, 0.05, max_checks=1
    )
    assert len(reports) == 2  # the separator, then the feedback


def test_each_check_starts_with_a_separator_and_the_time_when_not_a_terminal(mini_course: Course) -> None:
    reports: list[str] = []
    watch_exercise(
        mini_course, mini_course.find("leap-year"), Progress(mini_course), reports.append, 0.05, max_checks=1
    )
    separator, checking = reports[0].splitlines()
    assert re.fullmatch(r"={20} \d\d:\d\d:\d\d ={20}", separator)
    assert re.fullmatch(
        r"Checking leap-year at \d\d:\d\d:\d\d \(watching: save to check again, Ctrl-C stops\)", checking
    )


def test_each_check_clears_the_screen_on_a_terminal(mini_course: Course) -> None:
    reports: list[str] = []
    watch_exercise(
        mini_course,
        mini_course.find("leap-year"),
        Progress(mini_course),
        reports.append,
        0.05,
        max_checks=1,
        clear_screen=True,
    )
    assert reports[0].startswith(CLEAR_SCREEN + "Checking leap-year at ")


def test_watch_never_asks_to_run_check_again(mini_course: Course) -> None:
    reports: list[str] = []
    watch_exercise(
        mini_course, mini_course.find("leap-year"), Progress(mini_course), reports.append, 0.05, max_checks=1
    )
    feedback = reports[1]
    assert "run `grader check" not in feedback
    assert feedback.splitlines()[-1] == (
        "Save your changes to check again. Stuck? `grader hint leap-year` gives a hint."
    )


def test_ctrl_c_stops_watching_cleanly(course_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(learning, "watch_exercise", interrupted)
    result = CliRunner().invoke(cli_module.cli, ["--course", str(course_dir), "watch", "leap-year"])
    assert result.exit_code == 0
    assert "Watching leap-year" in result.output
    assert "Stopped watching." in result.output
    assert "Traceback" not in result.output


def test_course_option_is_accepted_after_the_command(course_dir: Path) -> None:
    result = CliRunner().invoke(cli_module.cli, ["hint", "leap-year", "--course", str(course_dir)])
    assert result.exit_code == 0
    assert result.output.startswith("Hint 1 of")
