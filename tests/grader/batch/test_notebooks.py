"""Notebook submissions in a batch: found in every shape, graded like loose files, bad ones explained."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import nbformat
import pytest

from grader.batch.discover import discover
from grader.batch.notebooks import Notebooks
from grader.course.manifest import Course
from tests.grader.batch.helpers import CORRECT_DOUBLED, WRONG_DOUBLED, grade, gradebook_rows, needs_sandbox
from tests.helpers import LEAP_YEAR


def notebook(*cells: tuple[str, list[str]]) -> str:
    """A saved nbformat v4 notebook: an introduction, then each (source, tags) as a code cell."""
    book = nbformat.v4.new_notebook()
    book.cells.append(nbformat.v4.new_markdown_cell("# Homework"))
    for source, tags in cells:
        book.cells.append(nbformat.v4.new_code_cell(source, metadata={"tags": tags}))
    nbformat.validate(book)
    return nbformat.writes(book)


# One by tag, one by the marker line the generated notebooks put first in the cell.
BOTH = notebook(
    (LEAP_YEAR, ["exercise:leap-year"]),
    ("# exercise: doubled | file: doubled.py\n" + CORRECT_DOUBLED, []),
)
WRONG = notebook((LEAP_YEAR, ["exercise:leap-year"]), (WRONG_DOUBLED, ["exercise:doubled"]))
NOT_NBFORMAT = json.dumps({"cells": [{"cell_type": "code", "source": 1}], "nbformat": 4})


def notebook_class(root: Path) -> Path:
    """Notebooks as a folder, a lone file, in a zip, LMS-named, and three that cannot be graded."""
    root.mkdir()
    (root / "ada").mkdir()
    (root / "ada" / "homework.ipynb").write_text(BOTH, "utf-8")
    (root / "ben.ipynb").write_text(WRONG, "utf-8")
    with zipfile.ZipFile(root / "cy.zip", "w") as archive:
        archive.writestr("cy-work/week1.ipynb", BOTH)
    (root / "smithdee_1234_5678_homework.ipynb").write_text(BOTH, "utf-8")
    (root / "eve").mkdir()
    (root / "eve" / "leap_year.py").write_text(LEAP_YEAR, "utf-8")
    (root / "eve" / "homework.ipynb").write_text('{"cells": [', "utf-8")  # cut short: not JSON
    (root / "fay.ipynb").write_text(NOT_NBFORMAT, "utf-8")
    (root / "gus.ipynb").write_text(notebook(("print('hello')", [])), "utf-8")  # no exercise cells
    return root


@pytest.fixture
def graded(course_dir: Path, tmp_path: Path) -> tuple[Path, str]:
    needs_sandbox()
    out = tmp_path / "out"
    subs = notebook_class(tmp_path / "subs")
    result = grade(course_dir, subs, out, "--module", "basics", "--jobs", "2")
    assert result.exit_code == 0, result.output
    return out, result.output


def test_notebooks_in_every_shape_are_graded_like_loose_files(graded: tuple[Path, str]) -> None:
    out, output = graded
    assert "Found 7 learners (1 archive, 1 set of LMS-named files, 2 folders, 3 notebooks)." in output
    assert "Notebooks: 7 found in the submissions, 2 could not be read; 8 exercises are graded" in output
    rows = gradebook_rows(out)
    scores = {learner: (row["leap-year"], row["doubled"]) for learner, row in rows.items()}
    assert scores == {
        "1234": ("10", "4"),
        "ada": ("10", "4"),
        "ben": ("10", "0"),
        "cy": ("10", "4"),
        "eve": ("10", "0"),
        "fay": ("0", "0"),
        "gus": ("0", "0"),
    }
    ada = json.loads((out / "learners/ada/feedback.json").read_text("utf-8"))
    assert "leap-year: graded from the notebook homework.ipynb." in ada["notes"]
    ben = (out / "learners/ben/report.md").read_text("utf-8")
    assert "Called doubled(" in ben  # failed tests, not a problem with the notebook


def test_a_notebook_that_cannot_be_read_is_explained_and_the_rest_graded(graded: tuple[Path, str]) -> None:
    out, _ = graded
    eve = json.loads((out / "learners/eve/feedback.json").read_text("utf-8"))
    doubled = next(f for f in eve["feedback"] if f["exercise_id"] == "doubled")
    assert doubled["score"] == 0
    assert doubled["error"].startswith("Missing file: doubled.py. The submission holds: homework.ipynb")
    assert (
        "homework.ipynb could not be read: homework.ipynb is not a notebook: it is not valid JSON"
        in (doubled["error"])
    )
    assert "/tmp" not in doubled["error"] and "grader-batch" not in doubled["error"]
    fay = (out / "learners/fay/report.md").read_text("utf-8")
    assert "fay.ipynb could not be read: fay.ipynb is not a Jupyter notebook nbformat can read" in fay
    gus = json.loads((out / "learners/gus/feedback.json").read_text("utf-8"))
    assert all("No cell of gus.ipynb holds it" in f["error"] for f in gus["feedback"])


def test_checkpoints_are_not_notebooks_of_their_own(tmp_path: Path, mini_course: Course) -> None:
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "homework-checkpoint.ipynb").write_text(WRONG, "utf-8")
    (tmp_path / "homework.ipynb").write_text(BOTH, "utf-8")
    books = Notebooks(tmp_path)
    assert [name for name, _ in books.readable] == ["homework.ipynb"] and not books.problems
    code = books.extract(mini_course.find("doubled"), tmp_path / "code")
    assert code is not None
    assert (code.folder / "doubled.py").read_text("utf-8").endswith(CORRECT_DOUBLED)


def test_a_lone_notebook_is_one_learner_named_by_its_file(tmp_path: Path) -> None:
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "ada.ipynb").write_text(BOTH, "utf-8")
    (submission,) = discover(tmp_path / "subs").submissions
    assert (submission.learner, submission.kind) == ("ada", "notebook")
