"""The gradebook: a batch killed with SIGKILL resumes losing nothing and grading nothing twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader.batch.gradebook import FILE_NAME
from tests.grader.batch.helpers import (
    CORRECT_DOUBLED,
    grade,
    gradebook_rows,
    needs_sandbox,
    sandbox_processes,
    write_learner,
)
from tests.helpers import LEAP_YEAR


def make_class(root: Path, learners: int) -> Path:
    for index in range(learners):
        write_learner(root, f"learner{index:02d}", {"doubled.py": CORRECT_DOUBLED, "leap_year.py": LEAP_YEAR})
    return root


def run_counts(out: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(out / FILE_NAME) as db:
        return db.execute(
            "SELECT learner, exercise, COUNT(*) FROM runs GROUP BY learner, exercise ORDER BY 1, 2"
        ).fetchall()


def wait_for_runs(out: Path, wanted: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if sum(count for _, _, count in run_counts(out)) >= wanted:
                return
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    pytest.fail("the batch stored no results")


def test_resume_after_kill_loses_nothing_and_grades_nothing_twice(course_dir: Path, tmp_path: Path) -> None:
    needs_sandbox()
    submissions = make_class(tmp_path / "subs", 6)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(out)]
    command += ["--course", str(course_dir), "--module", "basics", "--jobs", "1"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        wait_for_runs(out, 3, process)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    stored = run_counts(out)
    assert 3 <= len(stored) < 12
    result = grade(course_dir, submissions, out, "--module", "basics", "--jobs", "2", "--resume")
    assert result.exit_code == 0, result.output
    assert f"{len(stored)} already graded" in result.output
    assert run_counts(out) == [(f"learner{i:02d}", e, 1) for i in range(6) for e in ("doubled", "leap-year")]
    assert sandbox_processes(tmp_path) == []


def test_unchanged_work_is_not_graded_again_and_regrade_redoes_one_learner(
    course_dir: Path, tmp_path: Path
) -> None:
    needs_sandbox()
    submissions = make_class(tmp_path / "subs", 2)
    out = tmp_path / "out"
    assert grade(course_dir, submissions, out, "--exercise", "doubled").exit_code == 0
    again = grade(course_dir, submissions, out, "--exercise", "doubled", "--resume")
    assert "0 runs to grade; 2 already graded" in again.output
    refused = grade(course_dir, submissions, out, "--exercise", "doubled")
    assert refused.exit_code == 2 and "--resume" in refused.output
    (submissions / "learner01" / "doubled.py").write_text("def doubled(numbers):\n    return []\n")
    changed = grade(course_dir, submissions, out, "--exercise", "doubled", "--resume")
    assert "1 run to grade; 1 already graded" in changed.output
    regraded = grade(course_dir, submissions, out, "--exercise", "doubled", "--regrade", "learner00")
    assert "1 run to grade" in regraded.output
    assert run_counts(out) == [("learner00", "doubled", 1), ("learner01", "doubled", 2)]


def test_a_class_with_pathological_submissions_completes(course_dir: Path, tmp_path: Path) -> None:
    needs_sandbox()
    subs = tmp_path / "subs"
    bad = {
        3: "def doubled(numbers):\n    while True:\n        pass\n",
        13: "def doubled(numbers):\n    return bytearray(8 * 1024 ** 3)\n",
    }
    for index in [i for i in range(30) if i != 23]:
        write_learner(subs, f"learner{index:02d}", {"doubled.py": bad.get(index, CORRECT_DOUBLED)})
    (subs / "learner23.zip").write_bytes(b"not a zip")
    result = grade(course_dir, subs, tmp_path / "out", "--exercise", "doubled", "--jobs", "2")
    assert result.exit_code == 0, result.output
    scores = {learner: row["doubled"] for learner, row in gradebook_rows(tmp_path / "out").items()}
    assert len(scores) == 30
    assert [learner for learner, score in sorted(scores.items()) if score != "4"] == [
        "learner03",
        "learner13",
        "learner23",
    ]
    assert sandbox_processes(tmp_path) == []
