"""Know which tests a hidden suite defines, so a report can be checked against them.

The ids come from a collect-only pytest run over the trusted suite (no learner
code involved), cached by a hash of the suite's files and the milestone.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from grader.course import Course, Exercise
from grader.pytest_command import grading_pytest, pytest_environment


def suite_fingerprint(suite_dir: Path, milestone: int | None) -> str:
    """Identify a suite's collected ids: its files, the milestone, Python and our plugin."""
    digest = hashlib.sha256(f"{milestone}|{sys.version}".encode())
    digest.update(Path(__file__).with_name("plugin.py").read_bytes())  # it selects by milestone
    for path in sorted(suite_dir.rglob("*.py")):
        if "mistakes" in path.relative_to(suite_dir).parts:
            continue
        digest.update(str(path.relative_to(suite_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "backend-path" / "suite-ids"


def expected_test_ids(course: Course, exercise: Exercise, milestone: int | None) -> list[str]:
    """Return the node ids the suite defines (relative to the staged ``suite`` folder)."""
    suite_dir = course.suite_dir(exercise)
    cached = cache_dir() / f"{suite_fingerprint(suite_dir, milestone)}.json"
    try:
        ids = json.loads(cached.read_text(encoding="utf-8"))
        if isinstance(ids, list) and all(isinstance(i, str) for i in ids):
            return ids
    except (OSError, ValueError):
        pass
    ids = collect_ids(suite_dir, milestone)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(ids), encoding="utf-8")
        os.replace(temporary, cached)
    except OSError:
        pass  # a read-only home only costs a re-collection next time
    return ids


def collect_ids(suite_dir: Path, milestone: int | None) -> list[str]:
    import shutil

    with tempfile.TemporaryDirectory(prefix="grader-collect-") as tmp:
        run_dir = Path(tmp)
        shutil.copytree(
            suite_dir, run_dir / "suite", ignore=shutil.ignore_patterns("mistakes", "__pycache__")
        )
        ids_file = run_dir / "ids.json"
        command = grading_pytest(run_dir) + [
            "--collect-only",
            f"--grader-ids-file={ids_file}",
            *([f"--grader-milestone={milestone}"] if milestone is not None else []),
            str(run_dir / "suite"),
        ]
        result = subprocess.run(
            command, cwd=run_dir, env=pytest_environment(), capture_output=True, timeout=120
        )
        try:
            ids = json.loads(ids_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            output = (result.stdout + result.stderr).decode("utf-8", "replace")[-1500:]
            raise SuiteError(f"the hidden suite in {suite_dir} could not be collected:\n{output}") from None
    return [str(i) for i in ids]


class SuiteError(Exception):
    """A hidden suite is broken: a course problem, not a learner problem."""
