"""The batch's outputs: tables, exports, reports, the class report in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import grader.boundary.sandbox
from tests.grader.batch.helpers import (
    CORRECT_DOUBLED,
    WRONG_DOUBLED,
    grade,
    gradebook_rows,
    needs_sandbox,
    write_learner,
)
from tests.helpers import LEAP_YEAR


def small_class(root: Path) -> Path:
    write_learner(root, "ada", {"doubled.py": CORRECT_DOUBLED, "leap_year.py": LEAP_YEAR})
    write_learner(root, "ben", {"doubled.py": WRONG_DOUBLED, "leap_year.py": LEAP_YEAR})
    write_learner(root, "cy", {"notes.txt": "I could not do it"})
    (root / "dee.zip").write_bytes(b"PK broken")
    return root


@pytest.fixture
def graded(course_dir: Path, tmp_path: Path) -> Path:
    needs_sandbox()
    out = tmp_path / "out"
    result = grade(course_dir, small_class(tmp_path / "subs"), out, "--module", "basics", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "Found 4 learners (1 archive, 3 folders)." in result.output
    return out


def test_gradebook_csv_summary_gradescope_and_junit(graded: Path) -> None:
    rows = gradebook_rows(graded)
    assert {k: (r["leap-year"], r["doubled"], r["percent"], r["status"]) for k, r in rows.items()} == {
        "ada": ("10", "4", "100", "graded"),
        "ben": ("10", "0", "71.4", "graded"),
        "cy": ("0", "0", "0", "not graded"),
        "dee": ("0", "0", "0", "not graded"),
    }
    summary = json.loads((graded / "summary.json").read_text("utf-8"))
    assert [lr["learner"] for lr in summary["learners"]] == ["ada", "ben", "cy", "dee"]
    gradescope = json.loads((graded / "learners/ben/results.json").read_text("utf-8"))
    assert gradescope["score"] == 10 and len(gradescope["tests"]) == 7
    suites = ET.parse(graded / "junit.xml").getroot()
    assert suites.find("testsuite[@name='ben.doubled']").get("failures") == "3"  # type: ignore[union-attr]
    report = (graded / "learners/cy/report.md").read_text("utf-8")
    assert "Missing file: leap_year.py. The submission holds: notes.txt." in report


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("headless Chromium is not installed")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    flags += ["--disable-component-update", "--disable-sync", "--no-first-run"]
    # Chromium's singleton socket path must be short: its TMPDIR cannot live under tmp_path.
    with tempfile.TemporaryDirectory(dir="/tmp", prefix="chr-") as short:
        env = {**os.environ, "TMPDIR": short, "HOME": short}
        return subprocess.run([browser, *flags, *args], capture_output=True, text=True, timeout=120, env=env)


def test_class_report_renders_in_headless_chromium(graded: Path, tmp_path: Path) -> None:
    page = (graded / "class-report.html").as_uri()
    profile = f"--user-data-dir={tmp_path / 'profile'}"
    shot = tmp_path / "report.png"
    run = chromium(profile, f"--screenshot={shot}", "--window-size=1200,1400", page)
    assert shot.exists(), run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dom = chromium(profile, "--dump-dom", page).stdout
    assert '<svg id="pass-rates"' in dom and '<svg id="distribution"' in dom
    # leap-year: ada and ben passed (2 of 4); doubled: only ada (1 of 4).
    assert ">50%</text>" in dom and ">25%</text>" in dom
    assert 'data-label="leap-year"' in dom and 'width="260.0"' in dom
    assert "doubled: doubled([1, 2, 3]) is [2, 4, 6]. <strong>(1 learner)</strong>" in dom
    assert "dee.zip could not be opened as an archive" in dom
    assert "<script" not in dom


def test_grade_refuses_without_a_sandbox_unless_told(
    course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(grader.boundary.sandbox.shutil, "which", lambda name: None)
    subs = tmp_path / "subs"
    write_learner(subs, "ada", {"doubled.py": CORRECT_DOUBLED})
    refused = grade(course_dir, subs, tmp_path / "out", "--exercise", "doubled")
    assert refused.exit_code == 2
    assert "bubblewrap (bwrap) is not installed" in refused.output
    assert "--unsafe-no-sandbox" in refused.output
    unsafe = grade(course_dir, subs, tmp_path / "out", "--exercise", "doubled", "--unsafe-no-sandbox")
    assert unsafe.exit_code == 0, unsafe.output
    assert "WITHOUT a sandbox" in unsafe.output
    assert gradebook_rows(tmp_path / "out")["ada"]["doubled"] == "4"


ENDLESS_DOUBLED = "def doubled(numbers):\n    while True:\n        pass\n"


def test_a_timeout_is_graded_and_progress_agrees_with_summary(course_dir: Path, tmp_path: Path) -> None:
    needs_sandbox()
    subs = tmp_path / "subs"
    write_learner(subs, "ada", {"doubled.py": CORRECT_DOUBLED})
    write_learner(subs, "carol", {"doubled.py": ENDLESS_DOUBLED})
    (subs / "dee.zip").write_bytes(b"PK broken")
    out = tmp_path / "out"
    result = grade(course_dir, subs, out, "--exercise", "doubled", "--jobs", "1")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    progress = [line for line in lines if line.startswith("[")]
    assert len(progress) == 2, result.output
    assert "carol done, every exercise graded; 1 learner with work not graded so far" in result.output
    assert progress[-1].split("; ")[1] == "1 learner with work not graded so far"
    assert "Done: 3 learners in the gradebook, 1 with work not graded (the class report says why)." in lines
    assert "Found 3 learners (1 archive, 2 folders)." in lines
    assert "Grading 1 exercise with 1 job, in the bubblewrap sandbox." in lines
    rows = gradebook_rows(out)
    assert {k: (r["doubled"], r["status"]) for k, r in rows.items()} == {
        "ada": ("4", "graded"),
        "carol": ("0", "graded"),
        "dee": ("0", "not graded"),
    }
