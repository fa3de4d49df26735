"""The notebooks in a real Jupyter kernel (nbclient + ipykernel): one kernel per notebook."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat
import pytest
from click.testing import CliRunner
from nbclient import NotebookClient
from nbformat.notebooknode import NotebookNode

from grader.cli import cli
from grader.course.manifest import Course, load_course
from grader.notebook.build import build_notebooks
from grader.notebook.kernel import FEEDBACK_MIME
from tests.grader.notebook.conftest import code_cell_of, put_code, read, solve_notebook
from tests.helpers import LEAP_YEAR

pytest.importorskip("ipykernel")

FIRST_LINE = "# exercise: leap-year | file: leap_year.py\n"


def execute(notebook: NotebookNode, course_root: Path) -> NotebookNode:
    """Run every cell in one fresh kernel started in the course's notebooks/ folder."""
    with kernel_for(notebook, course_root) as run_all:
        run_all()
    return notebook


def feedback_of(cell: NotebookNode) -> dict[str, Any]:
    found = [out["data"][FEEDBACK_MIME] for out in cell.outputs if FEEDBACK_MIME in out.get("data", {})]
    assert len(found) == 1, cell.outputs
    return found[0]


def shown(cell: NotebookNode, mime: str = "text/html") -> str:
    return "".join(out["data"][mime] for out in cell.outputs if mime in out.get("data", {}))


def check_cells(notebook: NotebookNode) -> dict[str, NotebookNode]:
    tags = {t for c in notebook.cells for t in c.metadata.get("tags", [])}
    return {
        t.split(":", 1)[1]: c
        for c in notebook.cells
        for t in c.metadata.get("tags", [])
        if t.startswith("check:") and t in tags
    }


def gradable_notebooks(course: Course) -> list[Path]:
    names = [b.name for b in build_notebooks(course) if "check(" in b.text]
    return [course.root / "notebooks" / name for name in names]


def test_each_notebook_goes_from_not_started_to_done_in_one_kernel(real_course_dir: Path) -> None:
    """Each shipped notebook in one kernel, as a learner uses it: run all, solve everything, run all again."""
    course = load_course(real_course_dir)
    for path in gradable_notebooks(course):
        notebook = read(path)
        with kernel_for(notebook, real_course_dir) as run_all:
            run_all()
            assert_not_started(course, notebook)
            solve_notebook(course, notebook)
            run_all()
        statuses = {ident: feedback_of(cell)["status"] for ident, cell in check_cells(notebook).items()}
        assert statuses and set(statuses.values()) == {"passed"}, statuses
        progress = next(c for c in notebook.cells if c.id == "progress")
        assert f"{len(statuses)} of {len(statuses)} exercises done" in shown(progress, "text/plain")
    listed = CliRunner().invoke(cli, ["--course", str(real_course_dir), "list", "--json"])
    done = {row["id"] for row in json.loads(listed.output)["exercises"] if row["status"] == "done"}
    assert done == {e.id for e in course.exercises if e.kind != "project"}


@contextmanager
def kernel_for(notebook: NotebookNode, course_root: Path) -> Iterator[Callable[[], None]]:
    """One kernel started in the course's notebooks/ folder; yields "run every cell of the notebook"."""
    folder = course_root / "notebooks"
    folder.mkdir(exist_ok=True)
    client = NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )

    def run_all() -> None:
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)

    with client.setup_kernel():
        yield run_all


def assert_not_started(course: Course, notebook: NotebookNode) -> None:
    """Every check of the shipped notebook says not started (a debug or refactor starter runs, and fails)."""
    for ident, cell in check_cells(notebook).items():
        status = feedback_of(cell)["status"]
        if course.find(ident).kind in ("implement", "write-tests"):
            assert status == "not_started", ident
            assert "Not started yet" in shown(cell)
        else:
            assert status != "passed", ident


