"""`grader check --notebook PATH [EXERCISE]`: a saved notebook graded from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from click.testing import CliRunner, Result

from grader.cli import cli
from grader.course.manifest import Course
from grader.course.workspace import Progress
from grader.notebook.build import build_notebooks
from tests.grader.notebook.conftest import code_cell_of, solve_notebook


def run(course: Course, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--course", str(course.root), "check", *args])


def saved(course: Course, tmp_path: Path, solved: bool = True, drop: str | None = None) -> Path:
    notebook = nbformat.reads(build_notebooks(course)[0].text, as_version=4)
    if solved:
        solve_notebook(course, notebook)
    if drop:
        notebook.cells.remove(code_cell_of(notebook, drop))
    path = tmp_path / "submission.ipynb"
    path.write_text(nbformat.writes(notebook), encoding="utf-8")
    return path


def test_a_solved_notebook_passes_every_exercise_it_holds(mini_course: Course, tmp_path: Path) -> None:
    result = run(mini_course, "--notebook", str(saved(mini_course, tmp_path)))
    assert result.exit_code == 0, result.output
    assert "Leap years (leap-year)  10/10 points  ✓ passed" in result.output
    assert "Doubled (doubled)  4/4 points  ✓ passed" in result.output
    assert Progress(mini_course).of(mini_course.find("leap-year")).attempts == 0  # someone else's file


def test_one_exercise_by_name_as_json(mini_course: Course, tmp_path: Path) -> None:
    result = run(
        mini_course, "--notebook", str(saved(mini_course, tmp_path, solved=False)), "leap-year", "--json"
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [r["exercise_id"] for r in data["results"]] == ["leap-year"]
    assert data["results"][0]["feedback"]["status"] == "not_started"


def test_a_deleted_cell_is_noted_and_the_rest_graded(mini_course: Course, tmp_path: Path) -> None:
    path = saved(mini_course, tmp_path, drop="doubled")
    result = run(mini_course, "--notebook", str(path), "--json")
    assert result.exit_code == 1
    by_id = {r["exercise_id"]: r for r in json.loads(result.output)["results"]}
    assert by_id["leap-year"]["feedback"]["status"] == "passed"
    assert by_id["doubled"]["feedback"] is None
    assert "No cell for doubled.py was found" in by_id["doubled"]["notes"][0]
    named = run(mini_course, "--notebook", str(path), "doubled")
    assert named.exit_code == 1
    assert "doubled: not graded." in named.output and "No cell for doubled.py was found" in named.output


def test_a_corrupt_file_is_a_clear_usage_error(mini_course: Course, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ipynb"
    broken.write_bytes(b"\x89PNG not a notebook")
    result = run(mini_course, "--notebook", str(broken))
    assert result.exit_code == 2
    assert "cannot be read" in result.output or "not valid JSON" in result.output
    assert "Traceback" not in result.output


def test_a_notebook_without_exercise_cells_says_so(mini_course: Course, tmp_path: Path) -> None:
    empty = tmp_path / "empty.ipynb"
    empty.write_text(nbformat.writes(nbformat.v4.new_notebook()), encoding="utf-8")
    result = run(mini_course, "--notebook", str(empty))
    assert result.exit_code == 2 and "holds no exercise cells of this course" in result.output
