"""Find the submissions in a folder: one per learner, whatever shape the LMS gave them.

A learner's submission is a folder (loose exercise files, notebooks or a whole
clone of the course), a zip or tar archive, a notebook (``alice.ipynb``), or
loose files named the way Canvas names them in a bulk download
(``name_12345_67890_file.py``). Moodle's folders
(``Full Name_12345_assignsubmission_file_``) give the learner id in the name.
Nothing is read or extracted here: :mod:`grader.batch.unpack` does that.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

NOTEBOOK_SUFFIX = ".ipynb"
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
CANVAS = re.compile(r"^(?P<name>[^_]+)(?:_late)?_(?P<id>\d+)_\d+_(?P<file>.+)$", re.IGNORECASE)
MOODLE = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_assign(?:submission|ment)_\w*?_?$")
RESUBMITTED = re.compile(r"-\d+(?=\.[^.]+$)")  # Canvas renames a second upload leap_year-1.py


@dataclass(frozen=True)
class Submission:
    """One learner's submission: where it is and what kind of thing it is."""

    learner: str
    name: str
    kind: str  # folder | archive | notebook | files
    paths: tuple[Path, ...]
    renames: tuple[tuple[str, str], ...] = ()  # for LMS files: (path name, original name)

    def to_dict(self) -> dict[str, object]:
        return {
            "learner": self.learner,
            "name": self.name,
            "kind": self.kind,
            "paths": [str(p) for p in self.paths],
        }


@dataclass(frozen=True)
class Discovery:
    """Every submission found, and every entry ignored with the reason."""

    submissions: tuple[Submission, ...]
    ignored: tuple[str, ...] = field(default_factory=tuple)


class DiscoveryError(Exception):
    """The submissions folder or the roster cannot be used; the message says why."""


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept as surrogates by the OS layer) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def is_archive(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(ARCHIVE_SUFFIXES)


def archive_stem(name: str) -> str:
    lowered = name.lower()
    for suffix in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    return name


def discover(root: Path, roster: dict[str, str] | None = None) -> Discovery:
    """List the learners' submissions in ``root``."""
    if not root.is_dir():
        raise DiscoveryError(f"{root} is not a folder of submissions")
    found: dict[str, Submission] = {}
    lms_files: dict[str, list[tuple[Path, str, str]]] = {}
    ignored: list[str] = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.is_symlink():
            ignored.append(
                f"{entry.name}: " + ("hidden" if entry.name.startswith(".") else "a symbolic link")
            )
            continue
        canvas = CANVAS.match(entry.name) if entry.is_file() else None
        if canvas and not is_archive(entry):
            original = RESUBMITTED.sub("", canvas["file"])
            lms_files.setdefault(canvas["id"], []).append((entry, original, canvas["name"]))
            continue
        submission = single_submission(entry, canvas)
        if submission is None:
            ignored.append(
                f"{printable(entry.name)}: neither a folder, an archive, a notebook nor an LMS-named file"
            )
        elif submission.learner in found:
            ignored.append(f"{printable(entry.name)}: a second submission for learner {submission.learner}")
        else:
            found[submission.learner] = submission
    for learner, files in lms_files.items():
        if learner in found:
            ignored.append(f"{len(files)} LMS-named files of learner {learner}: they also have a folder")
            continue
        renames = tuple((path.name, original) for path, original, _ in files)
        found[learner] = Submission(learner, files[0][2], "files", tuple(p for p, _, _ in files), renames)
    names = roster or {}
    submissions = tuple(
        Submission(s.learner, names.get(s.learner, s.name), s.kind, s.paths, s.renames)
        for s in sorted(found.values(), key=lambda s: s.learner)
    )
    return Discovery(submissions, tuple(ignored))


def single_submission(entry: Path, canvas: re.Match[str] | None) -> Submission | None:
    """A folder or an archive standing for one learner (its name gives the id)."""
    if entry.is_dir():
        moodle = MOODLE.match(entry.name)
        if moodle:
            return Submission(moodle["id"], moodle["name"], "folder", (entry,))
        return Submission(printable(entry.name), "", "folder", (entry,))
    if is_archive(entry):
        if canvas:
            return Submission(canvas["id"], canvas["name"], "archive", (entry,))
        return Submission(printable(archive_stem(entry.name)), "", "archive", (entry,))
    if entry.is_file() and entry.name.lower().endswith(NOTEBOOK_SUFFIX):
        # (an LMS-named notebook never gets here: it is one of that learner's files)
        return Submission(printable(entry.name[: -len(NOTEBOOK_SUFFIX)]), "", "notebook", (entry,))
    return None


def read_roster(path: Path) -> dict[str, str]:
    """Read a CSV of learner ids and names (columns ``id`` and ``name``, or the first two)."""
    try:
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    except (OSError, UnicodeDecodeError) as error:
        raise DiscoveryError(f"the roster {path} cannot be read: {error}") from None
    if not rows:
        return {}
    header = [cell.strip().lower() for cell in rows[0]]
    id_col = next((i for i, h in enumerate(header) if h in ("id", "learner", "student id", "sis id")), None)
    name_col = next((i for i, h in enumerate(header) if h in ("name", "student", "full name")), None)
    if id_col is None:
        id_col, name_col = 0, 1
    else:
        rows = rows[1:]
    name_col = 1 if name_col is None else name_col
    roster = {}
    for row in rows:
        if len(row) > max(id_col, name_col) and row[id_col].strip():
            roster[row[id_col].strip()] = row[name_col].strip()
    return roster
