"""Read an exercise's code from a saved notebook: by cell tag, else by the marker line.

A learner may have moved, duplicated, split or deleted cells, or the file may
not be a notebook at all. Whatever can be found is returned with notes that
say, in plain words, what was assumed or could not be found.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.course.manifest import Exercise
from grader.notebook.markers import (
    CHECK_TAG,
    CellLabel,
    cell_files,
    label_from_marker,
    label_from_tags,
    plain_python,
)

if TYPE_CHECKING:
    from nbformat.notebooknode import NotebookNode

# A learner's scratch cell that calls the notebook helpers must not be graded as code.
HELPER_CALLS = ("check(", "progress(", "grader.notebook")


class NotebookError(Exception):
    """The file cannot be read as a notebook; the message says why."""


@dataclass(frozen=True)
class Extraction:
    """The code found for one exercise (file name -> source) and notes about how it was found."""

    files: dict[str, str]
    notes: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def found(self) -> bool:
        return bool(self.files)


@dataclass(frozen=True)
class FoundCell:
    index: int
    label: CellLabel
    source: str
    execution_count: int | None
    by_marker: bool


def read_notebook(path: Path) -> NotebookNode:
    """Load a notebook of any nbformat version as version 4, or explain why it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise NotebookError(f"{path} cannot be read: {error}") from None
    try:
        json.loads(text)
    except ValueError as error:
        raise NotebookError(f"{path} is not a notebook: it is not valid JSON ({error})") from None
    import nbformat  # loaded only when a notebook is read: it is slow to import

    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat raises many kinds for files that are JSON but not notebooks
        raise NotebookError(f"{path} is not a Jupyter notebook nbformat can read ({error})") from None
    if not isinstance(notebook.get("cells"), list):
        raise NotebookError(f"{path} is not a Jupyter notebook: it has no list of cells")
    return notebook


def labelled_cells(notebook: NotebookNode) -> list[FoundCell]:
    """Every code cell that says which exercise it belongs to, by tag or by marker line."""
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.get("cell_type") != "code":
            continue
        source = cell_source(cell)
        tags = [str(t) for t in cell.get("metadata", {}).get("tags", []) or []]
        label = label_from_tags(tags)
        by_marker = label is None
        label = label or label_from_marker(source)
        if label is not None:
            found.append(FoundCell(index, label, source, cell.get("execution_count"), by_marker))
    return found


def cell_source(cell: Any) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def extract_exercise(notebook: NotebookNode, exercise: Exercise) -> Extraction:
    """The exercise's files as the notebook holds them, with notes on anything unusual."""
    cells = [c for c in labelled_cells(notebook) if c.label.exercise == exercise.id]
    files, notes, missing = {}, [], []
    names = cell_files(exercise)
    for name in names:
        mine = [c for c in cells if c.label.file == name or (c.label.file is None and len(names) == 1)]
        if not mine:
            missing.append(name)
            notes.append(
                f"No cell for {name} was found (a code cell tagged {'exercise:' + exercise.id!r} "
                f"or starting with '# exercise: {exercise.id}'): was it deleted?"
            )
            continue
        chosen = choose(mine, name, notes)
        source = chosen.source + continuation(notebook, chosen.index, exercise, notes)
        files[name], magic_notes = plain_python(source)
        notes += [f"{name}: {note}" for note in magic_notes]
        if chosen.by_marker:
            notes.append(f"The cell for {name} had lost its tags; it was found by its first line.")
    return Extraction(files, tuple(notes), tuple(missing))


def choose(cells: list[FoundCell], name: str, notes: list[str]) -> FoundCell:
    """One cell per file: when a learner duplicated it, the one run last (else the last one)."""
    if len(cells) == 1:
        return cells[0]
    ran = [c for c in cells if isinstance(c.execution_count, int)]
    chosen = max(ran, key=lambda c: c.execution_count or 0) if ran else cells[-1]
    how = "the one run most recently" if ran else "the last one"
    places = ", ".join(str(c.index + 1) for c in cells)
    notes.append(f"{len(cells)} cells hold {name} (cells {places}); graded {how}, cell {chosen.index + 1}.")
    return chosen


def continuation(notebook: NotebookNode, index: int, exercise: Exercise, notes: list[str]) -> str:
    """Untagged code cells right after the exercise's cell: the rest of a cell the learner split."""
    parts = []
    for cell in notebook.cells[index + 1 :]:
        tags = [str(t) for t in cell.get("metadata", {}).get("tags", []) or []]
        source = cell_source(cell)
        if cell.get("cell_type") != "code" or tags or label_from_marker(source):
            break
        if any(call in source for call in HELPER_CALLS) or CHECK_TAG in source:
            break
        parts.append(source)
    if parts:
        notes.append(
            f"{len(parts)} untagged code cell(s) right after the {exercise.id} cell were graded "
            "with it, as if it had been split."
        )
    return "".join("\n" + part for part in parts)


def notebook_exercise_ids(notebook: NotebookNode) -> list[str]:
    """The exercises a notebook holds code for, in the order they first appear."""
    seen: list[str] = []
    for cell in labelled_cells(notebook):
        if cell.label.exercise not in seen:
            seen.append(cell.label.exercise)
    return seen
