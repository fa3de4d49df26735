"""The class's gradebook shaped for an LMS grade import: Canvas and Moodle.

Canvas: the layout of its gradebook export, which its import reads back:
``Student, ID, SIS User ID, SIS Login ID, Section``, one column per assignment
(here one per exercise, titled by the exercise), then a ``Points Possible`` row.
Canvas matches rows on ``ID`` (the Canvas user id a Canvas bulk download's file
names carry, which `grader grade` keeps as the learner id).

Moodle: "Import grades from CSV" maps one column to a user field and every other
column to a grade item, so the file has ``Full name``, ``ID number`` (map it to
the user field the learner ids are), one ``<exercise title>`` column per
exercise in points, and ``Course total``.
"""

from __future__ import annotations

import csv
import io

from grader.batch.results import ClassResults

CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_IDENTITY = ["Full name", "ID number"]


def exercise_scores(results: ClassResults) -> list[list[str]]:
    """Each learner's score per exercise in course order ('' when not graded)."""
    rows = []
    for learner in results.learners:
        scores = {f["exercise_id"]: f["score"] for f in learner.feedback}
        rows.append([f"{scores[e.id]:g}" if e.id in scores else "" for e in results.exercises])
    return rows


def canvas_csv(results: ClassResults) -> str:
    """Canvas's gradebook import: identity columns, one column per exercise, a Points Possible row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CANVAS_IDENTITY + [e.title for e in results.exercises])
    writer.writerow(["Points Possible", "", "", "", ""] + [f"{e.points:g}" for e in results.exercises])
    for learner, scores in zip(results.learners, exercise_scores(results), strict=True):
        writer.writerow([learner.name or learner.learner, learner.learner, "", "", "", *scores])
    return out.getvalue()


def moodle_csv(results: ClassResults) -> str:
    """Moodle's CSV grade import: a name, an identifier to map, one column per grade item."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MOODLE_IDENTITY + [e.title for e in results.exercises] + ["Course total"])
    for learner, scores in zip(results.learners, exercise_scores(results), strict=True):
        writer.writerow([learner.name or learner.learner, learner.learner, *scores, f"{learner.score:g}"])
    return out.getvalue()
