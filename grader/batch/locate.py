"""Find an exercise's files inside one learner's unpacked submission.

A submission may be a whole clone of the course (the files sit at the
exercise's path), a folder of loose files, or either of these wrapped in one
top-level folder. Files are found by the names the manifest gives; when they
are missing, the message names what was there instead.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from grader.batch.discover import printable
from grader.batch.unpack import SKIPPED_FOLDERS
from grader.course.manifest import Exercise


@dataclass(frozen=True)
class Located:
    """Where an exercise's files are, their content hash, or why they cannot be graded."""

    folder: Path | None
    content_hash: str
    problem: str | None = None
    note: str | None = None


def unwrap(root: Path) -> Path:
    """Step into a single top-level folder (a zip of a folder), as often as there is one."""
    while True:
        entries = [e for e in root.iterdir() if e.name not in SKIPPED_FOLDERS and not e.name.startswith(".")]
        if len(entries) != 1 or not entries[0].is_dir():
            return root
        root = entries[0]


def plain_names(exercise: Exercise) -> list[str]:
    return [f for f in exercise.files if not any(c in f for c in "*?[")]


def graded_files(folder: Path, exercise: Exercise) -> list[Path]:
    """The files in ``folder`` the exercise's patterns select (regular files only)."""
    chosen: set[Path] = set()
    for pattern in exercise.graded_patterns:
        chosen.update(p for p in folder.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    return sorted(chosen)


def locate(root: Path, exercise: Exercise) -> Located:
    """Find the folder holding ``exercise``'s files under ``root``."""
    base = unwrap(root)
    folder = find_folder(base, exercise)
    if folder is None:
        return Located(None, "", missing_message(base, exercise))
    files = graded_files(folder, exercise)
    missing = [name for name in plain_names(exercise) if not (folder / name).is_file()]
    if missing or not files:
        return Located(None, "", missing_message(base, exercise))
    digest = hashlib.sha256()
    for path in files:
        data = path.read_bytes()
        digest.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
        if path.suffix == ".py":
            problem = not_utf8(path.relative_to(folder), data)
            if problem:
                return Located(None, digest.hexdigest(), problem)
    return Located(folder, digest.hexdigest())


def find_folder(base: Path, exercise: Exercise) -> Path | None:
    """The course-clone location if it has the files, else the folder holding the main file."""
    clone = base / exercise.path
    names = plain_names(exercise)
    if clone.is_dir() and all((clone / n).is_file() for n in names) and graded_files(clone, exercise):
        return clone
    if not names:
        return base if graded_files(base, exercise) else None
    hits = [p for p in base.rglob(names[0]) if p.is_file() and not SKIPPED_FOLDERS & set(p.parts)]
    if not hits:
        return None
    leaf = PurePosixPath(exercise.path).name
    hits.sort(key=lambda p: (p.parent.name != leaf, len(p.parts), str(p)))
    return hits[0].parent


def missing_message(base: Path, exercise: Exercise) -> str:
    """Say which file was expected and what the submission holds instead."""
    wanted = ", ".join(plain_names(exercise) or exercise.files)
    found = sorted(
        printable(p.relative_to(base).as_posix())
        for p in base.rglob("*")
        if p.is_file() and not SKIPPED_FOLDERS & set(p.parts)
    )
    if not found:
        return f"Missing file: {wanted}. The submission holds no files."
    names = [PurePosixPath(f).name for f in found]
    close = difflib.get_close_matches(plain_names(exercise)[0], names, n=1) if plain_names(exercise) else []
    close += [n for n in names if plain_names(exercise) and n.lower() == plain_names(exercise)[0].lower()]
    shown = ", ".join(found[:8]) + (f" and {len(found) - 8} more" if len(found) > 8 else "")
    advice = f" Did you mean {close[-1]}? Rename it to {plain_names(exercise)[0]}." if close else ""
    return f"Missing file: {wanted}. The submission holds: {shown}.{advice}"


def not_utf8(relative: Path, data: bytes) -> str | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return (
            f"{printable(relative.as_posix())} is not UTF-8 text (byte 0x{data[error.start]:02x} at position "
            f"{error.start}): save it as UTF-8 in your editor."
        )
    return None
