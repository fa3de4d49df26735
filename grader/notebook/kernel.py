"""Inside the learner's kernel: record the cells they run, and check() them in another process.

``start_recording`` registers an IPython ``post_run_cell`` hook that keeps the
source of every exercise cell the learner runs (found by its marker line, or
by the cell id the notebook was generated with). ``check`` sends exactly that
source to ``python -m grader.notebook.run``: the kernel never grades itself
and learner code never runs in it on the grader's behalf.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.course import Course, CourseError, Exercise, load_course
from grader.notebook.extract import NotebookError, extract_exercise, read_notebook
from grader.notebook.markers import cell_files, label_from_marker, plain_python
from grader.render.notebook_html import message_html, progress_html, progress_plain
from grader.workspace import Progress, find_course_root

FEEDBACK_MIME = "application/vnd.backend-path.feedback+json"
GENERATED_CODE_ID = re.compile(r"^(?P<exercise>[\w-]+?)-code(?:-(?P<number>\d+))?$")
# Beyond the exercise's own wall limit, time for the grading process to start and answer.
SPARE_SECONDS = 30.0
# File times come from a coarser clock than time.time(): a save just after a run can look earlier.
MTIME_SLACK = 1.0


@dataclass(frozen=True)
class RanCell:
    """The source of an exercise cell as it was last run, and when."""

    exercise: str
    file: str | None
    position: int
    source: str
    ran_at: float


@dataclass
class Recorder:
    """What the learner has run in this kernel, exercise by exercise."""

    cells: dict[tuple[str, str | None, int], RanCell] = field(default_factory=dict)
    last_exercise: str | None = None

    def record(self, source: str, cell_id: str | None) -> None:
        label = label_from_marker(source)
        if label is not None:
            key = (label.exercise, label.file, 0)
        else:
            generated = GENERATED_CODE_ID.match(cell_id or "")
            if generated is None:
                return
            key = (generated["exercise"], None, int(generated["number"] or 1) - 1)
        self.cells[key] = RanCell(key[0], key[1], key[2], source, time.time())
        self.last_exercise = key[0]

    def files_for(self, exercise: Exercise) -> dict[str, RanCell]:
        """The last-run cell for each of the exercise's files that has one."""
        found: dict[str, RanCell] = {}
        ran = sorted((c for c in self.cells.values() if c.exercise == exercise.id), key=lambda c: c.ran_at)
        names = cell_files(exercise)
        for cell in ran:  # later runs win
            name = cell.file or (names[cell.position] if cell.position < len(names) else None)
            if name in names:
                found[name] = cell
        return found


RECORDER = Recorder()
_started = False


def on_post_run_cell(result: Any) -> None:
    info = getattr(result, "info", None)
    if info is not None and not getattr(info, "silent", False):
        RECORDER.record(str(getattr(info, "raw_cell", "") or ""), getattr(info, "cell_id", None))


def start_recording() -> None:
    """Register the recording hook once, and make given modules of write-tests exercises importable."""
    global _started
    if _started:
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.events.register("post_run_cell", on_post_run_cell)
    _started = True
    try:
        course = find_course()
    except CourseError:
        return  # check() will explain; importing must not fail
    for exercise in course.exercises:
        folder = str(course.exercise_dir(exercise))
        # Appended, never prepended: a given module must not shadow anything.
        if exercise.kind == "write-tests" and folder not in sys.path:
            sys.path.append(folder)


def find_course() -> Course:
    named = os.environ.get("GRADER_COURSE")
    return load_course(Path(named).resolve() if named else find_course_root(Path.cwd()))


def show(html: str, text: str, data: dict[str, Any] | None = None) -> None:
    from IPython.display import display

    bundle: dict[str, Any] = {"text/html": html, "text/plain": text}
    if data is not None:
        bundle[FEEDBACK_MIME] = data
    display(bundle, raw=True)


def notice(title: str, text: str, status: str = "error") -> None:
    show(message_html(title, text, status), f"{title}: {text}")


