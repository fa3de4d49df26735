"""Source files Python cannot read as text are found, with their line, before any run."""

from __future__ import annotations

from pathlib import Path

from grader.course.manifest import Course
from grader.course.source_text import encoding_problem, python_source, undecodable_line
from grader.pipeline.grading import grade
from tests.helpers import LEAP_YEAR


def test_utf8_and_declared_encodings_are_readable() -> None:
    assert undecodable_line("x = 'année'\n".encode()) is None
    assert undecodable_line(b"\xef\xbb\xbfx = 1\n") is None  # a byte-order mark
    assert undecodable_line(b"# coding: latin-1\nx = 'ann\xe9e'\n") is None


def test_the_first_undecodable_line_is_named() -> None:
    assert undecodable_line(b"a = 1\nb = 2\nc = 'caf\xe9'\nd = '\xff'\n") == 3
    assert undecodable_line("x = 1\n".encode("utf-16")) == 1


def test_encoding_problem_names_the_graded_file(mini_course: Course, tmp_path: Path) -> None:
    folder = tmp_path / "learner"
    folder.mkdir()
    (folder / "leap_year.py").write_bytes(b"def leap_year(y):\n    return 'caf\xe9'\n")
    (folder / "notes.py").write_bytes(b"\xff")  # not graded, so not our business
    problem = encoding_problem(mini_course.find("leap-year"), folder)
    assert problem is not None and problem.startswith("leap_year.py, line 2, is not saved as UTF-8 text")
    (folder / "leap_year.py").write_text("def leap_year(y):\n    return True\n", encoding="utf-8")
    assert encoding_problem(mini_course.find("leap-year"), folder) is None


def test_bytes_python_skips_in_comments_are_no_reason_to_refuse() -> None:
    assert undecodable_line(b"# caf\xe9 au lait\ndef f():\n    return 1  # \xff\n") is None
    assert undecodable_line(b"x = 1  # \xff\ny = 'caf\xe9'\n") == 2  # in a string it still counts


def test_source_is_read_in_its_declared_encoding() -> None:
    assert python_source(b"# -*- coding: latin-1 -*-\nx = 'caf\xe9'\n").endswith("x = 'caf\u00e9'\n")
    assert python_source(b"# caf\xe9\nx = 1\n") == "# caf\ufffd\nx = 1\n"


def test_what_python_imports_is_graded(mini_course: Course, tmp_path: Path) -> None:
    exercise = mini_course.find("leap-year")
    for header in (b"# -*- coding: latin-1 -*-\n# ann\xe9e bissextile\n", b"# ann\xe9e (saved in Latin-1)\n"):
        folder = tmp_path / str(len(header))
        folder.mkdir()
        (folder / "leap_year.py").write_bytes(header + LEAP_YEAR.encode())
        feedback = grade(mini_course, exercise, folder)
        assert (feedback.status, feedback.score) == ("passed", feedback.max_score), feedback.error
