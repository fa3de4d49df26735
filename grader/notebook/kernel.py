"""Inside the learner's kernel: check() the cells they last ran, in another process; show progress.

The cells come from :mod:`grader.notebook.recording`. ``check`` sends exactly
their source to ``python -m grader.notebook.run``: the kernel never grades
itself and learner code never runs in it on the grader's behalf.
"""

from __future__ import annotations

import functools
import importlib
import os
import subprocess
import threading
from pathlib import Path
from typing import Any

from grader.course.hints import show_hint
from grader.course.manifest import Course, CourseError, Exercise
from grader.course.workspace import Progress
from grader.notebook import standby
from grader.notebook.extract import NotebookError, extract_exercise, read_notebook
from grader.notebook.markers import cell_files, plain_python
from grader.notebook.recording import RECORDER, RanCell, find_course
from grader.render.notebook_hints import hint_html, hint_plain
from grader.render.notebook_html import message_html, progress_html, progress_plain

FEEDBACK_MIME = "application/vnd.backend-path.feedback+json"
# Beyond the exercise's own wall limit, time for the grading process to start and answer.
SPARE_SECONDS = 30.0
# File times come from a coarser clock than time.time(): a save just after a run can look earlier.
MTIME_SLACK = 1.0


def show(html: str, text: str, data: dict[str, Any] | None = None) -> None:
    """Inline HTML in a notebook; the plain text where Python runs outside IPython."""
    if not in_ipython():
        print(text)
        return
    from IPython.display import display

    bundle: dict[str, Any] = {"text/html": html, "text/plain": text}
    if data is not None:
        bundle[FEEDBACK_MIME] = data
    display(bundle, raw=True)


def notice(title: str, text: str, status: str = "error") -> None:
    show(message_html(title, text, status), f"{title}: {text}")


class Notice(Exception):
    """Something to tell the learner instead of grading."""

    def __init__(self, title: str, text: str, status: str = "error") -> None:
        super().__init__(text)
        self.title, self.text, self.status = title, text, status


def check(exercise_id: str | None = None) -> None:
    """Grade the code you last ran for an exercise (default: the exercise whose cell ran last)."""
    try:
        course = course_or_notice()
        exercise = exercise_or_notice(course, exercise_id)
        files, notes = code_to_grade(course, exercise)
    except Notice as reason:
        notice(reason.title, reason.text, reason.status)
        return
    grade_in_subprocess(course, exercise, files, notes)


@functools.cache  # the setup cell's import names check, hint and progress: prepare once
def prepare_first_check() -> None:
    """Start the first check's grading process now (the setup cell), while the learner writes code."""
    if not in_ipython():
        return
    # Each check reads the saved notebook for edits not run, and nbformat takes a second or more to
    # import: import it now, beside the learner, not in the first check.
    threading.Thread(target=importlib.import_module, args=("nbformat",), daemon=True).start()
    try:
        course = find_course()
    except CourseError:
        return  # check() says what is wrong when it is called
    standby.start(course.root)


def in_ipython() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None


def hint(exercise_id: str | None = None, every: bool = False) -> None:
    """Show the next hint for an exercise (default: the one whose cell ran last), as `grader hint` does.

    ``every=True`` shows again every hint seen so far. The hints seen are shared with the terminal.
    """
    try:
        course = course_or_notice()
        exercise = exercise_or_notice(course, exercise_id, command="hint")
        progress = Progress(course)
    except Notice as reason:
        notice(reason.title, reason.text, reason.status)
        return
    except CourseError as error:
        notice("Progress", str(error))
        return
    for said in progress.notices:
        notice("Progress", said)
    shown = show_hint(progress, exercise, every)
    show(hint_html(shown), hint_plain(shown))


def course_or_notice() -> Course:
    try:
        return find_course()
    except CourseError as error:
        raise Notice(
            "Course not found", f"{error} Set GRADER_COURSE to the course folder if you moved this notebook."
        ) from None


def exercise_or_notice(course: Course, exercise_id: str | None, command: str = "check") -> Exercise:
    wanted = exercise_id or RECORDER.last_exercise
    if wanted is None:
        raise Notice(
            "Which exercise?",
            f'Run an exercise cell first, or name it: {command}("leap-year").',
            "not_started",
        )
    try:
        exercise = course.find(wanted)
    except CourseError as error:
        raise Notice("Unknown exercise", str(error)) from None
    if exercise.kind == "project":
        text = f"This one stays in the terminal: run `grader {command} {exercise.id}`."
        raise Notice(exercise.title, text, "not_started")
    return exercise


def code_to_grade(course: Course, exercise: Exercise) -> tuple[dict[str, str], list[str]]:
    """The exercise's files as last run, and notes on anything the learner should know."""
    ran = RECORDER.files_for(exercise)
    if not ran:
        raise Notice(
            f"{exercise.title} ({exercise.id})",
            "You have not run this exercise's cell since the kernel started. check() grades the code "
            "you run: run the cell (Shift-Enter), then check again.",
            "not_started",
        )
    files, notes = {}, []
    for name, cell in ran.items():
        files[name], magic = plain_python(cell.source)
        notes += [f"{name}: {note}" for note in magic]
    notes += unrun_edits(course, exercise, ran)
    missing = [name for name in cell_files(exercise) if name not in ran]
    notes += [f"No cell for {name} has been run; it is graded as missing." for name in missing]
    return files, notes


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
    process = standby.take(course.root)
    try:
        result = standby.ask(process, request, exercise.time_limit + SPARE_SECONDS)
    except KeyboardInterrupt:  # the learner pressed stop: end the grader with the check
        standby.replace(course.root, process)
        notice(exercise.title, "Check stopped. Run the check cell again when you are ready.", "not_started")
        return
    except subprocess.TimeoutExpired:
        standby.replace(course.root, process)
        notice(
            exercise.title,
            "The grader did not answer in time. Try again; if it keeps happening, restart the kernel.",
        )
        return
    if result is None:
        said = standby.last_words(process)
        standby.replace(course.root, process)
        notice(exercise.title, f"The grader stopped unexpectedly: {said or 'no message'}")
        return
    standby.keep(course.root, process)
    if "problem" in result or "html" not in result:
        notice(exercise.title, str(result.get("problem", "the grader gave no answer")))
        return
    show(result["html"], result["text"], result["feedback"])


def progress(module: str | None = None) -> None:
    """Show your progress through a module (default: the one whose cell you last ran), as in `grader list`."""
    try:
        course = course_or_notice()
        chosen = module or last_module(course)
        if chosen is not None and chosen not in {m.id for m in course.modules}:
            names = ", ".join(m.id for m in course.modules)
            raise Notice("Unknown module", f"There is no module {chosen!r}; the modules are {names}.")
    except Notice as reason:
        notice(reason.title, reason.text, reason.status)
        return
    try:
        state = Progress(course)
    except CourseError as error:
        notice("Progress", str(error))
        return
    for said in state.notices:
        notice("Progress", said)
    show(progress_html(course, state, chosen), progress_plain(course, state, chosen))


def last_module(course: Course) -> str | None:
    """The module of the exercise whose cell ran last; None (the whole course) before any ran."""
    ids = {e.id: e.module for e in course.exercises}
    return ids.get(RECORDER.last_exercise or "")
