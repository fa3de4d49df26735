"""The workflow a learner edition carries, and the summary it writes from `grader check --all --json`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import cli
from grader.edition.ci_summary import main, points_line, summary_markdown
from grader.edition.classroom import CHECK_NAME
from grader.edition.workflow import workflow_text
from tests.helpers import LEAP_YEAR


def test_the_workflow_parses_and_runs_the_checked_command() -> None:
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load(workflow_text())
    assert workflow["name"] == "Grade"
    assert "push" in workflow[True]  # YAML 1.1 reads the key `on` as True
    assert workflow["jobs"]["grade"]["name"] == CHECK_NAME  # the check run Classroom reads
    assert workflow["permissions"]["checks"] == "write"
    steps = workflow["jobs"]["grade"]["steps"]
    assert "grader check --all --json > grades.json" in steps[-1]["run"]
    assert "python -m grader.edition.ci_summary grades.json" in steps[-1]["run"]


def schema_check(path: Path) -> subprocess.CompletedProcess[str]:
    """Validate a workflow against SchemaStore's GitHub workflow schema, as check-jsonschema ships it."""
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
    return subprocess.run([*command, str(path)], capture_output=True, text=True)


def test_the_workflow_is_valid_against_the_github_workflow_schema(tmp_path: Path) -> None:
    pytest.importorskip("check_jsonschema")
    workflow = tmp_path / "grade.yml"
    workflow.write_text(workflow_text(), encoding="utf-8")
    valid = schema_check(workflow)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    broken = tmp_path / "broken.yml"  # the check can fail: a job with no runner is refused
    broken.write_text(workflow_text().replace("    runs-on: ubuntu-latest\n", ""), encoding="utf-8")
    refused = schema_check(broken)
    assert refused.returncode == 1 and "'runs-on' is a required property" in refused.stdout


def test_check_all_json_feeds_the_summary(
    course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (course_dir / "exercises/01_basics/01_leap_year/leap_year.py").write_text(LEAP_YEAR, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--all", "--json", "--course", str(course_dir)])
    assert result.exit_code == 1  # the other exercises are unsolved
    grades = json.loads(result.output)
    assert [g["exercise_id"] for g in grades] == ["leap-year", "doubled", "stack"]
    assert [g["status"] for g in grades][0] == "passed"
    (tmp_path / "grades.json").write_text(result.output, encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    assert main([str(tmp_path / "grades.json")]) == 0
    earned = sum(g["score"] for g in grades)
    total = sum(g["max_score"] for g in grades)
    out = capsys.readouterr().out.splitlines()
    line = f"Points {earned:g}/{total:g}"
    assert out == [line, f"::notice title=Autograding complete::{line}"]
    assert "| leap-year | passed |" in summary.read_text(encoding="utf-8")


def test_summary_of_nothing_and_of_bad_input(tmp_path: Path) -> None:
    assert points_line([]) == "Points 0/0"
    assert "| a | failed | 1 / 4 |" in summary_markdown(
        [{"exercise_id": "a", "status": "failed", "score": 1, "max_score": 4}]
    )
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    assert main([str(tmp_path / "bad.json")]) == 2
    assert main([]) == 2


def test_check_all_refuses_an_exercise_too(course_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "leap-year", "--all", "--course", str(course_dir)])
    assert result.exit_code == 2
    assert "--all grades every exercise" in result.output