def check(exercise_id: str | None = None) -> None:
    """Grade the code you last ran for an exercise (default: the exercise whose cell ran last)."""
    try:
        course = find_course()
    except CourseError as error:
        notice(
            "Course not found", f"{error} Set GRADER_COURSE to the course folder if you moved this notebook."
        )
        return
    wanted = exercise_id or RECORDER.last_exercise
    if wanted is None:
        notice(
            "Which exercise?", 'Run an exercise cell first, or name it: check("leap-year").', "not_started"
        )
        return
    try:
        exercise = course.find(wanted)
    except CourseError as error:
        notice("Unknown exercise", str(error))
        return
    if exercise.kind == "project":
        notice(
            exercise.title,
            f"This one stays in the terminal: run `grader check {exercise.id}`.",
            "not_started",
        )
        return
    ran = RECORDER.files_for(exercise)
    if not ran:
        notice(
            f"{exercise.title} ({exercise.id})",
            "You have not run this exercise's cell since the kernel started. check() grades the code "
            "you run: run the cell (Shift-Enter), then check again.",
            "not_started",
        )
        return
    files, notes = {}, []
    for name, cell in ran.items():
        files[name], magic = plain_python(cell.source)
        notes += [f"{name}: {note}" for note in magic]
    notes += unrun_edits(course, exercise, ran)
    notes += [
        f"No cell for {name} has been run; it is graded as missing."
        for name in cell_files(exercise)
        if name not in ran
    ]
    grade_in_subprocess(course, exercise, files, notes)


def saved_notebook(course: Course) -> Path | None:
    """The notebook file this kernel belongs to, when the front end says (JupyterLab, Notebook 7, VS Code)."""
    from IPython import get_ipython

    shell = get_ipython()
    namespace = shell.user_ns if shell is not None else {}
    for candidate in (
        namespace.get("__session__"),
        os.environ.get("JPY_SESSION_NAME"),
        namespace.get("__vsc_ipynb_file__"),
    ):
        if candidate:
            for path in (Path(str(candidate)), Path.cwd() / str(candidate), course.root / str(candidate)):
                if path.suffix == ".ipynb" and path.is_file():
                    return path
    return None


def unrun_edits(course: Course, exercise: Exercise, ran: dict[str, RanCell]) -> list[str]:
    """Notes for cells saved with an edit after they last ran: what is graded is what ran."""
    path = saved_notebook(course)
    if path is None:
        return []
    try:
        saved = extract_exercise(read_notebook(path), exercise)
        saved_at = path.stat().st_mtime
    except (NotebookError, OSError):
        return []
    notes = []
    for name, cell in ran.items():
        on_disk = saved.files.get(name)
        if on_disk is None or saved_at + MTIME_SLACK < cell.ran_at:
            continue  # saved before the run: it cannot show a later edit
        if on_disk.strip() != plain_python(cell.source)[0].strip():
            notes.append(
                f"You edited the {name} cell but did not run it: this check graded the code you last ran. "
                "Run the cell (Shift-Enter), then check again."
            )
    return notes


def grade_in_subprocess(course: Course, exercise: Exercise, files: dict[str, str], notes: list[str]) -> None:
    request = {"course": str(course.root), "exercise": exercise.id, "files": files, "notes": notes}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "grader.notebook.run"],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=course.root,
            timeout=exercise.time_limit + SPARE_SECONDS,
        )
        result = json.loads(done.stdout or "{}")
    except subprocess.TimeoutExpired:
        notice(
            exercise.title,
            "The grader did not answer in time. Try again; if it keeps happening, restart the kernel.",
        )
        return
    except ValueError:
        notice(
            exercise.title, f"The grader stopped unexpectedly: {done.stderr.strip()[-500:] or 'no message'}"
        )
        return
    if "problem" in result or "html" not in result:
        notice(exercise.title, str(result.get("problem", "the grader gave no answer")))
        return
    show(result["html"], result["text"], result["feedback"])


def progress(module: str | None = None) -> None:
    """Show your progress through a module (default: the whole course), shared with `grader list`."""
    try:
        course = find_course()
    except CourseError as error:
        notice("Course not found", str(error))
        return
    if module is not None and module not in {m.id for m in course.modules}:
        notice(
            "Unknown module",
            f"There is no module {module!r}; the modules are {', '.join(m.id for m in course.modules)}.",
        )
        return
    state = Progress(course)
    show(progress_html(course, state, module), progress_plain(course, state, module))
