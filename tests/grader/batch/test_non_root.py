"""`grader grade` run by an unprivileged user: bubblewrap then isolates with a user namespace, no setpriv."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.grader.batch.helpers import CORRECT_DOUBLED, WRONG_DOUBLED, needs_sandbox, write_learner
from tests.helpers import copy_course

NOBODY = "65534"
DROP = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
# Inside the view the work folder sits on a private tmpfs over /mnt: nothing is created on the host.
WORK = "/mnt/grading"
# Learner code that says which uid it runs as (the user namespace maps nobody to itself).
WHO_AM_I = "import os\n\n\ndef doubled(numbers):\n    return [os.getuid()]\n"


def user_namespaces_for_nobody() -> str | None:
    """Why an unprivileged user cannot start bubblewrap here, or None when it can."""
    bwrap = shutil.which("bwrap")
    if bwrap is None or shutil.which("setpriv") is None:
        return "bwrap or setpriv is not installed"
    probe = subprocess.run(
        [*DROP, bwrap, "--unshare-all", "--ro-bind", "/", "/", "true"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        return f"unprivileged user namespaces are unavailable: {probe.stderr.strip()[-300:]}"
    return None


def hidden_ancestor(path: Path) -> Path | None:
    """The highest folder above ``path`` that other users cannot enter (pyenv under /root, say)."""
    for parent in reversed(path.parents):
        if parent != Path("/") and not parent.stat().st_mode & 0o001:
            return parent
    return None


def view_for_nobody(work: Path) -> list[str]:
    """A root-made view of this machine where nobody can run this Python and use ``work``."""
    view = ["bwrap", "--dev-bind", "/", "/", "--tmpfs", "/mnt", "--bind", str(work), WORK]
    base = Path(sys.base_prefix).resolve()
    hidden = hidden_ancestor(base)
    if hidden is not None:  # an empty folder in its place, then only the branch holding this Python
        branch = hidden / base.relative_to(hidden).parts[0]
        view += ["--tmpfs", str(hidden), "--ro-bind", str(branch), str(branch)]
    return [*view, "--die-with-parent", "--"]


def test_grading_as_an_unprivileged_user_uses_a_user_namespace(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("already unprivileged: every batch test here takes the user-namespace path")
    needs_sandbox()
    reason = user_namespaces_for_nobody()
    if reason is not None:
        pytest.skip(reason)
    work = tmp_path / "nobody"
    copy_course(work / "course")
    write_learner(work / "subs", "ada", {"doubled.py": CORRECT_DOUBLED})
    write_learner(work / "subs", "ben", {"doubled.py": WRONG_DOUBLED})
    write_learner(work / "subs", "cy", {"doubled.py": WHO_AM_I})
    for folder in ("home", "tmp"):
        (work / folder).mkdir()
    subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(work)], check=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": f"{WORK}/home", "TMPDIR": f"{WORK}/tmp", "LANG": "C.UTF-8"}
    env["XDG_CACHE_HOME"] = f"{WORK}/home"
    grade = [sys.executable, "-m", "grader", "grade", f"{WORK}/subs", "--out", f"{WORK}/out"]
    grade += ["--course", f"{WORK}/course", "--exercise", "doubled", "--jobs", "2"]
    run = subprocess.run(
        [*view_for_nobody(work), *DROP, *grade], capture_output=True, text=True, env=env, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "in the bubblewrap sandbox" in run.stdout
    with open(work / "out/gradebook.csv", encoding="utf-8") as stream:
        scores = {row["learner"]: row["doubled"] for row in csv.DictReader(stream)}
    assert scores == {"ada": "4", "ben": "0", "cy": "0"}
    report = (work / "out/learners/cy/report.md").read_text("utf-8")
    assert f"[{NOBODY}]" in report  # the worker ran as nobody, not as a slot's uid (those need root)
    assert (work / "out").stat().st_uid == int(NOBODY)
