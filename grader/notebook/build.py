"""Generate one notebook per course module from the exercises (never edited by hand).

The output is deterministic: the same course gives byte-identical notebooks,
so CI can rebuild them and compare with the committed ones.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import nbformat
from nbformat.notebooknode import NotebookNode

from grader.course.manifest import Course, CourseError, Exercise, Module
from grader.course.workspace import STATE_DIR
from grader.notebook.markers import CHECK_TAG, EXERCISE_TAG, FILE_TAG, METADATA_KEY, cell_files, marker_line

NOTEBOOK_DIR = "notebooks"
HEADING = re.compile(r"^#{1,5} ")
# Generated names: "01_control_flow.ipynb". JupyterLab's copies ("...-Copy1.ipynb") never match.
GENERATED_NAME = re.compile(r"^\d{2}_[a-z0-9_]+\.ipynb$")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

HOW_TO = """\
## How this notebook works

1. Run the setup cell below once (Shift-Enter). It loads `check`, `hint` and `progress`.
2. For each exercise, read the task, write your code in the cell under it and
   **run that cell**: `check()` grades the code you last ran, not what is on screen.
3. Run the exercise's `check("...")` cell. The feedback appears under it: what
   was called, what came back, what was expected, and a hint when one fits.
4. Stuck? Run `hint("...")` in a cell (for example `hint("{example}")`). Each
   run shows the next hint, gentlest first; `hint("...", every=True)` shows
   again every hint you have seen.

If you edit a cell and check without running it, the check grades what you
ran before. The check can say "you edited this cell but did not run it" only
after you save the notebook (Ctrl-S, or Cmd-S on a Mac): the kernel cannot see
unsaved edits, only the saved file.

Keep the first line of each exercise cell (`# exercise: ...`): it is how your
code is found. Your progress and the hints you have seen are shared with the
terminal: `grader list` shows them. This notebook is generated from
`exercises/` by `grader notebooks build`.
"""

# A module README's section on working in the terminal; a notebook has its own (HOW_TO).
TERMINAL_HOW_TO = "## How to work on an exercise"

TERMINAL_SECTION = """\
## {title} (`{id}`)

This exercise stays in the terminal: you build a real web server, with
several files, a database and its own tests, which a notebook cannot hold.
From the course folder, open `{path}/README.md` (the guided tour) and
`{path}/CONTRACT.md` (the exact behaviour), then grade it milestone by milestone:

```
grader check {id} --milestone 1
```

`grader check {id}` grades every milestone, and `grader hint {id}` gives a hint.
"""


@dataclass(frozen=True)
class BuiltNotebook:
    """One generated notebook: where it goes and its exact text."""

    name: str
    text: str


def notebook_name(index: int, module: Module) -> str:
    return f"{index:02d}_{module.id.replace('-', '_')}.ipynb"


def build_notebooks(course: Course) -> list[BuiltNotebook]:
    """Every module's notebook, in course order."""
    built = []
    for index, module in enumerate(course.modules, start=1):
        exercises = [e for e in course.exercises if e.module == module.id]
        notebook = module_notebook(course, module, exercises)
        nbformat.validate(notebook)
        text = nbformat.writes(notebook, version=4) + "\n"
        built.append(BuiltNotebook(notebook_name(index, module), text))
    return built


@dataclass(frozen=True)
class NotebookBuild:
    """What a build wrote, and where the notebooks it replaced or removed were backed up."""

    written: tuple[Path, ...]
    backup: Path | None


def write_notebooks(course: Course, target: Path | None = None) -> NotebookBuild:
    """Write every notebook into ``target`` (default: notebooks/); back up any it changes or removes."""
    folder = target if target is not None else course.root / NOTEBOOK_DIR
    folder.mkdir(parents=True, exist_ok=True)
    built = build_notebooks(course)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    backup = course.root / STATE_DIR / "backups" / "notebooks" / stamp
    replaced = [
        p for p in folder.glob("*.ipynb") if is_generated(p) and p.name not in {b.name for b in built}
    ]
    replaced += [
        folder / b.name for b in built if (folder / b.name).exists() and read(folder / b.name) != b.text
    ]
    for path in replaced:  # a learner may have worked in them: never lose that work
        backup.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, backup / path.name)
        path.unlink()
    written = []
    for notebook in built:
        path = folder / notebook.name
        if not path.exists():
            path.write_text(notebook.text, encoding="utf-8")
        written.append(path)
    return NotebookBuild(tuple(written), backup if replaced else None)


def is_generated(path: Path) -> bool:
    """A notebook this command made (by its name and metadata), not a learner's own or a copy."""
    return bool(GENERATED_NAME.match(path.name)) and METADATA_KEY in read(path)


