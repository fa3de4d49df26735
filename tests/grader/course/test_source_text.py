"""Source files Python cannot read as text are found, with their line, before any run."""

from __future__ import annotations

from pathlib import Path

from grader.course.manifest import Course
from grader.course.source_text import encoding_problem, undecodable_line


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
