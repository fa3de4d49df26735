"""Discovery and safe unpacking of submissions in every shape an LMS gives them."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from grader.batch.discover import discover, read_roster
from grader.batch.locate import locate
from grader.batch.unpack import SubmissionProblem, unpack
from grader.course.manifest import Course


def test_folders_archives_and_lms_names_are_one_learner_each(tmp_path: Path) -> None:
    tmp_path = tmp_path / "subs"
    tmp_path.mkdir()
    (tmp_path / "alice").mkdir()
    (tmp_path / "Bob Smith_4711_assignsubmission_file_").mkdir()
    with zipfile.ZipFile(tmp_path / "carol.zip", "w") as archive:
        archive.writestr("leap_year.py", "x = 1\n")
    (tmp_path / "smithjohn_1234_5678_leap_year-1.py").write_text("x = 1\n")
    (tmp_path / "smithjohn_1234_5679_doubled.py").write_text("x = 1\n")
    (tmp_path / "notes.txt").write_text("not a submission")
    found = discover(tmp_path, roster={"1234": "John Smith"})
    by_id = {s.learner: s for s in found.submissions}
    assert sorted(by_id) == ["1234", "4711", "alice", "carol"]
    assert by_id["4711"].name == "Bob Smith"
    assert by_id["1234"].name == "John Smith"
    assert sorted(original for _, original in by_id["1234"].renames) == ["doubled.py", "leap_year.py"]
    assert [entry.split(":")[0] for entry in found.ignored] == ["notes.txt"]
    unpacked = unpack(by_id["1234"], tmp_path / "unpacked")
    assert sorted(p.name for p in unpacked.root.iterdir()) == ["doubled.py", "leap_year.py"]


def test_roster_reads_named_columns(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name,id\nAda Lovelace,42\n", encoding="utf-8")
    assert read_roster(roster) == {"42": "Ada Lovelace"}


def test_zip_entries_outside_the_folder_and_links_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "subs" / "eve.zip"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../escaped.py", "x = 1\n")
        archive.writestr("/etc/absolute.py", "x = 1\n")
        link = zipfile.ZipInfo("link.py")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("leap_year.py", "x = 1\n")
    (submission,) = discover(path.parent).submissions
    unpacked = unpack(submission, tmp_path / "out" / "eve")
    assert [p.name for p in unpacked.root.rglob("*")] == ["leap_year.py"]
    assert not (tmp_path / "out" / "escaped.py").exists()
    assert len(unpacked.notes) == 3


def test_tar_traversal_absolute_paths_and_symlinks_never_escape(tmp_path: Path) -> None:
    path = tmp_path / "subs" / "mallory.tar.gz"
    path.parent.mkdir()
    with tarfile.open(path, "w:gz") as archive:
        for name in ("../../escaped.py", "/tmp/absolute.py", "ok/leap_year.py"):
            data = b"x = 1\n"
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("ok/link")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc"
        archive.addfile(link)
    (submission,) = discover(path.parent).submissions
    unpacked = unpack(submission, tmp_path / "out" / "m")
    assert sorted(p.relative_to(unpacked.root).as_posix() for p in unpacked.root.rglob("*")) == [
        "ok",
        "ok/leap_year.py",
    ]
    assert not (tmp_path / "escaped.py").exists()
    assert len(unpacked.notes) == 3


def test_corrupt_archive_is_a_problem_of_that_submission(tmp_path: Path) -> None:
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "broken.tar").write_bytes(b"\0not a tar file" * 100)
    (submission,) = discover(tmp_path / "subs").submissions
    with pytest.raises(SubmissionProblem, match="could not be opened"):
        unpack(submission, tmp_path / "out")


def test_files_are_found_in_a_clone_a_wrapping_folder_or_loose(mini_course: Course, tmp_path: Path) -> None:
    exercise = mini_course.find("leap-year")
    clone = tmp_path / "clone" / "backend-path" / exercise.path
    clone.mkdir(parents=True)
    (clone / "leap_year.py").write_text("x = 1\n")
    (tmp_path / "clone" / "backend-path" / "leap_year.py").write_text("stray = 1\n")
    assert locate(tmp_path / "clone", exercise).folder == clone
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "Leap_Year.py").write_text("x = 1\n")
    missing = locate(loose, exercise)
    assert missing.folder is None
    assert missing.problem == (
        "Missing file: leap_year.py. The submission holds: Leap_Year.py. Did you mean Leap_Year.py? "
        "Rename it to leap_year.py."
    )
