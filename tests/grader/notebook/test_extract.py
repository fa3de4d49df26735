"""Reading exercise code from saved notebooks, intact or damaged."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from nbformat.notebooknode import NotebookNode

from grader.course.manifest import Course
from grader.notebook.build import build_notebooks
from grader.notebook.extract import NotebookError, extract_exercise, notebook_exercise_ids, read_notebook
from tests.grader.notebook.conftest import code_cell_of, put_code
from tests.helpers import LEAP_YEAR


@pytest.fixture
def basics(mini_course: Course) -> NotebookNode:
    """The mini course's first module notebook, as generated."""
    return nbformat.reads(build_notebooks(mini_course)[0].text, as_version=4)


def test_code_is_found_by_tag(mini_course: Course, basics: NotebookNode) -> None:
    put_code(code_cell_of(basics, "leap-year"), LEAP_YEAR)
    found = extract_exercise(basics, mini_course.find("leap-year"))
    assert found.notes == () and found.missing == ()
    assert found.files["leap_year.py"].startswith("# exercise: leap-year | file: leap_year.py")
    assert found.files["leap_year.py"].endswith(LEAP_YEAR)


def test_lost_tags_fall_back_to_the_marker_line(mini_course: Course, basics: NotebookNode) -> None:
    cell = code_cell_of(basics, "leap-year")
    put_code(cell, LEAP_YEAR)
    for each in basics.cells:
        each.metadata = {}
    found = extract_exercise(basics, mini_course.find("leap-year"))
    assert found.files["leap_year.py"].endswith(LEAP_YEAR)
    assert found.notes == ("The cell for leap_year.py had lost its tags; it was found by its first line.",)


def test_duplicated_cell_grades_the_one_run_last(mini_course: Course, basics: NotebookNode) -> None:
    original = code_cell_of(basics, "leap-year")
    twin = copy.deepcopy(original)
    twin.id = "twin"
    put_code(original, LEAP_YEAR)
    put_code(twin, "def leap_year(year):\n    return False\n")
    original.execution_count, twin.execution_count = 7, 3
    basics.cells.append(twin)
    found = extract_exercise(basics, mini_course.find("leap-year"))
    assert found.files["leap_year.py"].endswith(LEAP_YEAR)
    where = basics.cells.index(original) + 1
    assert f"graded the one run most recently, cell {where}." in found.notes[0]
    assert found.notes[0].startswith("2 cells hold leap_year.py")


def test_split_cell_is_joined_and_check_cells_are_not(mini_course: Course, basics: NotebookNode) -> None:
    cell = code_cell_of(basics, "leap-year")
    put_code(cell, "def leap_year(year):\n    return is_leap(year)\n")
    rest = nbformat.v4.new_code_cell("def is_leap(year):\n    return year % 4 == 0\n")
    basics.cells.insert(basics.cells.index(cell) + 1, rest)
    found = extract_exercise(basics, mini_course.find("leap-year"))
    assert "return is_leap(year)\n\ndef is_leap(year)" in found.files["leap_year.py"]
    assert "check('leap-year')" not in found.files["leap_year.py"]
    assert "as if it had been split" in found.notes[0]


def test_deleted_cell_is_reported_missing(mini_course: Course, basics: NotebookNode) -> None:
    basics.cells.remove(code_cell_of(basics, "leap-year"))
    found = extract_exercise(basics, mini_course.find("leap-year"))
    assert not found.found and found.missing == ("leap_year.py",)
    assert "No cell for leap_year.py was found" in found.notes[0]
    assert notebook_exercise_ids(basics) == ["doubled"]


def test_notebook_commands_are_left_out_with_a_note(mini_course: Course, basics: NotebookNode) -> None:
    put_code(code_cell_of(basics, "leap-year"), "%timeit 1\n" + LEAP_YEAR + "!ls\nleap_year?\n")
    found = extract_exercise(basics, mini_course.find("leap-year"))
    code = found.files["leap_year.py"]
    compile(code, "leap_year.py", "exec")
    assert "# %timeit 1" in code and "# !ls" in code
    assert len(found.notes) == 3 and "left out of grading" in found.notes[0]


def test_invalid_json_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [', encoding="utf-8")
    with pytest.raises(NotebookError, match="is not a notebook: it is not valid JSON"):
        read_notebook(broken)


def test_json_that_is_not_a_notebook_is_a_clear_error(tmp_path: Path) -> None:
    other = tmp_path / "data.ipynb"
    other.write_text('{"name": "not a notebook"}', encoding="utf-8")
    with pytest.raises(NotebookError, match="is not a Jupyter notebook"):
        read_notebook(other)


def test_an_nbformat_3_notebook_is_read(mini_course: Course, tmp_path: Path) -> None:
    v3 = nbformat.v3
    source = "# exercise: leap-year | file: leap_year.py\n" + LEAP_YEAR
    old = v3.new_notebook(worksheets=[v3.new_worksheet(cells=[v3.new_code_cell(input=source)])])
    path = tmp_path / "old.ipynb"
    path.write_text(nbformat.writes(old, version=3), encoding="utf-8")
    found = extract_exercise(read_notebook(path), mini_course.find("leap-year"))
    assert found.files["leap_year.py"].endswith(LEAP_YEAR)
