"""The check history: appended a line per check, read back, robust to a corrupt file, bounded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from grader.course.history import CheckRecord, append_record, mistakes_of, read_history
from grader.course.manifest import Course
from grader.course.workspace import STATE_DIR, Progress
from grader.feedback.model import SCHEMA_VERSION, Feedback, TestResult

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def record(minutes: int, status: str = "failed", *mistakes: str) -> CheckRecord:
    return CheckRecord(T0 + timedelta(minutes=minutes), "leap-year", status, mistakes)


def test_records_are_appended_and_read_back_in_order(tmp_path: Path) -> None:
    append_record(tmp_path, record(5, "passed"))
    append_record(tmp_path, record(1, "failed", "printed"))
    history = read_history(tmp_path)
    assert [r.status for r in history.records] == ["failed", "passed"]
    assert history.records[0].mistakes == ("printed",) and history.notice == ""
    assert (tmp_path / "history.jsonl").read_text(encoding="utf-8").count("\n") == 2


def test_a_corrupt_line_is_skipped_said_and_kept(tmp_path: Path) -> None:
    append_record(tmp_path, record(1))
    path = tmp_path / "history.jsonl"
    with path.open("ab") as stream:
        stream.write(b'{"at": "yesterday", "exercise": 3}\n\xff\xfe not json\n{"half": ')  # a crash mid-line
    append_record(tmp_path, record(2, "passed"))
    history = read_history(tmp_path)
    assert [r.status for r in history.records] == ["failed", "passed"]  # the new line stayed whole
    assert history.unreadable == (2, 3, 4)
    assert history.notice.startswith("3 line(s) of your history file ")
    assert "(line 2, 3, 4); they are left in the file as they are" in history.notice
    assert b"\xff\xfe not json" in path.read_bytes()  # nothing lost


def test_past_its_bound_the_oldest_half_moves_beside_it_raw(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_bytes(b"not json\n" + b"".join(record(m).to_line().encode() + b"\n" for m in range(30)))
    append_record(tmp_path, record(100, "passed"), max_lines=20)
    kept, older = path.read_bytes().splitlines(), (tmp_path / "history.jsonl.1").read_bytes().splitlines()
    assert len(kept) == 10 and len(kept) + len(older) == 32
    assert older[0] == b"not json"  # even an unreadable line is moved, not dropped
    assert read_history(tmp_path).records[-1].at == T0 + timedelta(minutes=100)


def test_mistakes_are_the_diagnoses_of_what_did_not_pass_once_each() -> None:
    pairs = [("failed", "printed"), ("passed", "wrong_value"), ("failed", "printed"), ("timeout", "endless")]
    assert mistakes_of(pairs) == ("printed", "endless")
    assert mistakes_of([("not_started", "not_started"), ("error", "")]) == ()


def test_a_check_recorded_in_progress_lands_in_the_history(mini_course: Course) -> None:
    test = TestResult("t", "d", "failed", "m", "", "", 0.0, 1.0, 0.0, diagnosis="wrong_type")
    feedback = Feedback(
        SCHEMA_VERSION, "leap-year", "Leap years", "", "failed", 0.0, 10.0, (test,), None, 0.1
    )
    Progress(mini_course).record_check(feedback)
    (only,) = read_history(mini_course.root / STATE_DIR).records
    assert (only.exercise_id, only.status, only.mistakes) == ("leap-year", "failed", ("wrong_type",))
    assert only.at.tzinfo is not None
