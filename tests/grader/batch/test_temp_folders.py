"""Temporary folders: a killed batch's are removed by the next run, a live one's never."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from grader.batch.temp_folders import LOCK, PREFIXES, owned_folder, sweep
from tests.grader.batch.helpers import CORRECT_DOUBLED, grade, needs_sandbox, write_learner
from tests.helpers import LEAP_YEAR

HOLD = """
import sys, time
from grader.batch.temp_folders import owned_folder
with owned_folder(sys.argv[1]) as folder:
    (folder / "copy-of-a-submission.py").write_text("x = 1\\n")
    print(folder, flush=True)
    time.sleep(600)
"""


def holder(prefix: str) -> tuple[subprocess.Popen[str], Path]:
    """A process that holds an owned folder until killed."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, prefix], stdout=subprocess.PIPE, text=True, env=dict(os.environ)
    )
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(PREFIXES))


def test_an_owned_folder_is_locked_while_used_and_removed_after(isolated: Path) -> None:
    with owned_folder("grader-run-") as folder:
        assert folder.parent == isolated and folder.name.startswith("grader-run-")
        assert (folder / LOCK).read_text().strip() == str(os.getpid())
        (folder / "sub").mkdir()
        (folder / "sub" / "file").write_text("x")
        (folder / "sub").chmod(0o500)  # read-only, as a staged folder may be
        assert sweep() == 0  # its owner (this process) is alive
        assert folder.exists()
    assert leftovers(isolated) == []


def test_a_killed_owners_folder_is_swept_a_live_owners_never(isolated: Path) -> None:
    dead, dead_folder = holder("grader-batch-")
    live, live_folder = holder("grader-code-")
    try:
        dead.send_signal(signal.SIGKILL)
        dead.wait(timeout=30)
        foreign = isolated / "grader-run-not-ours"  # no lock file: made by something else, kept
        foreign.mkdir()
        other = isolated / "grader-notes"  # another prefix: kept
        other.mkdir()
        assert dead_folder.exists()
        assert sweep() == 1
        assert not dead_folder.exists()
        assert live_folder.exists() and foreign.exists() and other.exists()
    finally:
        live.kill()
        live.wait(timeout=30)
    assert sweep() == 1 and not live_folder.exists()


def test_a_batch_killed_mid_run_leaves_nothing_after_the_next_run(course_dir: Path, tmp_path: Path) -> None:
    needs_sandbox()
    submissions = tmp_path / "subs"
    slow = "import time\ntime.sleep(0.5)\n"
    for index in range(6):
        files = {"doubled.py": slow + CORRECT_DOUBLED, "leap_year.py": slow + LEAP_YEAR}
        write_learner(submissions, f"learner{index:02d}", files)
    scratch = Path(tempfile.gettempdir())
    out = tmp_path / "out"
    command = [sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(out)]
    command += ["--course", str(course_dir), "--module", "basics", "--jobs", "2"]
    batch = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while not {"grader-batch-", "grader-run-", "grader-code-"} <= {
            name[: name.index("-", len("grader-")) + 1] for name in leftovers(scratch)
        }:
            if time.monotonic() > deadline or batch.poll() is not None:
                pytest.fail(f"the batch never had its folders at once: {leftovers(scratch)}")
            time.sleep(0.02)
    finally:
        os.killpg(batch.pid, signal.SIGKILL)
        batch.wait(timeout=30)
    first_run = leftovers(scratch)
    assert first_run  # SIGKILL left them
    result = grade(course_dir, submissions, out, "--module", "basics", "--jobs", "2", "--resume")
    assert result.exit_code == 0, result.output
    assert f"Removed {len(first_run)} temporary folders that killed batches had left behind." in result.output
    assert leftovers(scratch) == []
