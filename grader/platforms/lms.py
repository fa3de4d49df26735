"""The class's gradebook shaped for an LMS grade import: Canvas, and Moodle's two imports.

Each layout follows the rules the LMS's own importer applies (sources, and which
rules are documented and which inferred: docs/lms-import.md):

- Canvas, Gradebook > Import: instructure/canvas-lms, app/models/gradebook_importer.rb
  (https://github.com/instructure/canvas-lms/blob/master/app/models/gradebook_importer.rb).
- Moodle, Gradebook > Import > CSV file: moodle/moodle, grade/import/csv/classes/load_data.php,
  and https://docs.moodle.org/311/en/Grade_import.
- Moodle, an assignment's "Upload grading worksheet": moodle/moodle,
  mod/assign/feedback/offline/importgradeslib.php.

Every file is UTF-8 without a byte-order mark, comma-separated, CRLF line ends (RFC 4180).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from grader.batch.results import ClassResults, LearnerResults
from grader.course.manifest import Exercise
from grader.render.spreadsheet_csv import csv_text

# Canvas reads a header as a gradebook when it starts Student, ID and its last
# identity column is Section; SIS User ID and SIS Login ID may sit in between.
CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
CANVAS_POINTS_ROW = "Points Possible"
# Canvas drops every column whose header contains one of these (its calculated totals).
CANVAS_NOT_ASSIGNMENTS = (
    "Current Score",
    "Current Points",
    "Current Grade",
    "Final Score",
    "Final Points",
    "Final Grade",
    "Override Score",
    "Override Grade",
    "Override Status",
)
# A header ending " (123)" names the Canvas assignment with id 123.
CANVAS_ASSIGNMENT_ID = re.compile(r"\s\(\d+\)\s*$")

MOODLE_IDENTITY = ["Full name", "Learner ID"]
MOODLE_NO_GRADE = "-"  # load_data.php: '-' is "no grade" for existing and new grade items alike
# The worksheet columns Moodle's importer looks for, by their English names.
MOODLE_WORKSHEET = ["Identifier", "Full name", "Grade", "Maximum Grade", "Last modified (grade)"]
MOODLE_PARTICIPANT = "Participant "  # the prefix the importer strips from Identifier


def number(value: float) -> str:
    """A score as plain decimal text (never an exponent), at most two places."""
    text = f"{round(float(value), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def write_rows(rows: list[list[str]]) -> str:
    return csv_text(rows, line_end="\r\n")  # no cell a spreadsheet would run as a formula


def exercise_scores(results: ClassResults, missing: str = "") -> list[list[str]]:
    """Each learner's score per exercise in course order (``missing`` when not graded)."""
    rows = []
    for learner in results.learners:
        scores = {f["exercise_id"]: f["score"] for f in learner.feedback}
        rows.append([number(scores[e.id]) if e.id in scores else missing for e in results.exercises])
    return rows


def canvas_column(exercise: Exercise) -> str:
    """The exercise's assignment header: its title, unless Canvas would read that title otherwise."""
    title = exercise.title
    if any(name in title for name in CANVAS_NOT_ASSIGNMENTS) or CANVAS_ASSIGNMENT_ID.search(title):
        return exercise.id
    return title


def canvas_identity(learner: LearnerResults) -> list[str]:
    """Student, ID, SIS User ID, SIS Login ID, Section for one learner.

    Canvas matches ID (its numeric user id, which a Canvas bulk download names
    each file with), then SIS Login ID, then the name: an id that is not a
    number cannot be a Canvas user id, so it goes in SIS Login ID.
    """
    numeric = learner.learner.isdigit()
    return [
        learner.name or learner.learner,
        learner.learner if numeric else "",
        "",
        "" if numeric else learner.learner,
        "",
    ]


def canvas_csv(results: ClassResults) -> str:
    """Canvas's gradebook import: identity columns, one column per exercise, a Points Possible row."""
    rows = [CANVAS_IDENTITY + [canvas_column(e) for e in results.exercises]]
    rows.append([CANVAS_POINTS_ROW, "", "", "", ""] + [number(e.points) for e in results.exercises])
    for learner, scores in zip(results.learners, exercise_scores(results), strict=True):
        rows.append(canvas_identity(learner) + scores)
    return write_rows(rows)


def moodle_csv(results: ClassResults) -> str:
    """Moodle's gradebook CSV import: a name, the id to map to a user field, one column per exercise.

    No course total: Moodle's import offers no course or category total to map a column to.
    """
    rows = [MOODLE_IDENTITY + [e.title for e in results.exercises]]
    for learner, scores in zip(results.learners, exercise_scores(results, MOODLE_NO_GRADE), strict=True):
        rows.append([learner.name or learner.learner, learner.learner, *scores])
    return write_rows(rows)


def moodle_worksheet_csv(results: ClassResults, graded_at: datetime | None = None) -> str:
    """A Moodle assignment's grading worksheet: one total per participant of a Moodle download.

    The number in a Moodle download's folder names is the assignment's
    participant id, which only this worksheet (not the gradebook import) can match.
    """
    when = (graded_at or datetime.now(UTC)).isoformat(timespec="seconds")
    rows = [list(MOODLE_WORKSHEET)]
    for learner in results.learners:
        if learner.feedback:
            identifier = MOODLE_PARTICIPANT + learner.learner
            total = number(sum(e.points for e in results.exercises))
            rows.append([identifier, learner.name or learner.learner, number(learner.score), total, when])
    return write_rows(rows)
