"""Gradebook CSVs shaped for Canvas's and Moodle's grade imports (golden)."""

from __future__ import annotations

import csv
import io

from grader.batch.results import ClassResults, LearnerResults
from grader.course import Course
from grader.platforms.lms import CANVAS_IDENTITY, canvas_csv, moodle_csv


def class_results(course: Course) -> ClassResults:
    leap, doubled = course.exercises[0], course.exercises[1]
    ada = LearnerResults(
        "12345",
        "Lovelace, Ada",
        (),
        (
            {"exercise_id": leap.id, "score": 10.0, "max_score": leap.points},
            {"exercise_id": doubled.id, "score": 2.5, "max_score": doubled.points},
        ),
    )
    ben = LearnerResults("ben", "", (), ({"exercise_id": leap.id, "score": 0.0, "max_score": leap.points},))
    return ClassResults("Mini", (leap, doubled), (ada, ben))


def test_canvas_layout(mini_course: Course) -> None:
    results = class_results(mini_course)
    leap, doubled = results.exercises
    rows = list(csv.reader(io.StringIO(canvas_csv(results))))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", leap.title, doubled.title]
    assert rows[0][:5] == CANVAS_IDENTITY
    assert rows[1] == ["Points Possible", "", "", "", "", f"{leap.points:g}", f"{doubled.points:g}"]
    assert rows[2] == ["Lovelace, Ada", "12345", "", "", "", "10", "2.5"]
    assert rows[3] == ["ben", "ben", "", "", "", "0", ""]
    assert '"Lovelace, Ada"' in canvas_csv(results)  # a comma in a name is quoted, as CSV requires


def test_moodle_layout(mini_course: Course) -> None:
    results = class_results(mini_course)
    leap, doubled = results.exercises
    rows = list(csv.reader(io.StringIO(moodle_csv(results))))
    assert rows == [
        ["Full name", "ID number", leap.title, doubled.title, "Course total"],
        ["Lovelace, Ada", "12345", "10", "2.5", "12.5"],
        ["ben", "ben", "0", "", "0"],
    ]
