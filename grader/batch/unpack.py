"""Copy one submission into a private folder of the grader's, safely.

Only regular files are copied. Symbolic links, archive entries that would
land outside the folder (absolute paths, ``..``), links and devices inside
archives, and files over the size caps are left out, each with a note the
learner will read. A corrupt archive becomes a problem for the whole
submission, never an exception that stops the batch.
"""

from __future__ import annotations

import os
import shutil
import stat
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from grader.batch.discover import Submission, printable

MAX_FILE = 2 * 1024 * 1024
MAX_NOTEBOOK = 20 * 1024 * 1024  # saved outputs (plots) make notebooks large; only their code is graded
MAX_TOTAL = 50 * 1024 * 1024
MAX_FILES = 2000
SKIPPED_FOLDERS = {".git", "__pycache__", ".venv", "venv", "node_modules", ".grader", ".mypy_cache"}


class SubmissionProblem(Exception):
    """The whole submission cannot be read (a corrupt archive, say)."""


@dataclass
class Unpacked:
    """What was copied, and the notes about what was left out."""

    root: Path
    notes: list[str]
    files: int = 0
    size: int = 0

    def admit(self, name: str, size: int) -> bool:
        """Decide whether a file of ``size`` bytes may be copied; note why not."""
        name = printable(name)
        cap = file_cap(name)
        if size > cap:
            self.notes.append(f"{name} was left out: {size // 1024} KiB is over the {cap // 1024} KiB limit")
            return False
        if self.files >= MAX_FILES or self.size + size > MAX_TOTAL:
            self.notes.append(f"{name} was left out: the submission has too many or too large files")
            return False
        self.files += 1
        self.size += size
        return True

    def write(self, relative: PurePosixPath, stream: IO[bytes]) -> None:
        target = self.root.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        cap = file_cap(relative.name)
        with open(target, "wb") as out:
            data = stream.read(cap + 1)
            out.write(data[:cap])


def file_cap(name: str) -> int:
    return MAX_NOTEBOOK if name.lower().endswith(".ipynb") else MAX_FILE


def unpack(submission: Submission, target: Path) -> Unpacked:
    """Copy ``submission`` into ``target``; raise SubmissionProblem if it cannot be read at all."""
    target.mkdir(parents=True, exist_ok=True)
    result = Unpacked(target, [])
    if submission.kind == "folder":
        copy_folder(submission.paths[0], result)
    elif submission.kind == "notebook":
        copy_file(submission.paths[0], PurePosixPath(submission.paths[0].name), result)
    elif submission.kind == "files":
        originals = dict(submission.renames)
        for path in submission.paths:
            copy_file(path, PurePosixPath(originals.get(path.name, path.name)), result)
    else:
        unpack_archive(submission.paths[0], result)
    return result


def copy_file(path: Path, relative: PurePosixPath, result: Unpacked) -> None:
    if path.is_symlink() or not path.is_file():
        result.notes.append(
            f"{printable(str(relative))} was left out: it is a symbolic link or not a regular file"
        )
        return
    if result.admit(str(relative), path.stat().st_size):
        with open(path, "rb") as stream:
            result.write(relative, stream)


def copy_folder(folder: Path, result: Unpacked) -> None:
    for current, dirs, files in os.walk(folder, followlinks=False):
        here = Path(current)
        for name in list(dirs):
            if name in SKIPPED_FOLDERS or (here / name).is_symlink():
                if (here / name).is_symlink():
                    shown = printable(str((here / name).relative_to(folder)))
                    result.notes.append(f"{shown} was left out: a symbolic link")
                dirs.remove(name)
        for name in sorted(files):
            path = here / name
            copy_file(path, PurePosixPath(path.relative_to(folder).as_posix()), result)


def safe_name(name: str) -> PurePosixPath | None:
    """An archive entry's path if it stays inside the folder, else None."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        return None
    parts = [p for p in path.parts if p not in ("", ".")]
    return PurePosixPath(*parts) if parts else None


def unpack_archive(path: Path, result: Unpacked) -> None:
    try:
        if path.name.lower().endswith(".zip"):
            unpack_zip(path, result)
        else:
            unpack_tar(path, result)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, ValueError) as error:
        shutil.rmtree(result.root, ignore_errors=True)
        result.root.mkdir(parents=True, exist_ok=True)
        raise SubmissionProblem(f"{path.name} could not be opened as an archive ({error})") from None


def unpack_zip(path: Path, result: Unpacked) -> None:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            relative = safe_name(info.filename)
            mode = info.external_attr >> 16
            if relative is None:
                result.notes.append(
                    f"{printable(info.filename)!r} was left out: it points outside the submission"
                )
            elif stat.S_ISLNK(mode):
                result.notes.append(f"{printable(str(relative))} was left out: it is a symbolic link")
            elif result.admit(str(relative), info.file_size):
                with archive.open(info) as stream:
                    result.write(relative, stream)


def unpack_tar(path: Path, result: Unpacked) -> None:
    # Members are read one by one, never extracted: nothing is written where a member says.
    with tarfile.open(path) as archive:
        for member in archive:
            if member.isdir():
                continue
            relative = safe_name(member.name)
            if relative is None:
                result.notes.append(
                    f"{printable(member.name)!r} was left out: it points outside the submission"
                )
            elif not member.isfile():
                result.notes.append(
                    f"{printable(str(relative))} was left out: it is a link or a special file"
                )
            elif result.admit(str(relative), member.size):
                stream = archive.extractfile(member)
                if stream is not None:
                    result.write(relative, stream)
