"""Where a learner's stuck test was stopped, read from faulthandler's dump."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.kinds.run_results import where_stuck

TESTS = """\
from absolute import absolute


def test_negative():
    n = absolute(-3)
    while n < 0:
        n = n + 0
        print(n)
    assert n == 3
"""


def dump(folder: Path, line: int) -> str:
    """faulthandler's dump of a run stopped on ``line`` of test_absolute.py."""
    return (
        "....\nTimeout (0:00:02)!\nThread 0x00007f3a (most recent call first):\n"
        f'  File "{folder / "test_absolute.py"}", line {line} in test_negative\n'
        '  File "/venv/lib/python3.11/site-packages/_pytest/python.py", line 159 in pytest_pyfunc_call\n'
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (7, "test_negative in test_absolute.py, line 7: n = n + 0 (in the loop on line 6: while n < 0:)"),
        (8, "test_negative in test_absolute.py, line 8: print(n) (in the loop on line 6: while n < 0:)"),
        (6, "test_negative in test_absolute.py, line 6: while n < 0:"),
        (5, "test_negative in test_absolute.py, line 5: n = absolute(-3)"),
    ],
)
def test_a_stop_inside_a_loop_names_the_loop_wherever_in_its_body_it_fell(
    tmp_path: Path, line: int, expected: str
) -> None:
    (tmp_path / "test_absolute.py").write_text(TESTS, encoding="utf-8")
    assert where_stuck(dump(tmp_path, line), tmp_path) == expected


def test_a_test_file_python_cannot_read_still_gets_its_line(tmp_path: Path) -> None:
    (tmp_path / "test_absolute.py").write_text(TESTS.replace("while n < 0:", "while n < 0"), encoding="utf-8")
    assert where_stuck(dump(tmp_path, 7), tmp_path) == "test_negative in test_absolute.py, line 7: n = n + 0"


def test_a_run_that_was_not_stopped_has_no_place(tmp_path: Path) -> None:
    (tmp_path / "test_absolute.py").write_text(TESTS, encoding="utf-8")
    assert where_stuck("1 passed in 0.01s\n", tmp_path) == ""
