"""New files beside the graded ones: found against the committed starter, named in a not-started check."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import click
from click.testing import CliRunner

from grader.cli import cli
from grader.course.manifest import Course
from grader.course.new_files import misplaced_note, new_files
from grader.pipeline.grading import grade

GOLDEN = Path(__file__).parents[1] / "golden" / "course" / "not_started_new_file.txt"
SOLVED_ELSEWHERE = "def is_leap(year):\n    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)\n"


def commit(root: Path) -> None:
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "starter"]):
        subprocess.run(
            ["git", "-c", "user.name=Author", "-c", "user.email=author@example.org", *args],
            cwd=root,
            check=True,
            capture_output=True,
            timeout=30,
        )


def leap_folder(course: Course) -> Path:
    return course.exercise_dir(course.find("leap-year"))


def test_a_new_python_file_is_found_and_the_starter_and_own_tests_are_not(mini_course: Course) -> None:
    commit(mini_course.root)
    folder = leap_folder(mini_course)
    (folder / "leap.py").write_text(SOLVED_ELSEWHERE, encoding="utf-8")
    (folder / "test_leap.py").write_text("def test_x():\n    assert True\n", encoding="utf-8")
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "cached.py").write_text("", encoding="utf-8")
    (folder / "notes.txt").write_text("ideas", encoding="utf-8")
    assert new_files(mini_course, mini_course.find("leap-year"), folder) == ("leap.py",)


def test_a_file_the_learner_committed_themselves_is_still_new(mini_course: Course) -> None:
    commit(mini_course.root)
    (leap_folder(mini_course) / "leap.py").write_text(SOLVED_ELSEWHERE, encoding="utf-8")
    commit(mini_course.root)  # their own commit: HEAD has it, but the starter is the first commit's
    subprocess.run(["git", "branch", "-q", "course", "HEAD~1"], cwd=mini_course.root, check=True, timeout=30)
    subprocess.run(
        ["git", "branch", "-q", "--set-upstream-to=course"], cwd=mini_course.root, check=True, timeout=30
    )
    assert new_files(mini_course, mini_course.find("leap-year"), leap_folder(mini_course)) == ("leap.py",)


def test_without_git_nothing_is_guessed(mini_course: Course) -> None:
    (leap_folder(mini_course) / "leap.py").write_text(SOLVED_ELSEWHERE, encoding="utf-8")
    assert new_files(mini_course, mini_course.find("leap-year"), leap_folder(mini_course)) == ()


def test_the_note_names_every_new_file_and_the_graded_one(mini_course: Course) -> None:
    leap = mini_course.find("leap-year")
    assert misplaced_note(leap, ("leap.py",)) == (
        "leap.py is new in this folder, but the grader reads leap_year.py: move your code there."
    )
    assert misplaced_note(leap, ("a.py", "b.py", "c.py")).startswith("a.py, b.py and c.py are new")


def test_a_not_started_check_names_the_new_file(mini_course: Course) -> None:
    commit(mini_course.root)
    (leap_folder(mini_course) / "leap.py").write_text(SOLVED_ELSEWHERE, encoding="utf-8")
    feedback = grade(mini_course, mini_course.find("leap-year"))
    assert feedback.status == "not_started"
    assert feedback.to_dict()["error"] == (
        "leap.py is new in this folder, but the grader reads leap_year.py: move your code there."
    )


def test_a_started_exercise_says_nothing_of_other_files(mini_course: Course) -> None:
    commit(mini_course.root)
    folder = leap_folder(mini_course)
    (folder / "leap.py").write_text(SOLVED_ELSEWHERE, encoding="utf-8")
    (folder / "leap_year.py").write_text("def leap_year(year):\n    return year % 4 == 0\n", encoding="utf-8")
    assert grade(mini_course, mini_course.find("leap-year")).status == "failed"
    assert grade(mini_course, mini_course.find("leap-year")).error is None


def test_grader_check_shows_the_new_file_in_the_terminal(course_dir: Path) -> None:
    commit(course_dir)
    (course_dir / "exercises/01_basics/01_leap_year/leap.py").write_text(SOLVED_ELSEWHERE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--course", str(course_dir), "check", "leap-year"], color=False)
    assert result.exit_code == 1, result.output
    text = click.unstyle(result.output)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
