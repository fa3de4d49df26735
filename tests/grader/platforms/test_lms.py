"""Gradebook CSVs for Canvas's and Moodle's imports: golden files, and the rules each importer applies.

The rule checks restate, as small readers, what the importers' sources and
docs say (docs/lms-import.md lists each rule and where it comes from), so a
change to our layout that the LMS would misread fails here, not in a class.
Regenerate the goldens with ``UPDATE_GOLDEN=1`` and review the diff by eye.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from grader.batch.results import ClassResults, LearnerResults
from grader.course.manifest import Course
from grader.platforms.lms import (
    CANVAS_NOT_ASSIGNMENTS,
    canvas_column,
    canvas_csv,
    moodle_csv,
    moodle_worksheet_csv,
)

GOLDEN = Path(__file__).parents[1] / "golden" / "lms"
GRADED_AT = datetime(2026, 11, 30, 21, 0, tzinfo=UTC)


def class_results(course: Course) -> ClassResults:
    """Three learners: a Canvas id with a quoted name, a login id, one graded on nothing."""
    leap, doubled = course.exercises[0], course.exercises[1]
    ada = LearnerResults(
        "12345",
        'Lovelace, Ada "Countess"',
        (),
        (
            {"exercise_id": leap.id, "score": 10.0, "max_score": leap.points},
            {"exercise_id": doubled.id, "score": 2.5, "max_score": doubled.points},
        ),
    )
    ben = LearnerResults("ben", "", (), ({"exercise_id": leap.id, "score": 0.0, "max_score": leap.points},))
    cyd = LearnerResults("67890", "Cyd Charisse", (), ())
    return ClassResults("Mini", (leap, doubled), (ada, ben, cyd))


def exports(course: Course) -> dict[str, str]:
    results = class_results(course)
    return {
        "canvas-import.csv": canvas_csv(results),
        "moodle-import.csv": moodle_csv(results),
        "moodle-worksheet.csv": moodle_worksheet_csv(results, GRADED_AT),
    }


@pytest.mark.parametrize("name", ["canvas-import.csv", "moodle-import.csv", "moodle-worksheet.csv"])
def test_golden(mini_course: Course, name: str) -> None:
    produced = exports(mini_course)[name]
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(produced.encode("utf-8"))
    assert produced.encode("utf-8") == golden.read_bytes()


def read_csv(text: str) -> list[list[str]]:
    """Parse as the importers do; insist on the shared rules: UTF-8, no BOM, CRLF, same width."""
    assert not text.startswith("\ufeff")
    text.encode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len({len(row) for row in rows}) == 1, "every row has the header's width"
    return rows


def canvas_read(text: str) -> tuple[list[str], dict[str, str], list[tuple[str, str, list[str]]]]:
    """What Canvas's importer takes from a file: assignments, points possible, (how matched, key, grades)."""
    rows = read_csv(text)
    header = rows[0]
    # The header test: Student, ID, then the identity block ends with Section.
    assert len(header) > 3 and "Student" in header[0] and "ID" in header[1]
    identity = 3
    if re.search(r"SIS\s+User\s+ID", header[2]) and re.search(r"SIS\s+Login\s+ID", header[3]):
        identity = 5
    elif re.search(r"SIS\s+Login\s+ID", header[2]):
        identity = 4
    assert "Section" in header[identity - 1]
    assignments = header[identity:]
    for title in assignments:
        assert not any(name in title for name in CANVAS_NOT_ASSIGNMENTS), f"Canvas would drop {title!r}"
        assert not re.search(r"\s\(\d+\)\s*$", title), f"Canvas would read an assignment id in {title!r}"
    assert "Points Possible" in rows[1][0]
    points = dict(zip(assignments, rows[1][identity:], strict=True))
    students = []
    for row in rows[2:]:
        if row[1].isdigit():
            matched = ("ID", row[1])
        elif identity == 5 and row[3]:
            matched = ("SIS Login ID", row[3])
        else:
            matched = ("name", row[0])
        students.append((*matched, row[identity:]))
    return assignments, points, students


def test_canvas_follows_the_importer(mini_course: Course) -> None:
    assignments, points, students = canvas_read(exports(mini_course)["canvas-import.csv"])
    leap, doubled = mini_course.exercises[0], mini_course.exercises[1]
    assert assignments == [leap.title, doubled.title]  # matched to an assignment by title, else created
    assert points == {leap.title: f"{leap.points:g}", doubled.title: f"{doubled.points:g}"}
    assert students == [
        ("ID", "12345", ["10", "2.5"]),
        ("SIS Login ID", "ben", ["0", ""]),  # blank: no score, nothing changes in Canvas
        ("ID", "67890", ["", ""]),
    ]
    for _, _, grades in students:
        assert all(g == "" or re.fullmatch(r"\d+(\.\d+)?", g) for g in grades)


def test_a_title_canvas_would_misread_becomes_the_exercise_id(mini_course: Course) -> None:
    leap = mini_course.exercises[0]
    for title in ("Final Grade booster", "Part (2)", "Current Score check"):
        renamed = dataclasses.replace(leap, title=title)
        assert canvas_column(renamed) == leap.id
    assert canvas_column(leap) == leap.title


def test_moodle_gradebook_import_follows_the_importer(mini_course: Course) -> None:
    rows = read_csv(exports(mini_course)["moodle-import.csv"])
    leap, doubled = mini_course.exercises[0], mini_course.exercises[1]
    assert rows[0] == ["Full name", "Learner ID", leap.title, doubled.title]
    # Moodle offers no course or category total to map a column to.
    assert not [h for h in rows[0] if "total" in h.lower()]
    for row in rows[1:]:
        # Each grade is a number, or '-' (no grade), the one value both mapping paths skip.
        assert all(g == "-" or re.fullmatch(r"\d+(\.\d+)?", g) for g in row[2:])
        assert all(g == "-" or float(g) <= 100 for g in row[2:])  # the default gradepointmax
    assert rows[1:] == [
        ['Lovelace, Ada "Countess"', "12345", "10", "2.5"],
        ["ben", "ben", "0", "-"],
        ["Cyd Charisse", "67890", "-", "-"],
    ]


def test_moodle_worksheet_has_the_columns_the_importer_needs(mini_course: Course) -> None:
    rows = read_csv(exports(mini_course)["moodle-worksheet.csv"])
    header = rows[0]
    for needed in ("Identifier", "Grade", "Last modified (grade)"):  # any missing: the upload fails
        assert needed in header
    total = sum(e.points for e in mini_course.exercises[:2])
    by_id = {row[header.index("Identifier")]: row for row in rows[1:]}
    assert set(by_id) == {"Participant 12345", "Participant ben"}  # Cyd has nothing graded: no row
    ada = by_id["Participant 12345"]
    assert ada[header.index("Identifier")][len("Participant ") :] == "12345"
    assert ada[header.index("Grade")] == "12.5"
    assert ada[header.index("Maximum Grade")] == f"{total:g}"
    modified = datetime.fromisoformat(ada[header.index("Last modified (grade)")])
    assert modified == GRADED_AT
