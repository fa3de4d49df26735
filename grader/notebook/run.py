"""Grade code sent by a notebook kernel, in a process of its own: ``python -m grader.notebook.run``.

The kernel writes a JSON request per line to stdin (course folder, exercise
id, file name -> source, notes) and reads one JSON answer per line from
stdout: the feedback and its HTML and plain-text renderings, or a ``problem``
to show instead. The process answers until its stdin is closed, with one
pytest server for every request (each run is a fresh fork of it). Grading
goes through the same pipeline as ``grader check``; progress is recorded in
the same workspace.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.pipeline.server_process import start_early

if TYPE_CHECKING:
    from grader.course.manifest import Course
    from grader.feedback.model import Feedback


class RequestError(Exception):
    """The request cannot be graded; the message says why, for the learner."""


def answer(request: dict[str, Any]) -> dict[str, Any]:
    """Grade one request and return the answer to send back."""
    # Imported here, not above: main() starts the pytest server first, and these imports overlap its start.
    from grader.course.manifest import CourseError, load_course
    from grader.pipeline.grading import grade_files
    from grader.pipeline.suite_ids import SuiteError
    from grader.render.notebook_html import feedback_html, feedback_plain

    try:
        course = load_course(Path(str(request["course"])))
        exercise = course.find(str(request["exercise"]))
        files = {str(name): str(text) for name, text in dict(request["files"]).items()}
        notes = [str(note) for note in request.get("notes", [])]
    except CourseError as error:
        raise RequestError(str(error)) from None
    except (KeyError, TypeError, ValueError) as error:
        raise RequestError(f"the notebook sent an incomplete request ({error})") from None
    try:
        feedback = grade_files(course, exercise, files)
    except (SuiteError, ValueError) as error:
        raise RequestError(str(error)) from None
    if request.get("record", True):
        notes += record_progress(course, feedback)
    return {
        "feedback": feedback.to_dict(),
        "html": feedback_html(feedback, exercise, notes),
        "text": feedback_plain(feedback, exercise, notes),
    }


def record_progress(course: Course, feedback: Feedback) -> list[str]:
    """Save the check in the shared workspace; return anything the learner must hear about it."""
    from grader.course.manifest import CourseError
    from grader.course.workspace import Progress

    try:
        progress = Progress(course)
        progress.record_check(feedback)
    except CourseError as error:  # the progress file is a folder, or cannot be set aside
        return [str(error)]
    return list(progress.notices)


def main() -> None:
    start_early()  # the first check waits on the server's start: begin it before anything else
    from grader.pipeline.warm import warm_pytest

    with warm_pytest(start_now=False):  # the server started early, kept for every request
        for line in sys.stdin:
            sys.stdout.write(json.dumps(reply(line), ensure_ascii=False) + "\n")
            sys.stdout.flush()


def reply(line: str) -> dict[str, Any]:
    """The answer to one request line, or the problem with it."""
    try:
        request = json.loads(line)
        return answer(request) if isinstance(request, dict) else {"problem": "the request is not an object"}
    except RequestError as error:
        return {"problem": str(error)}
    except ValueError as error:
        return {"problem": f"the notebook sent a request that is not JSON ({error})"}


if __name__ == "__main__":
    main()
