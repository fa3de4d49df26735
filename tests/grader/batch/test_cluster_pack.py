"""What cluster jobs carry: the packed course, cached by hash, and the learner's capped files."""

from __future__ import annotations

import io
import json
import sys
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.batch.cluster import NO_DASK, feedback_from, learner_payload
from grader.batch.cluster_pack import cached_course, pack_course, read_pack, write_files
from grader.batch.cluster_worker import check_worker
from grader.batch.plan import Job
from grader.batch.submission_size import MAX_EXERCISE_BYTES
from grader.cli import cli
from grader.course.manifest import Course
from grader.feedback.model import Feedback, Metric, TestResult
from tests.grader.batch.helpers import CORRECT_DOUBLED, grade, write_learner


def test_a_packed_course_unpacks_once_under_its_hash(mini_course: Course, tmp_path: Path) -> None:
    digest, blob = pack_course(mini_course)
    assert pack_course(mini_course) == (digest, blob)  # reproducible: same course, same bytes
    assert blob[4:8] == bytes(4)  # no time in the gzip header either, so a second later too
    course = cached_course(tmp_path / "cache", digest, blob)
    assert [e.id for e in course.exercises] == [e.id for e in mini_course.exercises]
    assert course.root == tmp_path / "cache" / digest
    exercise = course.exercises[0]
    assert sorted(p.name for p in course.suite_dir(exercise).iterdir()) == sorted(
        p.name for p in mini_course.suite_dir(exercise).iterdir() if p.name != "__pycache__"
    )
    # Present already: the blob is not even read again.
    assert cached_course(tmp_path / "cache", digest, b"not a tar").root == course.root


def test_a_changed_course_has_another_hash(mini_course: Course) -> None:
    digest, _ = pack_course(mini_course)
    suite = mini_course.suite_dir(mini_course.exercises[0])
    (suite / "test_extra.py").write_text("def test_more(): pass\n", encoding="utf-8")
    assert pack_course(mini_course)[0] != digest


def test_a_pack_that_does_not_match_its_hash_is_refused(mini_course: Course, tmp_path: Path) -> None:
    _, blob = pack_course(mini_course)
    with pytest.raises(ValueError, match="does not match its hash"):
        cached_course(tmp_path / "cache", "0" * 32, blob)
    assert not (tmp_path / "cache" / ("0" * 32)).exists()


def test_a_pack_leaving_its_folder_is_refused() -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("../escape.py")
        tar.addfile(info, io.BytesIO(b""))
    with pytest.raises(ValueError, match="unexpected entry"):
        read_pack(buffer.getvalue())


def test_received_file_names_stay_inside(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unexpected file name"):
        write_files({"../../etc/x": b""}, tmp_path)
    write_files({"pkg/a.py": b"x = 1\n"}, tmp_path)
    assert (tmp_path / "pkg" / "a.py").read_bytes() == b"x = 1\n"


def test_files_over_the_cap_are_not_graded_with_why(mini_course: Course, tmp_path: Path) -> None:
    exercise = mini_course.find("doubled")
    small = write_learner(tmp_path, "small", {"doubled.py": CORRECT_DOUBLED})
    big = write_learner(tmp_path, "big", {"doubled.py": "#" * (MAX_EXERCISE_BYTES + 1)})
    payload, sent, refused = learner_payload([Job("small", exercise, small, "c", "s")])
    assert payload["jobs"][0]["files"] == {"doubled.py": CORRECT_DOUBLED.encode()} and not refused
    payload, sent, refused = learner_payload([Job("big", exercise, big, "c", "s")])
    # Like a huge file found locally: the submission could not be read, so it is not graded, and says why.
    assert not sent and refused[0][1].status == "not_graded" and "too large" in str(refused[0][1].error)


def test_feedback_comes_back_identical() -> None:
    test = TestResult("t", "d", "failed", "m", "h", "o", 0.0, 1.0, 0.1, 2, ("a.py:3",))
    feedback = Feedback(1, "e", "E", "ann", "failed", 0.0, 1.0, (test,), None, 0.2, (Metric("n", "N", 3.0),))
    assert feedback_from(json.loads(json.dumps(feedback.to_dict()))) == feedback


def test_without_dask_the_message_says_how_to_install_it(
    course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    write_learner(tmp_path / "subs", "ann", {"doubled.py": CORRECT_DOUBLED})
    result = grade(course_dir, tmp_path / "subs", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert NO_DASK in result.output


def test_a_worker_needs_a_writable_cache(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    problems = check_worker(tmp_path / "file" / "cache")
    assert any("is not writable" in problem for problem in problems)


def test_grader_worker_refuses_before_joining(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    args = ["worker", "--scheduler", "tcp://127.0.0.1:9", "--cache", str(tmp_path / "file" / "cache")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "cannot be a grading worker" in result.output and "is not writable" in result.output