def stale_notebooks(course: Course, folder: Path) -> list[str]:
    """Names of notebooks in ``folder`` that differ from a fresh build, or are missing or extra."""
    built = {b.name: b.text for b in build_notebooks(course)}
    present = {p.name for p in folder.glob("*.ipynb")}
    stale = [n for n, text in built.items() if n not in present or read(folder / n) != text]
    return sorted(stale + [n for n in present - built.keys() if is_generated(folder / n)])


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def module_notebook(course: Course, module: Module, exercises: list[Exercise]) -> NotebookNode:
    intro = readme(course.root / module.path, f"# {module.title}")
    gradable = [e for e in exercises if e.kind != "project"]
    cells = [markdown("intro", without_section(intro, TERMINAL_HOW_TO) if gradable else intro, ["intro"])]
    if gradable:
        cells.append(markdown("how-to", HOW_TO.format(example=gradable[0].id), ["how-to"]))
        cells.append(code("setup", "from grader.notebook import check, hint, progress", ["setup"]))
    for exercise in exercises:
        cells += exercise_cells(course, exercise)
    if gradable:
        cells.append(code("progress", f"progress({module.id!r})", ["progress"]))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = NotebookNode(
        {
            "kernelspec": KERNELSPEC,
            "language_info": {"name": "python"},
            METADATA_KEY: {"module": module.id, "generated_by": "grader notebooks build"},
        }
    )
    return notebook


def exercise_cells(course: Course, exercise: Exercise) -> list[NotebookNode]:
    folder = course.exercise_dir(exercise)
    if exercise.kind == "project":
        text = TERMINAL_SECTION.format(title=exercise.title, id=exercise.id, path=exercise.path)
        return [markdown(f"{exercise.id}-terminal", text, [f"{EXERCISE_TAG}{exercise.id}", "terminal"])]
    tag = f"{EXERCISE_TAG}{exercise.id}"
    task = demoted(readme(folder, f"# {exercise.title}"))
    cells = [markdown(f"{exercise.id}-task", task, [tag, "task"])]
    given = given_files(course, exercise)
    if given:
        cells.append(markdown(f"{exercise.id}-given", given_text(folder, given), [tag, "given"]))
    for number, name in enumerate(cell_files(exercise)):
        starter = starter_text(folder / name, exercise)
        source = marker_line(exercise.id, name) + "\n" + starter.rstrip("\n")
        suffix = "" if number == 0 else f"-{number + 1}"
        cells.append(code(f"{exercise.id}-code{suffix}", source, [tag, f"{FILE_TAG}{name}"]))
    cells.append(code(f"{exercise.id}-check", f"check({exercise.id!r})", [f"{CHECK_TAG}{exercise.id}"]))
    return cells


def starter_text(path: Path, exercise: Exercise) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CourseError(
            f"{exercise.id}: the starter {path.name} cannot be read ({error}); "
            f"restore it (`grader reset {exercise.id}`) before building the notebooks"
        ) from None


def given_files(course: Course, exercise: Exercise) -> list[str]:
    """Python files beside a write-tests exercise that the learner's tests import but do not edit."""
    if exercise.kind != "write-tests":
        return []
    folder = course.exercise_dir(exercise)
    graded = set(exercise.files)
    return sorted(p.name for p in folder.glob("*.py") if p.name not in graded)


def given_text(folder: Path, names: list[str]) -> str:
    parts = ["### The code your tests check", ""]
    for name in names:
        module = PurePosixPath(name).stem
        parts += [f"`{name}` (import it as `{module}`; do not change it):", "", "```python"]
        parts += [(folder / name).read_text(encoding="utf-8").rstrip("\n"), "```", ""]
    parts.append("Write your tests in the cell below, run it, then run the check.")
    return "\n".join(parts)


def readme(folder: Path, fallback: str) -> str:
    path = folder / "README.md"
    return path.read_text(encoding="utf-8").rstrip("\n") if path.is_file() else fallback


def without_section(text: str, heading: str) -> str:
    """``text`` without the section under ``heading`` (up to the next heading of its level or above)."""
    level = len(heading) - len(heading.lstrip("#"))
    kept, skipping, fenced = [], False, False
    for line in text.splitlines():
        fenced ^= line.lstrip().startswith("```")
        depth = len(line) - len(line.lstrip("#")) if not fenced and HEADING.match(line) else 0
        if depth:
            skipping = line.strip() == heading or (skipping and depth > level)
        if not skipping:
            kept.append(line)
    return "\n".join(kept).rstrip("\n")


def demoted(text: str) -> str:
    """Push every heading one level down, so exercises sit under the module's title."""
    lines, fenced = [], False
    for line in text.splitlines():
        fenced ^= line.lstrip().startswith("```")
        lines.append("#" + line if not fenced and HEADING.match(line) else line)
    return "\n".join(lines)


def markdown(cell_id: str, source: str, tags: list[str]) -> NotebookNode:
    return nbformat.v4.new_markdown_cell(source, id=cell_id[:64], metadata={"tags": tags})


def code(cell_id: str, source: str, tags: list[str]) -> NotebookNode:
    return nbformat.v4.new_code_cell(source, id=cell_id[:64], metadata={"tags": tags})
