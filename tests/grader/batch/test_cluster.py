"""`grader grade --scheduler`: a real Dask scheduler and two workers on loopback grade as locally."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.batch.gradebook import FILE_NAME
from tests.grader.batch.helpers import (
    CORRECT_DOUBLED,
    WRONG_DOUBLED,
    free_port,
    grade,
    gradebook_rows,
    needs_sandbox,
    start,
    stop,
)
from tests.grader.batch.helpers import write_learner as write_folder
from tests.helpers import LEAP_YEAR

pytest.importorskip("distributed", reason="dask is not installed: pip install -e '.[cluster]'")

LOOP = "def doubled(numbers):\n    while True:\n        pass\n"
SLOW = "import time\ntime.sleep(0.5)\n"  # at import, in the sandbox: jobs last long enough to be killed


@dataclass
class Cluster:
    address: str
    workers: list[subprocess.Popen[bytes]]
    scheduler: subprocess.Popen[bytes]


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    from distributed import Client

    needs_sandbox()
    address = f"tcp://127.0.0.1:{free_port()}"
    scheduler = [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1"]
    scheduler += ["--port", address.rsplit(":", 1)[1], "--no-dashboard"]
    processes = [start(scheduler, tmp_path / "scheduler.log")]
    try:
        for index in range(2):
            worker = [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1"]
            worker += ["--no-dashboard", "--no-nanny", "--preload", "grader.batch.cluster_worker"]
            cache = str(tmp_path / f"cache{index}")
            log = tmp_path / f"worker{index}.log"
            processes.append(start(worker, log, GRADER_COURSE_CACHE=cache, GRADER_SLOT_BASE=str(10 * index)))
        with Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=120)
        yield Cluster(address, processes[1:], processes[0])
    finally:
        for process in processes:
            stop(process)


def make_class(root: Path, learners: int, prefix: str = "") -> Path:
    for index in range(learners):
        doubled = CORRECT_DOUBLED if index % 3 else WRONG_DOUBLED
        files = {"doubled.py": prefix + doubled, "leap_year.py": prefix + LEAP_YEAR}
        write_folder(root, f"learner{index:02d}", files)
    return root


def run_counts(out: Path) -> dict[tuple[str, str], int]:
    with sqlite3.connect(out / FILE_NAME) as db:
        rows = db.execute("SELECT learner, exercise, COUNT(*) FROM runs GROUP BY learner, exercise")
        return {(learner, exercise): count for learner, exercise, count in rows}


def test_the_cluster_grades_as_locally(cluster: Cluster, course_dir: Path, tmp_path: Path) -> None:
    submissions = make_class(tmp_path / "subs", 6)
    # Over its time limit: that learner's timeout, on the cluster as locally.
    (submissions / "learner01" / "doubled.py").write_text(LOOP, encoding="utf-8")
    local = grade(course_dir, submissions, tmp_path / "local", "--module", "basics", "--jobs", "1")
    assert local.exit_code == 0, local.output
    remote = grade(
        course_dir, submissions, tmp_path / "remote", "--module", "basics", "--scheduler", cluster.address
    )
    assert remote.exit_code == 0, remote.output
    assert "on the Dask cluster" in remote.output
    assert gradebook_rows(tmp_path / "remote") == gradebook_rows(tmp_path / "local")
    # learner01's timeout is a graded 0: every learner is graded.
    assert {row["status"] for row in gradebook_rows(tmp_path / "remote").values()} == {"graded"}
    assert set(run_counts(tmp_path / "remote").values()) == {1}
    with sqlite3.connect(tmp_path / "remote" / FILE_NAME) as db:
        looped = db.execute("SELECT status FROM runs WHERE learner='learner01' AND exercise='doubled'")
        assert looped.fetchall() == [("timeout",)]  # its own status, as locally, not a cluster failure
    # Each worker unpacked the course once, into a folder named by its hash.
    caches = [list((tmp_path / f"cache{index}").iterdir()) for index in range(2)]
    assert all(len(found) <= 1 for found in caches) and any(caches)


def test_a_worker_killed_mid_batch_loses_nothing(cluster: Cluster, course_dir: Path, tmp_path: Path) -> None:
    submissions = make_class(tmp_path / "subs", 8, SLOW)
    local = grade(course_dir, submissions, tmp_path / "local", "--module", "basics", "--jobs", "1")
    assert local.exit_code == 0, local.output
    out = tmp_path / "remote"
    command = [sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(out)]
    command += ["--course", str(course_dir), "--module", "basics", "--scheduler", cluster.address]
    batch = start(command, tmp_path / "batch.log")
    try:
        wait_for_a_result(out, batch)
        os.killpg(cluster.workers[0].pid, signal.SIGKILL)
        assert batch.wait(timeout=600) == 0, (tmp_path / "batch.log").read_text("utf-8")
    finally:
        stop(batch)
    assert gradebook_rows(out) == gradebook_rows(tmp_path / "local")
    assert set(run_counts(out).values()) == {1}
    assert len(run_counts(out)) == 16


def wait_for_a_result(out: Path, batch: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and batch.poll() is None:
        try:
            if run_counts(out):
                return
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    pytest.fail("the cluster stored no result")


def test_an_unreachable_scheduler_is_a_clear_error(course_dir: Path, tmp_path: Path) -> None:
    submissions = make_class(tmp_path / "subs", 1)
    address = f"tcp://127.0.0.1:{free_port()}"
    result = grade(course_dir, submissions, tmp_path / "out", "--module", "basics", "--scheduler", address)
    assert result.exit_code == 2
    assert f"Cannot reach the Dask scheduler at {address} within 5 s" in result.output
    assert not (tmp_path / "out" / FILE_NAME).exists()


def test_a_killed_scheduler_stops_the_batch_with_what_was_graded_written(
    cluster: Cluster, course_dir: Path, tmp_path: Path
) -> None:
    submissions = make_class(tmp_path / "subs", 8, SLOW)
    out = tmp_path / "remote"
    command = [sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(out)]
    command += ["--course", str(course_dir), "--module", "basics", "--scheduler", cluster.address]
    log = tmp_path / "batch.log"
    batch = start(command, log)
    try:
        wait_for_a_result(out, batch)
        os.killpg(cluster.scheduler.pid, signal.SIGKILL)
        # Bounded: the client notices within seconds (its own limit is 30 s); a hang fails here.
        status = batch.wait(timeout=120)
    finally:
        stop(batch)
    output = log.read_text("utf-8")
    assert status == 1, output
    graded = {learner for learner, _ in run_counts(out)}
    assert 1 <= len(graded) < 8
    assert f"{len(graded)} learners were graded and saved, {8 - len(graded)} are left" in output
    assert "run the same command with --resume" in output
    assert "Traceback" not in output, output
    # The gradebook and the reports are written: scores for those graded, blanks for the rest.
    rows = gradebook_rows(out)
    assert {learner for learner, row in rows.items() if row["total"] != "0"} <= graded
    assert {learner for learner, row in rows.items() if row["doubled"] or row["leap-year"]} == graded
    assert (out / "class-report.html").is_file()
    for learner in graded:
        assert (out / "learners" / learner / "report.html").is_file()


def test_the_size_limit_is_the_same_locally_and_on_the_cluster(
    cluster: Cluster, course_dir: Path, tmp_path: Path
) -> None:
    submissions = tmp_path / "subs"
    padding = "# " + "x" * 98 + "\n"
    big = CORRECT_DOUBLED + padding * (1_500_000 // len(padding))  # 1.5 MB: graded, both ways
    write_folder(submissions, "big", {"doubled.py": big})
    data = "y" * 1_200_000  # two files of 1.2 MB: over the limit for the exercise, both ways
    write_folder(submissions, "huge", {"doubled.py": CORRECT_DOUBLED, "a.txt": data, "b.txt": data})
    results = {}
    for where, extra in {"local": ("--jobs", "1"), "remote": ("--scheduler", cluster.address)}.items():
        result = grade(course_dir, submissions, tmp_path / where, "--exercise", "doubled", *extra)
        assert result.exit_code == 0, result.output
        with sqlite3.connect(tmp_path / where / FILE_NAME) as db:
            results[where] = db.execute("SELECT learner, status, score FROM runs ORDER BY learner").fetchall()
        errors = json.loads((tmp_path / where / "learners" / "huge" / "feedback.json").read_text("utf-8"))
        results[where + " error"] = errors["feedback"][0]["error"]
    assert results["local"] == results["remote"] == [("big", "passed", 4.0), ("huge", "not_graded", 0.0)]
    assert results["local error"] == results["remote error"]
    assert "too large to grade: 2343 KiB in all, and at most 2048 KiB" in results["local error"]
