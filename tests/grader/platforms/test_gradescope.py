"""The Gradescope package, unzipped and run in a folder laid out as Gradescope lays it out."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import cli
from grader.course.manifest import load_course

REPO = Path(__file__).resolve().parents[3]


def test_run_autograder_writes_results_json(tmp_path: Path) -> None:
    package = tmp_path / "autograder.zip"
    built = CliRunner().invoke(
        cli,
        ["gradescope", "build", "--out", str(package), "--exercise", "order-status", "--course", str(REPO)],
    )
    assert built.exit_code == 0, built.output
    root = tmp_path / "autograder"
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
        archive.extractall(root / "source")
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
    assert {"setup.sh", "run_autograder", "gradescope.json"} <= set(names)
    assert modes["run_autograder"] & stat.S_IXUSR
    assert any(n.endswith("test_order_status_instructor.py") for n in names)  # it grades with them
    assert not [n for n in names if n.startswith("course/solutions/") or "/mistakes/" in n]
    course = load_course(REPO)
    exercise = course.find("order-status")
    submission = root / "submission"
    submission.mkdir()
    shutil.copyfile(
        course.suite_dir(exercise) / "mistakes" / "allows_paid_to_deliver.py", submission / "order_status.py"
    )
    script = root / "source" / "run_autograder"
    script.chmod(0o755)
    env = {**os.environ, "GRADESCOPE_ROOT": str(root), "GRADER_PYTHON": sys.executable}
    done = subprocess.run([str(script)], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    tests = results["tests"]
    assert len(tests) == 18
    assert all({"name", "score", "max_score", "output", "visibility"} <= set(t) for t in tests)
    hidden = [t for t in tests if t["visibility"] == "after_published"]
    assert len(hidden) == 2
    failed = [t for t in tests if t["score"] < t["max_score"]]
    assert len(failed) == 1 and failed[0]["visibility"] == "after_published"
    assert failed[0]["output"]  # per-test feedback
    assert results["score"] == pytest.approx(sum(t["score"] for t in tests), abs=0.05)
    assert results["score"] < exercise.points


def test_run_without_a_submission_still_writes_results(tmp_path: Path) -> None:
    root = tmp_path / "autograder"
    result = CliRunner().invoke(cli, ["gradescope", "run", "--root", str(root)])
    assert result.exit_code == 0
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    assert results["score"] == 0 and "could not grade" in results["output"]


def test_build_refuses_a_name_that_is_not_a_zip(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["gradescope", "build", "--out", str(tmp_path / "x.tar"), "--course", str(REPO)]
    )
    assert result.exit_code == 2
    assert "should end in .zip" in result.output
