"""Take exercises from the Jupyter notebooks in a learner's submission.

The code is read by the notebook door's own extraction (cell tags, else the
marker line; see :mod:`grader.notebook.extract`) and written out as the files
the exercise names, so it is graded exactly like loose files. A notebook
that cannot be read becomes a note naming it and why; the rest of the
submission is graded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from grader.batch.discover import NOTEBOOK_SUFFIX, printable
from grader.batch.unpack import SKIPPED_FOLDERS
from grader.course.manifest import Exercise
from grader.notebook.extract import NotebookError, extract_exercise, read_notebook
from grader.pipeline.grading import write_text_files

if TYPE_CHECKING:
    from nbformat.notebooknode import NotebookNode

# Jupyter's autosaves: an older copy of a notebook already found beside it.
IGNORED_FOLDERS = SKIPPED_FOLDERS | {".ipynb_checkpoints"}


@dataclass(frozen=True)
class NotebookCode:
    """An exercise's files as one notebook holds them, written to ``folder``."""

    folder: Path
    notebook: str
    notes: tuple[str, ...]


def find_notebooks(root: Path) -> list[Path]:
    """The notebooks anywhere in an unpacked submission, in a stable order."""
    found = [
        path
        for path in root.rglob("*")
        if path.name.lower().endswith(NOTEBOOK_SUFFIX)
        and path.is_file()
        and not IGNORED_FOLDERS & set(path.relative_to(root).parts)
    ]
    return sorted(found)


class Notebooks:
    """The readable notebooks of one submission, and why the others could not be read."""

    def __init__(self, root: Path) -> None:
        self.readable: list[tuple[str, NotebookNode]] = []
        self.problems: list[str] = []
        for path in find_notebooks(root):
            name = printable(path.relative_to(root).as_posix())
            try:
                self.readable.append((name, read_notebook(path)))
            except NotebookError as error:
                # The message names the grader's private copy; the learner knows the file by its name.
                self.problems.append(f"{name} could not be read: " + str(error).replace(str(path), name))

    @property
    def count(self) -> int:
        return len(self.readable) + len(self.problems)

    def extract(self, exercise: Exercise, target: Path) -> NotebookCode | None:
        """Write ``exercise``'s code from the first notebook holding it under ``target`` (None: none does)."""
        holders = []
        for name, notebook in self.readable:
            found = extract_exercise(notebook, exercise)
            if found.found:
                holders.append((name, found))
        if not holders:
            return None
        name, found = holders[0]
        write_text_files(target, found.files)
        notes = [f"{exercise.id}: graded from the notebook {name}."]
        notes += [f"{exercise.id}: {note}" for note in found.notes]
        if len(holders) > 1:
            others = ", ".join(other for other, _ in holders[1:])
            notes.append(f"{exercise.id}: {others} also hold it; only {name} was graded.")
        return NotebookCode(target, name, tuple(notes))

    def missing_note(self, exercise: Exercise) -> str:
        """What the notebooks say about an exercise none of them holds."""
        parts = []
        if self.readable:
            names = ", ".join(name for name, _ in self.readable)
            parts.append(
                f"No cell of {names} holds it (a code cell tagged exercise:{exercise.id} "
                f"or starting with '# exercise: {exercise.id}')."
            )
        parts += self.problems
        return " ".join(parts)
