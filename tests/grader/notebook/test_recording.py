"""Which cells the kernel records as an exercise's code, without a kernel."""

from __future__ import annotations

import subprocess
import sys

from grader.course.manifest import Course
from grader.notebook.recording import Recorder
from tests.helpers import LEAP_YEAR

MARKED = "# exercise: leap-year | file: leap_year.py\n" + LEAP_YEAR


def test_cells_are_recorded_by_marker_line_or_generated_id(mini_course: Course) -> None:
    recorder = Recorder()
    recorder.record("print('scratch')", "some-other-id")
    recorder.record("x = 1", None)
    assert recorder.cells == {} and recorder.last_exercise is None
    recorder.record("def doubled(numbers):\n    return numbers * 2\n", "doubled-code")
    recorder.record(MARKED, "a-copied-cell")
    assert recorder.last_exercise == "leap-year"
    assert recorder.files_for(mini_course.find("leap-year"))["leap_year.py"].source == MARKED
    doubled = recorder.files_for(mini_course.find("doubled"))
    assert list(doubled) == ["doubled.py"] and "numbers * 2" in doubled["doubled.py"].source


def test_the_last_run_wins(mini_course: Course) -> None:
    recorder = Recorder()
    recorder.record(MARKED, "leap-year-code")
    recorder.record("def leap_year(year):\n    return True\n", "leap-year-code")
    assert "return True" in recorder.files_for(mini_course.find("leap-year"))["leap_year.py"].source


def test_the_terminal_never_loads_the_notebook_libraries() -> None:
    probe = "import sys, grader.cli; print([m for m in ('nbformat', 'IPython') if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
