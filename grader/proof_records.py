"""Keep each exercise's grading runs from a validate that proved it, for as long as nothing they read changes.

An author who changes one exercise should not wait for the whole course to be
graded again. A record is filed under a digest of everything the runs of an
exercise read: its manifest entry, its suite folder, its reference solution,
its starter (working copy and committed), the grader's own code, the Python and every installed package's
version. Any change to any of them files the runs under another digest, so they
are graded afresh. Only exercises that validated are recorded: a failure is
always graded again, so a flaky one is never kept.

A known-wrong variant's run reads one more thing, its own files in the suite's
``mistakes/`` folder, and no other run reads them (grading leaves that folder
out). So the exercise's digest leaves ``mistakes/`` out, and each variant's run
is kept with a digest of its own files: an author who adds or edits one
variant of the capstone waits for that run alone, not for its 31.

What validate works out from the runs (the known-mistakes record, the hint
proof, the README agreement, the suite scan) is worked out afresh every time.
``known_mistakes.json`` is left out of the digest for that reason: validate
writes it from the runs, and grading reads it only to add hints, which no
verdict depends on.

Records live in the course's git-ignored ``.grader/proofs/``. They are pickles:
only validate, run by the course's author on their own course, reads them, and
loading that course's suites runs its code anyway.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import cache
from importlib import metadata
from pathlib import Path, PurePosixPath

import grader
from grader.course.grading_files import content_hash, files_in, files_under, grading_places
from grader.course.manifest import Course, Exercise
from grader.course.restore import RestoreError
from grader.course.starter import committed_starter
from grader.course.workspace import STATE_DIR
from grader.validate_runs import MISTAKE_RUN, MISTAKES, mistake_paths

FOLDER = "proofs"
LEFT_OUT = {"known_mistakes.json"}  # written by validate from the runs (see above)


class ProofRecords:
    """The grading runs of exercises that validated, filed by what they read."""

    def __init__(self, course: Course) -> None:
        self.course = course
        self.folder = course.root / STATE_DIR / FOLDER
        # Taken when validate first asks, before grading: runs are filed under the files they graded,
        # so an edit made while they run is graded next time, not taken as proved.
        self.digests: dict[str, str] = {}
        self.variants: dict[str, dict[str, str]] = {}

    def digest(self, exercise: Exercise) -> str:
        """Name everything ``exercise``'s runs read, as one hex digest, as it was when first asked."""
        if exercise.id not in self.digests:
            self.digests[exercise.id] = self.files_digest(exercise)
            self.variants[exercise.id] = variant_digests(self.course, exercise)
        return self.digests[exercise.id]

    def files_digest(self, exercise: Exercise) -> str:
        hasher = hashlib.sha256(engine_digest().encode())
        hasher.update(repr((exercise, self.course.solutions, self.course.suites)).encode())
        hasher.update(content_hash(grading_inputs(self.course, exercise)).encode())
        hasher.update(committed_starter_bytes(self.course, exercise))
        return hasher.hexdigest()

    def record_path(self, exercise: Exercise) -> Path:
        """Where the runs of ``exercise`` as its files are now are recorded."""
        return self.folder / f"{exercise.id}-{self.digest(exercise)}.pickle"

    def runs_of(self, exercise: Exercise) -> dict[str, object]:
        """The recorded results of ``exercise``'s runs whose inputs are unchanged ({} when none)."""
        try:
            with self.record_path(exercise).open("rb") as stream:
                found = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return {}  # none yet, or written by a grader that no longer reads it: grade again
        record = found if isinstance(found, dict) else {}
        runs, variants = record.get("runs"), record.get("variants")  # results; variants' digests
        if not isinstance(runs, dict) or not isinstance(variants, dict):
            return {}
        now = self.variants[exercise.id]
        # A variant's run stands only while its own files are as they were.
        return {
            name: result
            for name, result in runs.items()
            if not name.startswith(MISTAKE_RUN) or variants.get(name) == now.get(name)
        }

    def keep(self, exercise: Exercise, results: dict[str, object]) -> None:
        """Record a validated exercise's run results, in place of its older records."""
        path = self.record_path(exercise)
        record = {"runs": results, "variants": self.variants[exercise.id]}  # taken with the digest
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob(f"{exercise.id}-*.pickle"):
            old.unlink(missing_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_bytes(pickle.dumps(record))
        partial.replace(path)  # a validate stopped mid-write leaves no half record


def grading_inputs(course: Course, exercise: Exercise) -> dict[str, bytes]:
    """The files an exercise's runs read from the course, but validate's own record and the variants."""
    files = files_in(course.root, grading_places(course, exercise))
    variants = (course.suite_dir(exercise) / MISTAKES).relative_to(course.root).as_posix() + "/"
    return {
        name: data
        for name, data in files.items()
        if PurePosixPath(name).name not in LEFT_OUT and not name.startswith(variants)
    }


def variant_digests(course: Course, exercise: Exercise) -> dict[str, str]:
    """A digest of each known-wrong variant's files, by the name of its run."""
    digests = {}
    for path in mistake_paths(course, exercise):
        files = files_under(course.root, path) if path.is_dir() else {path.name: path.read_bytes()}
        digests[f"{MISTAKE_RUN}{path.stem}"] = content_hash(files)
    return digests


def committed_starter_bytes(course: Course, exercise: Exercise) -> bytes:
    """The starter as git holds it (validate grades that one), or nothing outside git."""
    try:
        files = committed_starter(course, exercise)
    except RestoreError:
        return b""
    return b"".join(name.encode() + b"\0" + files[name] + b"\0" for name in sorted(files))


@cache
def engine_digest() -> str:
    """Name the grader's own code (not its suites), this Python and every installed package."""
    hasher = hashlib.sha256(sys.version.encode())
    package = Path(grader.__file__).parent
    code = {
        name: data
        for name, data in files_under(package.parent, package).items()
        if not name.startswith(f"{package.name}/suites/")
    }
    hasher.update(content_hash(code).encode())
    installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    hasher.update("\n".join(installed).encode())
    return hasher.hexdigest()
