"""Know which tests a hidden suite defines, so a report can be checked against them.

The ids come from a collect-only pytest run over the trusted suite (no learner
code involved), cached by a hash of the suite's files and the milestone. The
cache lives in the user's cache folder, which learner code running as the
same user could rewrite: it is therefore never trusted on its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from grader.course.edition_marker import INSTRUCTOR_PATTERN, is_instructor_file
from grader.course.manifest import Course, Exercise
from grader.pipeline.warm import PytestServer, run_grading_pytest, warm_server


def suite_fingerprint(suite_dir: Path, milestone: int | None, public_only: bool = False) -> str:
    """Identify a suite's collected ids: its files, the milestone, the selection, Python and our plugin."""
    digest = hashlib.sha256(f"{milestone}|{public_only}|{sys.version}".encode())
    digest.update(Path(__file__).with_name("plugin.py").read_bytes())  # it selects by milestone
    for path in sorted(suite_dir.rglob("*.py")):
        if "mistakes" in path.relative_to(suite_dir).parts or (public_only and is_instructor_file(path)):
            continue
        digest.update(str(path.relative_to(suite_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "backend-path" / "suite-ids"


# Ids already read or collected by this process: a watch session reads the cache once.
_KNOWN: dict[str, list[str]] = {}


def expected_test_ids(
    course: Course,
    exercise: Exercise,
    milestone: int | None,
    server: PytestServer | None = None,
    *,
    public_only: bool = False,
) -> list[str]:
    """Return the node ids the suite defines (relative to the staged ``suite`` folder).

    ``public_only`` leaves out the instructor-only files, as a learner edition does.

    The cache is only a hint: a report that does not match it is checked
    again against a fresh collection (see :func:`recollect`), so a cache
    file rewritten by anyone costs a collection, never a wrong grade.
    """
    key = suite_fingerprint(course.suite_dir(exercise), milestone, public_only)
    if key in _KNOWN:
        return _KNOWN[key]
    ids = read_cache(key)
    if ids is None:
        ids = collect_ids(
            course.suite_dir(exercise), milestone, server, exercise.modules, public_only=public_only
        )
        write_cache(key, ids)
    _KNOWN[key] = ids
    return ids


def recollect(
    course: Course,
    exercise: Exercise,
    milestone: int | None,
    server: PytestServer | None = None,
    *,
    public_only: bool = False,
) -> list[str] | None:
    """Collect the suite's ids afresh; return them if the cached ones were different, else None."""
    key = suite_fingerprint(course.suite_dir(exercise), milestone, public_only)
    fresh = collect_ids(
        course.suite_dir(exercise), milestone, server, exercise.modules, public_only=public_only
    )
    if fresh == _KNOWN.get(key):
        return None
    _KNOWN[key] = fresh
    write_cache(key, fresh)
    return fresh


def read_cache(key: str) -> list[str] | None:
    """The cached ids for ``key``, or None when missing, unreadable or not for this key."""
    try:
        with open(cache_dir() / f"{key}.json", "rb") as file:
            data = json.loads(file.read(MAX_CACHE_BYTES))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("suite") != key:
        return None
    ids = data.get("ids")
    if isinstance(ids, list) and ids and all(isinstance(i, str) for i in ids):
        return ids
    return None


MAX_CACHE_BYTES = 1_000_000


def write_cache(key: str, ids: list[str]) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = folder / f"{key}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps({"suite": key, "ids": ids}), encoding="utf-8")
        os.replace(temporary, folder / f"{key}.json")
    except OSError:
        pass  # a read-only home only costs a re-collection next time


def collect_ids(
    suite_dir: Path,
    milestone: int | None,
    server: PytestServer | None = None,
    modules: Sequence[str] = (),
    *,
    public_only: bool = False,
) -> list[str]:
    """Run pytest's collection (no learner code) over a copy of the trusted suite."""
    with tempfile.TemporaryDirectory(prefix="grader-collect-") as tmp:
        run_dir = Path(tmp)
        left_out = ("mistakes", "__pycache__", *([INSTRUCTOR_PATTERN] if public_only else []))
        shutil.copytree(suite_dir, run_dir / "suite", ignore=shutil.ignore_patterns(*left_out))
        ids_file = run_dir / "ids.json"
        arguments = [
            "--collect-only",
            "-p",
            "grader.pipeline.collection_errors",
            f"--grader-ids-file={ids_file}",
            *([f"--grader-modules={','.join(modules)}"] if modules else []),  # plain suites import them
            *([f"--grader-milestone={milestone}"] if milestone is not None else []),
            str(run_dir / "suite"),
        ]
        log = run_dir / "collect-output.txt"
        # Without a server of its own, a collection takes this thread's warm one (a release counts 50 suites).
        run_grading_pytest(arguments, run_dir, log, 120.0, server if server is not None else warm_server())
        reasons = read_errors(errors_file(ids_file))
        if reasons:
            raise SuiteNotCollected(reasons)
        try:
            ids = json.loads(ids_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            output = log.read_text("utf-8", "replace")[-1500:] if log.exists() else ""
            raise SuiteError(f"the hidden suite in {suite_dir} could not be collected:\n{output}") from None
    return [str(i) for i in ids]


def errors_file(ids_file: str | Path) -> Path:
    """Where the collection-errors plugin keeps the collection errors of a run that writes ``ids_file``."""
    return Path(f"{ids_file}.errors.json")


def read_errors(path: Path) -> list[str]:
    """The collection errors the run recorded (see grader.pipeline.collection_errors), if any."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(reason) for reason in found] if isinstance(found, list) else []


class SuiteError(Exception):
    """A hidden suite is broken: a course problem, not a learner problem."""


class SuiteNotCollected(SuiteError):
    """The hidden suite's files could not be collected: why, without the tests' source."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__(
            "The hidden tests could not be collected, so nothing was graded: "
            + "; ".join(reasons)
            + ". This is a problem with the hidden tests, not with your code: please tell your instructor."
        )
