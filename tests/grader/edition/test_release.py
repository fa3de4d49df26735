"""A learner edition of the bundled course: nothing hidden leaks, and the scores add up.

The release is cloned, every file of the clone is searched for reference
solutions and instructor-only tests. In the clone, one exercise is solved and
another holds a mistake only the hidden tests catch: both are checked there
(public score) and graded in batch (full score), and the scores must be exactly
what `grader validate` predicted.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import cli
from grader.course.manifest import load_course
from grader.edition.release import ReleaseError, release_course
from grader.validate_runs import check_mistake
from tests.grader.batch.helpers import grade, gradebook_rows, needs_sandbox, write_learner

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled course released, then cloned as a learner would."""
    base = tmp_path_factory.mktemp("edition")
    release_course(load_course(REPO), base / "release")
    subprocess.run(["git", "clone", "-q", str(base / "release"), str(base / "clone")], check=True)
    return base / "clone"


def every_file(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): p.read_text("utf-8", "replace")
        for p in root.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def test_the_clone_holds_no_solution_or_instructor_only_test(clone: Path) -> None:
    files = every_file(clone)
    assert "exercises/01_control_flow/08_order_status/order_status.py" in files
    # (docs/instructor/ is the instructors' guide to the tool, not a test: learners may read it)
    assert not [name for name in files if name.endswith("_instructor.py") or "mistakes" in name.split("/")]
    assert not [name for name in files if name.startswith(("solutions/", "tests/"))]
    starters = [p.read_text("utf-8") for d in ("exercises", "projects") for p in (REPO / d).rglob("*.py")]
    # A solution file the starter already ships unchanged (given code) is no secret.
    secrets = [
        p
        for p in (REPO / "solutions").rglob("*.py")
        if len(p.read_text("utf-8").strip()) > 80 and p.read_text("utf-8") not in starters
    ]
    secrets += list((REPO / "grader" / "suites").rglob("test_*_instructor.py"))
    assert len(secrets) > 10
    for secret in secrets:
        text = secret.read_text("utf-8").strip()
        leaks = [name for name, content in files.items() if text in content]
        assert leaks == [], f"{secret.relative_to(REPO)} leaks into {leaks}"
    instructor_only = (
        "test_every_move_outside_the_table_is_refused",
        "test_the_fix_is_general",
        "test_every_score_gets_what_a_correct_version_gives",  # compares with the reference: none here
    )
    for name in instructor_only:
        assert not [path for path, content in files.items() if name in content]
    edition = json.loads(files["exercises/.edition"])
    assert edition["hidden_tests"] == {"letter-grade": 2, "order-status": 2}
    assert ".github/workflows/grade.yml" in files


def test_solution_in_the_edition_says_where_solutions_come_from(clone: Path) -> None:
    result = CliRunner().invoke(cli, ["solution", "leap-year", "--course", str(clone)])
    assert result.exit_code == 0
    assert "no reference solutions: your instructor shares them" in result.output


def test_release_work_scores_as_validate_predicts(clone: Path, tmp_path: Path) -> None:
    course = load_course(REPO)
    exercise = course.find("order-status")
    variant = course.suite_dir(exercise) / "mistakes" / "allows_paid_to_deliver.py"
    predicted = check_mistake(course, exercise, variant, split=True)
    assert predicted.only_hidden_tests_catch
    assert predicted.public_score == exercise.points > predicted.score
    solved = clone / exercise.path / "order_status.py"
    shutil.copyfile(variant, solved)
    local = subprocess.run(
        [sys.executable, "-m", "grader", "--course", str(clone), "check", "order-status"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert local.returncode == 0, local.stdout + local.stderr
    assert "16 checks passed here; your instructor's grading runs 2 more." in local.stdout
    as_json = CliRunner().invoke(cli, ["check", "order-status", "--json", "--course", str(clone)])
    assert json.loads(as_json.output)["score"] == predicted.public_score
    leap = course.find("leap-year")  # solved for real: full marks here and in batch, nothing hidden
    shutil.copyfile(course.solution_dir(leap) / "leap_year.py", clone / leap.path / "leap_year.py")
    checked = CliRunner().invoke(cli, ["check", "leap-year", "--json", "--course", str(clone)])
    assert json.loads(checked.output)["score"] == leap.points
    needs_sandbox()
    subs = tmp_path / "subs"
    files = {name: (clone / e.path / name).read_text("utf-8") for e in (exercise, leap) for name in e.files}
    write_learner(subs, "ada", files)
    result = grade(REPO, subs, tmp_path / "out", "--exercise", "order-status", "--exercise", "leap-year")
    assert result.exit_code in (0, 1), result.output
    row = gradebook_rows(tmp_path / "out")["ada"]
    assert float(row["order-status"]) == predicted.score
    assert float(row["leap-year"]) == leap.points


def test_release_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ReleaseError, match="not empty"):
        release_course(load_course(REPO), tmp_path / "out")
    assert (tmp_path / "out" / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_self_paced_release_keeps_the_solutions(tmp_path: Path) -> None:
    built = release_course(load_course(REPO), tmp_path / "release", with_solutions=True)
    assert built.with_solutions and "reference solutions" not in built.left_out
    out = tmp_path / "release"
    assert (out / "solutions" / "01_control_flow" / "01_leap_year" / "leap_year.py").is_file()
    assert json.loads((out / "exercises" / ".edition").read_text("utf-8"))["with_solutions"] is True
    result = CliRunner().invoke(cli, ["solution", "leap-year", "--course", str(out)])
    assert "unlocks once you pass it" in result.output  # the usual self-paced rule, not "ask"
