"""Generated notebooks: valid nbformat v4, stable ids and tags, no outputs, never stale."""

from __future__ import annotations

from pathlib import Path

import nbformat
from click.testing import CliRunner

from grader.cli import cli
from grader.course.manifest import load_course
from grader.notebook.build import build_notebooks, stale_notebooks, write_notebooks
from tests.grader.notebook.conftest import REPO, read
from tests.helpers import copy_course


def test_committed_notebooks_match_a_fresh_build(tmp_path: Path) -> None:
    course = load_course(REPO)
    write_notebooks(course, tmp_path / "fresh")
    committed = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    assert committed == sorted(p.name for p in (tmp_path / "fresh").glob("*.ipynb"))
    stale = stale_notebooks(course, REPO / "notebooks")
    assert stale == [], f"notebooks/ is stale ({', '.join(stale)}): run `grader notebooks build`"


def test_every_notebook_is_valid_v4_without_outputs_with_stable_ids() -> None:
    course = load_course(REPO)
    first, second = build_notebooks(course), build_notebooks(course)
    assert [b.text for b in first] == [b.text for b in second]
    for built in first:
        notebook = nbformat.reads(built.text, as_version=4)
        nbformat.validate(notebook)
        assert notebook.nbformat == 4
        ids = [cell.id for cell in notebook.cells]
        assert len(ids) == len(set(ids))
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None


def test_each_exercise_has_tagged_instructions_code_and_check() -> None:
    course = load_course(REPO)
    texts = {b.name: nbformat.reads(b.text, as_version=4) for b in build_notebooks(course)}
    cells = [cell for notebook in texts.values() for cell in notebook.cells]
    for exercise in course.exercises:
        tagged = [c for c in cells if f"exercise:{exercise.id}" in c.metadata["tags"]]
        if exercise.kind == "project":
            assert [c.cell_type for c in tagged] == ["markdown"]
            assert "stays in the terminal" in tagged[0].source
            assert f"grader check {exercise.id} --milestone 1" in tagged[0].source
            continue
        code = [c for c in tagged if c.cell_type == "code"]
        assert [c.metadata["tags"][1] for c in code] == [f"file:{name}" for name in exercise.files]
        assert code[0].source.startswith(f"# exercise: {exercise.id} | file: {exercise.files[0]}")
        checks = [c for c in cells if f"check:{exercise.id}" in c.metadata["tags"]]
        assert [c.source for c in checks] == [f"check({exercise.id!r})"]


def test_write_tests_notebook_shows_the_code_under_test() -> None:
    course = load_course(REPO)
    cells = [c for b in build_notebooks(course) for c in nbformat.reads(b.text, as_version=4).cells]
    for exercise in (e for e in course.exercises if e.kind == "write-tests"):
        given = [
            c
            for c in cells
            if f"exercise:{exercise.id}" in c.metadata["tags"] and "given" in c.metadata["tags"]
        ]
        assert len(given) == 1 and "```python" in given[0].source


def test_any_course_gets_one_notebook_per_module(tmp_path: Path) -> None:
    course = load_course(copy_course(tmp_path / "mini"))
    written = write_notebooks(course).written
    assert [p.name for p in written] == ["01_basics.ipynb", "02_objects.ipynb"]
    basics = read(written[0])
    assert basics.metadata["backend_path"]["module"] == "basics"
    assert [c.id for c in basics.cells if c.cell_type == "code"] == [
        "setup",
        "leap-year-code",
        "leap-year-check",
        "doubled-code",
        "doubled-check",
        "progress",
    ]


def test_rebuild_removes_generated_notebooks_only(tmp_path: Path) -> None:
    course = load_course(copy_course(tmp_path / "mini"))
    folder = write_notebooks(course).written[0].parent
    old = folder / "00_renamed_module.ipynb"
    old.write_text((folder / "01_basics.ipynb").read_text(encoding="utf-8"), encoding="utf-8")
    mine = folder / "my_scratch.ipynb"
    mine.write_text(nbformat.writes(nbformat.v4.new_notebook()), encoding="utf-8")
    copy = folder / "01_basics-Copy1.ipynb"
    copy.write_text(old.read_text(encoding="utf-8"), encoding="utf-8")
    worked_in = folder / "02_objects.ipynb"
    worked_in.write_text(worked_in.read_text(encoding="utf-8").replace("raise NotImplementedError", "pass"))
    assert stale_notebooks(course, folder) == ["00_renamed_module.ipynb", "02_objects.ipynb"]
    build = write_notebooks(course)
    assert not old.exists() and mine.exists() and copy.exists()
    assert build.backup is not None
    assert sorted(p.name for p in build.backup.iterdir()) == ["00_renamed_module.ipynb", "02_objects.ipynb"]
    assert "pass" in (build.backup / "02_objects.ipynb").read_text(encoding="utf-8")
    assert stale_notebooks(course, folder) == []
    assert write_notebooks(course).backup is None


def test_build_command_reports_and_fixes_stale_notebooks(tmp_path: Path) -> None:
    course_dir = copy_course(tmp_path / "mini")
    runner = CliRunner()
    stale = runner.invoke(cli, ["--course", str(course_dir), "notebooks", "build", "--check"])
    assert stale.exit_code == 1
    assert "01_basics.ipynb, 02_objects.ipynb" in stale.output and "grader notebooks build" in stale.output
    built = runner.invoke(cli, ["--course", str(course_dir), "notebooks", "build"])
    assert built.exit_code == 0, built.output
    fresh = runner.invoke(cli, ["--course", str(course_dir), "notebooks", "build", "--check"])
    assert fresh.exit_code == 0 and "up to date" in fresh.output


def test_a_missing_starter_is_a_clear_build_error(tmp_path: Path) -> None:
    course_dir = copy_course(tmp_path / "mini")
    (course_dir / "exercises/01_basics/01_leap_year/leap_year.py").unlink()
    result = CliRunner().invoke(cli, ["--course", str(course_dir), "notebooks", "build"])
    assert result.exit_code == 2
    assert "leap-year: the starter leap_year.py cannot be read" in result.output
    assert "grader reset leap-year" in result.output


def test_the_intro_leaves_the_terminal_way_to_the_terminal_and_offers_hint() -> None:
    course = load_course(REPO)
    for built in build_notebooks(course):
        notebook = nbformat.reads(built.text, as_version=4)
        intro, *rest = notebook.cells
        tags = {tag for cell in rest for tag in cell.metadata["tags"]}
        if "setup" not in tags:  # the capstone's notebook: it stays in the terminal
            continue
        assert "## How to work on an exercise" not in intro.source, built.name
        assert "`grader " not in intro.source, built.name  # no terminal command in a notebook intro
        how_to = next(c for c in rest if "how-to" in c.metadata["tags"])
        assert 'Run `hint("...")` in a cell' in how_to.source
        assert "only\nafter you save the notebook" in how_to.source
        setup = next(c for c in rest if "setup" in c.metadata["tags"])
        assert setup.source == "from grader.notebook import check, hint, progress"


def test_without_section_keeps_the_other_sections_and_fenced_code() -> None:
    from grader.notebook.build import without_section

    text = "# M\n\nintro\n\n## How\n\nsteps\n\n### sub\n\nmore\n\n## Next\n\n```\n## How\n```\nend"
    assert without_section(text, "## How") == "# M\n\nintro\n\n## Next\n\n```\n## How\n```\nend"
