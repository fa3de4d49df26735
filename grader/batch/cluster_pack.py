"""What a cluster job carries: the course packed once (by content hash), a learner's files as bytes.

The course travels as a gzipped tar of its manifest and every exercise's
folder, reference solution and hidden suite; its hash is over the files'
paths and contents, so a worker can check what it unpacked and keep it in a
folder named by that hash. A learner's files travel as a mapping from their
path (relative to the exercise's folder) to their bytes, within the size limit
every batch applies (:mod:`grader.batch.submission_size`).
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from grader.batch.submission_size import size_problem
from grader.course.grading_files import content_hash, files_in, grading_places
from grader.course.manifest import MANIFEST, Course, Exercise, load_course

COMPLETE = ".complete"


def course_files(course: Course) -> dict[str, bytes]:
    """Every file the workers need to grade ``course``, by its path relative to the course root."""
    folders = {place for exercise in course.exercises for place in grading_places(course, exercise)}
    return {MANIFEST.as_posix(): (course.root / MANIFEST).read_bytes()} | files_in(course.root, folders)


def pack_course(course: Course) -> tuple[str, bytes]:
    """The course's content hash and its files as a gzipped tar (reproducible: no times, no owners)."""
    files = course_files(course)
    buffer = io.BytesIO()
    # mtime=0: tarfile's own "w:gz" stamps the gzip header with the current second.
    with (
        gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0) as packed,
        tarfile.open(fileobj=packed, mode="w") as tar,
    ):
        for name in sorted(files):
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(files[name]), 0o644, 0
            tar.addfile(info, io.BytesIO(files[name]))
    return content_hash(files), buffer.getvalue()


def read_pack(blob: bytes) -> dict[str, bytes]:
    """The files in a packed course; only plain files with relative paths inside it are accepted."""
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        for member in tar.getmembers():
            path = PurePosixPath(member.name)
            if not member.isfile() or path.is_absolute() or ".." in path.parts:
                raise ValueError(f"unexpected entry {member.name!r} in the packed course")
            stream = tar.extractfile(member)
            assert stream is not None
            files[member.name] = stream.read()
    return files


def cached_course(cache: Path, digest: str, blob: bytes) -> Course:
    """The course with hash ``digest``, unpacked from ``blob`` into ``cache`` unless already there."""
    target = cache / digest
    if not (target / COMPLETE).exists():
        files = read_pack(blob)
        if content_hash(files) != digest:
            raise ValueError(f"the packed course does not match its hash {digest}")
        cache.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{digest}-", dir=cache))
        write_files(files, staging)
        (staging / COMPLETE).write_text(digest, encoding="ascii")
        try:
            os.rename(staging, target)
        except OSError:  # another thread of this worker unpacked it first
            shutil.rmtree(staging, ignore_errors=True)
    return load_course(target)


def learner_files(exercise: Exercise, folder: Path) -> dict[str, bytes]:
    """The files of ``folder`` that grading ``exercise`` reads (as the runner stages them)."""
    files: dict[str, bytes] = {}
    for pattern in exercise.graded_patterns:
        for path in sorted(folder.glob(pattern)):
            if path.is_file() and not path.is_symlink() and "__pycache__" not in path.parts:
                files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def too_large(files: dict[str, bytes]) -> str | None:
    """Why these files are not sent to the cluster: the limit a local batch applies too."""
    return size_problem(len(data) for data in files.values())


def write_files(files: dict[str, bytes], folder: Path) -> None:
    """Write files received as bytes under ``folder``, refusing paths that would leave it."""
    for name, data in files.items():
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise ValueError(f"unexpected file name {name!r}")
        target = folder.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
