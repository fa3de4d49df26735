"""Shared pieces of the notebook door's tests: course copies and notebooks with code put in."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.notebooknode import NotebookNode

from grader.course.manifest import Course

REPO = Path(__file__).resolve().parents[3]
COURSE_PARTS = ("exercises", "solutions", "projects", "notebooks", "grader/suites")


def copy_real_course(target: Path) -> Path:
    """Copy the bundled course (manifest, exercises, solutions, suites, notebooks) to ``target``."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".grader", ".venv", "*.db")
    for part in COURSE_PARTS:
        shutil.copytree(REPO / part, target / part, ignore=ignore)
    return target


def code_cell_of(notebook: NotebookNode, exercise_id: str, file: str | None = None) -> NotebookNode:
    """The generated code cell of an exercise (its first file unless ``file`` is named)."""
    for cell in notebook.cells:
        tags = cell.metadata.get("tags", [])
        wanted_file = file is None or f"file:{file}" in tags
        if cell.cell_type == "code" and f"exercise:{exercise_id}" in tags and wanted_file:
            return cell
    raise LookupError(f"no code cell for {exercise_id}")


def put_code(cell: NotebookNode, code: str) -> None:
    """Replace a cell's code, keeping its marker line, as a learner would."""
    cell.source = cell.source.splitlines()[0] + "\n" + code


def solve_notebook(course: Course, notebook: NotebookNode) -> None:
    """Put every exercise's reference solution into its starter cells."""
    for cell in notebook.cells:
        tags = cell.metadata.get("tags", [])
        exercise = next((t.split(":", 1)[1] for t in tags if t.startswith("exercise:")), None)
        file = next((t.split(":", 1)[1] for t in tags if t.startswith("file:")), None)
        if cell.cell_type == "code" and exercise and file:
            solution = course.solution_dir(course.find(exercise)) / file
            put_code(cell, solution.read_text(encoding="utf-8"))


def read(path: Path) -> NotebookNode:
    return nbformat.read(path, as_version=4)


@pytest.fixture
def real_course_dir(tmp_path: Path) -> Path:
    return copy_real_course(tmp_path / "course")