def scenario_notebook(course: Course) -> NotebookNode:
    """The mini course's notebook, then a mistake, an endless loop and an edit left un-run."""
    notebook = nbformat.reads(build_notebooks(course)[0].text, as_version=4)
    put_code(code_cell_of(notebook, "leap-year"), "def leap_year(year):\n    return year % 4 == 0\n")
    saved = course.root / "notebooks" / "saved.ipynb"
    edited = nbformat.reads(build_notebooks(course)[0].text, as_version=4)
    put_code(code_cell_of(edited, "leap-year"), "def leap_year(year):\n    return 'edited'\n")
    saved.parent.mkdir(exist_ok=True)
    saved.write_text(nbformat.writes(edited), encoding="utf-8")
    new = nbformat.v4.new_code_cell
    notebook.cells += [
        new(FIRST_LINE + "def leap_year(year):\n    while True:\n        pass\n", id="endless"),
        new('check("leap-year")', id="endless-check"),
        new("answer = 6 * 7\nanswer", id="still-usable"),
        new(FIRST_LINE + LEAP_YEAR, id="fixed"),
        new(f"import os\nos.utime({str(saved)!r})\n__session__ = {str(saved)!r}", id="autosave"),
        new("check()", id="unrun-check"),
        new('check("stack")', id="never-ran"),
        new('hint("leap-year")', id="first-hint"),
        new("hint()", id="next-hint"),  # the exercise whose cell ran last
        new('hint("leap-year", every=True)', id="every-hint"),
        new("progress()", id="module-progress"),
    ]
    return notebook


def test_mistakes_timeouts_and_unrun_edits_in_one_kernel(mini_course: Course) -> None:
    notebook = execute(scenario_notebook(mini_course), mini_course.root)
    cells = {cell.id: cell for cell in notebook.cells}

    mistake = cells["leap-year-check"]
    assert feedback_of(mistake)["status"] == "failed"
    assert "Called leap_year(1900); got True, expected False." in shown(mistake)
    assert "✗ failed" in shown(mistake, "text/plain")

    assert feedback_of(cells["endless-check"])["status"] == "timeout"
    assert "did not finish" in shown(cells["endless-check"])
    assert shown(cells["still-usable"], "text/plain") == "42"

    unrun = cells["unrun-check"]
    assert feedback_of(unrun)["status"] == "passed"  # what ran, not the edit on disk
    assert "You edited the leap_year.py cell but did not run it" in shown(unrun)
    assert "You have not run this exercise&#39;s cell" in shown(cells["never-ran"])
    first, following = shown(cells["first-hint"]), shown(cells["next-hint"])
    assert '<div class="bp-hint" data-shown="1"' in first and "<strong>Hint 1 of 2:</strong>" in first
    assert "Run hint(&quot;leap-year&quot;) again for the next one." in first
    assert "<strong>Hint 2 of 2:</strong>" in following and "That was the last hint." in following
    assert shown(cells["every-hint"], "text/plain").splitlines()[:2] == [
        "Hint 1 of 2: Start with the rule for years divisible by 4.",
        "Hint 2 of 2: Centuries are the exception: check 100 and 400.",
    ]
    seen = CliRunner().invoke(cli, ["--course", str(mini_course.root), "hint", "leap-year", "--json"])
    assert json.loads(seen.stdout)["shown"] == 2  # the terminal and the notebook share what was seen
    table = shown(cells["module-progress"], "text/plain")
    assert table.startswith("1 of 2 exercises done") and "leap-year" in table and "stack" not in table


def test_hint_outside_ipython_prints_plain_text(
    mini_course: Course, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from grader.notebook import kernel

    monkeypatch.setenv("GRADER_COURSE", str(mini_course.root))
    kernel.hint("leap-year")
    assert capsys.readouterr().out == (
        "Hint 1 of 2: Start with the rule for years divisible by 4.\n"
        'Run hint("leap-year") again for the next one.\n'
    )
    kernel.hint("no-such-exercise")
    assert capsys.readouterr().out.startswith("Unknown exercise: ")
