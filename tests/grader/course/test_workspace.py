"""The learner's workspace: finding the course, and keeping progress safely on disk."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from grader.course.atomic_files import write_atomically
from grader.course.manifest import Course, CourseError
from grader.course.next_exercise import next_exercise
from grader.course.workspace import (
    STATE_DIR,
    ExerciseProgress,
    Progress,
    ProgressError,
    find_course_root,
    open_course,
)
from grader.feedback.model import SCHEMA_VERSION, Feedback, TestResult


def feedback_for(exercise_id: str, status: str, score: float, max_score: float = 10.0) -> Feedback:
    return Feedback(
        schema_version=SCHEMA_VERSION,
        exercise_id=exercise_id,
        title=exercise_id,
        learner="",
        status=status,
        score=score,
        max_score=max_score,
        tests=(),
        error=None,
        duration=0.1,
    )


def progress_file(course: Course) -> Path:
    return course.root / STATE_DIR / "progress.json"


def test_no_progress_yet(mini_course: Course) -> None:
    progress = Progress(mini_course)
    assert progress.entries == {}
    entry = progress.of(mini_course.find("leap-year"))
    assert entry == ExerciseProgress()
    assert entry.state == "not started"
    assert not progress_file(mini_course).exists()


def test_record_check_writes_progress(mini_course: Course) -> None:
    progress = Progress(mini_course)
    after = progress.record_check(feedback_for("leap-year", "failed", 4.0))
    assert (after.status, after.score, after.best_score, after.attempts) == ("failed", 4.0, 4.0, 1)
    assert after.state == "in progress"
    data = json.loads(progress_file(mini_course).read_text(encoding="utf-8"))
    assert data["schema"] == 1
    assert data["exercises"]["leap-year"]["status"] == "failed"
    assert data["exercises"]["leap-year"]["attempts"] == 1
    assert data["exercises"]["leap-year"]["last_checked"].endswith("+00:00")
    assert (mini_course.root / STATE_DIR / ".gitignore").read_text(encoding="utf-8") == "*\n"
    # A fresh reader sees the same thing.
    assert Progress(mini_course).of(mini_course.find("leap-year")) == after


def test_passed_stays_passed_and_best_score_is_kept(mini_course: Course) -> None:
    progress = Progress(mini_course)
    progress.record_check(feedback_for("leap-year", "passed", 10.0))
    after = progress.record_check(feedback_for("leap-year", "failed", 2.0))
    assert after.status == "passed"
    assert after.score == 2.0
    assert after.best_score == 10.0
    assert after.attempts == 2
    assert after.state == "done"


def test_hints_shown_are_counted_up_to_the_number_of_hints(mini_course: Course) -> None:
    progress = Progress(mini_course)
    leap = mini_course.find("leap-year")
    assert [progress.record_hint(leap) for _ in range(4)] == [1, 2, 2, 2]
    assert Progress(mini_course).of(leap).hints_shown == 2
    assert Progress(mini_course).of(leap).state == "not started"  # reading hints writes no code


def test_checks_of_the_untouched_starter_leave_the_exercise_not_started(mini_course: Course) -> None:
    progress = Progress(mini_course)
    for _ in range(3):
        after = progress.record_check(feedback_for("leap-year", "not_started", 0.0))
    assert (after.attempts, after.state) == (3, "not started")
    progress.record_check(feedback_for("leap-year", "failed", 2.0))
    assert Progress(mini_course).of(mini_course.find("leap-year")).state == "in progress"


def test_progress_is_written_through_a_temporary_file_and_os_replace(
    mini_course: Course, monkeypatch: pytest.MonkeyPatch
) -> None:
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(source: str, target: str) -> None:
        # At the moment of the swap the new content is complete in the temporary file.
        assert json.loads(Path(source).read_text(encoding="utf-8"))["exercises"]["leap-year"]
        replaced.append((str(source), str(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    Progress(mini_course).record_check(feedback_for("leap-year", "failed", 1.0))
    assert len(replaced) == 1
    source, target = replaced[0]
    assert Path(target) == progress_file(mini_course)
    assert Path(source).parent == progress_file(mini_course).parent
    assert not Path(source).exists()


def test_a_failed_write_leaves_the_old_progress_and_no_temporary_file(
    mini_course: Course, monkeypatch: pytest.MonkeyPatch
) -> None:
    progress = Progress(mini_course)
    progress.record_check(feedback_for("leap-year", "failed", 3.0))
    before = progress_file(mini_course).read_bytes()

    def crash(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        progress.record_check(feedback_for("leap-year", "passed", 10.0))
    assert progress_file(mini_course).read_bytes() == before
    assert sorted(p.name for p in progress_file(mini_course).parent.iterdir()) == [
        ".gitignore",
        "history.jsonl",  # the first check's line; the failed one wrote nothing
        "progress.json",
    ]


def test_write_atomically_creates_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "file.json"
    write_atomically(target, "{}")
    assert target.read_text(encoding="utf-8") == "{}"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.json"]  # no temporary file is left


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"{ this is not json", "it is not valid JSON"),
        (b"\xff\xfe\x00garbage", "it is not UTF-8 text"),
        (b"[1, 2, 3]", "it does not have the shape the grader writes"),
        (b'{"exercises": [1, 2]}', "it does not have the shape the grader writes"),
        (b'{"exercises": {"leap-year": "passed"}}', "an exercise's entry is not a JSON object"),
        (b'{"exercises": {"leap-year": {"status": "passed", "score": []}}}', "'score' holds list, not float"),
        (b'{"exercises": {"leap-year": {"attempts": "3"}}}', "'attempts' holds str, not int"),
        (
            b'{"schema": 2, "exercises": {}}',
            "a newer grader wrote it (schema 2; this grader reads 1): "
            "update the grader with `pip install -e .` in the course folder",
        ),
        (b"", "it is not valid JSON"),
    ],
    ids=[
        "not-json",
        "binary",
        "a-list",
        "exercises-a-list",
        "entry-a-string",
        "wrong-type",
        "wrong-type-int",
        "future-schema",
        "empty",
    ],
)
def test_unusable_progress_is_kept_aside_explained_and_replaced(
    mini_course: Course, content: bytes, why: str
) -> None:
    path = progress_file(mini_course)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    progress = Progress(mini_course)
    assert progress.entries == {}
    (kept,) = path.parent.glob("progress.json.broken-*")
    assert kept.read_bytes() == content
    assert not path.exists()
    (notice,) = progress.notices
    assert notice == (
        f"Your progress file {path} could not be used: {why}. It was kept as {kept}; the grader "
        "starts a fresh one. To recover, fix that copy and move it back to progress.json (or ask for help)."
    )
    after = progress.record_check(feedback_for("leap-year", "failed", 5.0))
    assert after.attempts == 1
    assert json.loads(path.read_text(encoding="utf-8"))["exercises"]["leap-year"]["score"] == 5.0
    assert Progress(mini_course).notices == []  # said once: the next run finds a good file


def test_unknown_keys_in_progress_are_ignored(mini_course: Course) -> None:
    path = progress_file(mini_course)
    path.parent.mkdir(parents=True)
    path.write_text('{"schema": 1, "exercises": {"leap-year": {"attempts": 2, "later": 1}}}', "utf-8")
    progress = Progress(mini_course)
    assert progress.of(mini_course.find("leap-year")).attempts == 2
    assert progress.notices == []


def test_unreadable_progress_is_kept_aside(mini_course: Course, monkeypatch: pytest.MonkeyPatch) -> None:
    path = progress_file(mini_course)
    path.parent.mkdir(parents=True)
    path.write_text('{"exercises": {}}', encoding="utf-8")
    real_read = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", denied)  # root can read anything, so simulate it
    progress = Progress(mini_course)
    (kept,) = path.parent.glob("progress.json.broken-*")
    assert "could not be used: it cannot be read (Permission denied)" in progress.notices[0]
    assert str(kept) in progress.notices[0]


def test_a_progress_path_that_is_a_folder_is_a_clear_error(mini_course: Course) -> None:
    progress_file(mini_course).mkdir(parents=True)
    with pytest.raises(ProgressError, match="is a folder, but the grader keeps your progress in a file"):
        Progress(mini_course)


def test_corrupt_progress_file_does_not_break_the_overview(mini_course: Course) -> None:
    path = progress_file(mini_course)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert next_exercise(mini_course, Progress(mini_course)) == mini_course.find("leap-year")


def test_next_exercise_follows_course_order(mini_course: Course) -> None:
    progress = Progress(mini_course)
    assert next_exercise(mini_course, progress).id == "leap-year"
    progress.record_check(feedback_for("doubled", "passed", 4.0, 4.0))
    assert next_exercise(mini_course, progress).id == "leap-year"  # earlier unsolved one first
    progress.record_check(feedback_for("leap-year", "failed", 4.0))
    assert next_exercise(mini_course, progress).id == "leap-year"
    progress.record_check(feedback_for("leap-year", "passed", 10.0))
    assert next_exercise(mini_course, progress).id == "stack"
    progress.record_check(feedback_for("stack", "passed", 6.0, 6.0))
    assert next_exercise(mini_course, progress) is None
    assert next_exercise(mini_course, Progress(mini_course)) is None  # and it was saved


def test_next_exercise_after_a_pass_goes_on_from_there(mini_course: Course) -> None:
    progress = Progress(mini_course)
    doubled = mini_course.find("doubled")
    progress.record_check(feedback_for("doubled", "passed", 4.0, 4.0))
    # leap-year, earlier in the course, is not done: still the next one after doubled is stack
    assert next_exercise(mini_course, progress, after=doubled).id == "stack"


def test_next_exercise_after_the_last_wraps_to_the_first_not_done(mini_course: Course) -> None:
    progress = Progress(mini_course)
    progress.record_check(feedback_for("doubled", "passed", 4.0, 4.0))
    progress.record_check(feedback_for("stack", "passed", 6.0, 6.0))
    assert next_exercise(mini_course, progress, after=mini_course.find("stack")).id == "leap-year"


def test_next_exercise_skips_done_ones_after_the_current(mini_course: Course) -> None:
    progress = Progress(mini_course)
    progress.record_check(feedback_for("doubled", "passed", 4.0, 4.0))
    leap = mini_course.find("leap-year")
    assert next_exercise(mini_course, progress, after=leap).id == "stack"
    progress.record_check(feedback_for("stack", "passed", 6.0, 6.0))
    assert next_exercise(mini_course, progress, after=leap).id == "leap-year"  # only itself is left
    progress.record_check(feedback_for("leap-year", "passed", 10.0))
    assert next_exercise(mini_course, progress, after=leap) is None


def test_find_course_root_from_a_subfolder(course_dir: Path) -> None:
    deep = course_dir / "exercises" / "02_objects" / "01_stack"
    assert find_course_root(deep) == course_dir.resolve()
    assert find_course_root(course_dir) == course_dir.resolve()


def test_find_course_root_outside_a_course(tmp_path: Path) -> None:
    lonely = tmp_path / "nothing" / "here"
    lonely.mkdir(parents=True)
    with pytest.raises(CourseError, match=r"No course found in .* \(looked for exercises/course.toml"):
        find_course_root(lonely)


def test_open_course_from_the_current_folder(course_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(course_dir / "exercises" / "01_basics")
    course = open_course(None)
    assert course.root == course_dir.resolve()
    assert course.title == "Mini course"


def test_open_course_with_a_folder_that_is_not_a_course(tmp_path: Path) -> None:
    with pytest.raises(CourseError, match="is not a course folder: it has no exercises/course.toml"):
        open_course(str(tmp_path))


def milestone_feedback(statuses: dict[int, str], status: str, score: float) -> Feedback:
    tests = tuple(
        TestResult(f"test_m{m}", f"m{m}", s, "", "", "", 1.0 if s == "passed" else 0.0, 1.0, 0.0, m)
        for m, s in statuses.items()
    )
    return replace(feedback_for("stack", status, score, 100.0), tests=tests)


def test_a_passed_milestone_is_not_the_whole_exercise(mini_course: Course) -> None:
    progress = Progress(mini_course)
    after = progress.record_check(milestone_feedback({3: "passed"}, "passed", 100.0), milestone=3)
    assert (after.status, after.state, after.milestone) == ("not_started", "in progress", 3)
    assert (after.score, after.best_score, after.attempts) == (0.0, 0.0, 1)
    assert Progress(mini_course).of(mini_course.find("stack")).milestone == 3  # saved


def test_a_full_check_records_the_milestone_reached_and_keeps_the_best(mini_course: Course) -> None:
    progress = Progress(mini_course)
    partial = milestone_feedback({3: "passed", 4: "passed", 5: "failed", 6: "passed"}, "failed", 60.0)
    assert progress.record_check(partial).milestone == 4
    assert progress.record_check(milestone_feedback({3: "failed"}, "failed", 0.0)).milestone == 4
    assert progress.record_check(partial, milestone=3).milestone == 4


def test_reset_brings_progress_back_in_line(mini_course: Course) -> None:
    progress = Progress(mini_course)
    leap = mini_course.find("leap-year")
    progress.record_hint(leap)
    progress.record_check(feedback_for("leap-year", "passed", 10.0))
    after = progress.record_reset(leap)
    assert (after.status, after.state, after.best_score, after.score) == ("not_started", "not started", 0, 0)
    assert (after.attempts, after.hints_shown) == (1, 1)
    assert next_exercise(mini_course, Progress(mini_course)) == leap
