"""Golden feedback for module 5: grading a known mistake must say precisely what went wrong.

Each case grades one known-wrong variant from the exercise's ``mistakes/``
folder against the real course and checks the key lines of the failing
test's message and hint, so a vague or misleading message fails a test.
Whole messages are not compared: the call text around them may gain detail
without changing what the learner is told.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from grader.pipeline.grading import grade
from tests.helpers import by_name

ROOT = Path(__file__).resolve().parents[3]
SUITES = ROOT / "grader" / "suites" / "05_backend_blocks"


@dataclass(frozen=True)
class Case:
    exercise: str
    mistake: str  # a path under SUITES
    test: str
    message: tuple[str, ...]
    hint: str


CASES = {
    "stops-at-the-first-error": Case(
        "validate-task",
        "01_validate_task/mistakes/stops_at_first_error.py",
        "test_every_error_is_reported",
        (
            "Called validate_task({'title': '   ', 'priority': 9, 'tags': 'home', 'colour': 'red'})",
            "got {'title': 'must not be empty'}",
            "expected errors for exactly title, priority, tags, colour",
        ),
        "Do not return at the first problem",
    ),
    "bare-key-error": Case(
        "task-repository",
        "02_task_repository/mistakes/raises_key_error.py",
        "test_unknown_ids_raise_task_not_found",
        (".get(7)", "it raised KeyError, expected TaskNotFound"),
        "a bare KeyError tells the caller nothing",
    ),
    "offset-cursor": Case(
        "list-tasks",
        "03_list_tasks/mistakes/cursor_is_a_count.py",
        "test_changes_between_pages_neither_repeat_nor_skip",
        ("limit=5, after=5)", "expected a page of ids [6, 7, 8, 9, 10] with next_after 10"),
        "not after a count of tasks",
    ),
    "fresh-at-exactly-the-ttl": Case(
        "cache-aside",
        "04_cache_aside/mistakes/expires_a_moment_late.py",
        "test_entries_expire_after_the_ttl",
        ("After get(1) at 0 s, 29.5 s and exactly 30 s, the store was read 1 time, expected 2 times",),
        "fresh while clock.now() < t + ttl",
    ),
    "old-team-page-stale": Case(
        "fix-stale-cache",
        "05_fix_stale_cache/mistakes/forgets_only_the_new_team.py",
        "test_a_move_updates_both_team_pages",
        (".team('api')", "move(2, 'web')", "got ['Ana', 'Bo'], expected ['Ana']"),
        "forget every team page the user was or now is on",
    ),
    "key-reused-for-another-order": Case(
        "idempotent-create",
        "06_idempotent_create/mistakes/ignores_the_request.py",
        "test_a_key_reused_for_another_request_is_refused",
        (
            ".create_order('ana', 'tea', 3, idempotency_key='k1')",
            "it returned {'id': 1, 'customer': 'ana', 'item': 'tea', 'quantity': 2}",
            "expected it to raise IdempotencyKeyReused",
        ),
        "raise IdempotencyKeyReused instead of returning an unrelated order",
    ),
    "waits-after-giving-up": Case(
        "retry-backoff",
        "07_retry_backoff/mistakes/waits_after_the_last_attempt.py",
        "test_giving_up_raises_the_last_error",
        ("called 3 times with waits [0.1, 0.2, 0.4] in between; expected 3 calls and waits [0.1, 0.2]",),
        "do not wait first",
    ),
    "lock-made-per-call": Case(
        "race-transfer",
        "08_race_transfer/mistakes/new_lock_every_call.py",
        "test_deposits_at_the_same_moment_all_count",
        ("After 40 deposits of 1 made at the same moment, the balances are {'a': ", "expected {'a': 40}"),
        "A lock made inside the method is a new lock for every call",
    ),
    "others-tasks-reachable": Case(
        "task-service",
        "09_task_service/mistakes/ignores_the_owner.py",
        "test_other_users_tasks_look_missing",
        (
            ".complete('bo', 1)",
            "it returned {'id': 1, 'owner': 'ana'",
            "expected it to raise TaskNotFound",
        ),
        "check task['owner'] == user",
    ),
    "refusals-never-tested": Case(
        "test-paginator",
        "10_test_paginator/mistakes/never_tests_refusals.py",
        "test_your_tests_catch_a_planted_bug[allows_a_page_past_the_end]",
        (
            "Your tests all pass on a version with a bug: it accepts a page past the last and returns no "
            "items instead of raising ValueError",
        ),
        "one past the last page",
    ),
    "message-reworded": Case(
        "create-task-layers",
        "11_create_task_layers/mistakes/rewords_a_message.py",
        "test_every_validation_message",
        (
            "Called handle_create('{}', []); got {'status': 422, 'body': {'error': 'owner is missing'}}, "
            "expected {'status': 422, 'body': {'error': 'owner is required'}}",
        ),
        "keeps every status and message word for word",
    ),
    "claim-without-a-condition": Case(
        "background-jobs",
        "12_background_jobs/mistakes/claims_without_a_condition.py",
        "test_two_workers_never_claim_the_same_job",
        (
            "Two workers called claim() at the same moment on one queued job; they got [",
            "expected {'id': 1, 'name': 'export', 'attempts': 1} for one of them and None for the other",
        ),
        "WHERE id = ? AND status = 'queued'",
    ),
    "stop-abandons-the-item": Case(
        "graceful-shutdown",
        "13_graceful_shutdown/mistakes/abandons_the_item_in_progress.py",
        "test_stop_lets_the_item_in_progress_finish",
        (
            "calling stop() while 'a' ran, the handler's events were [('started', 'a')], "
            "expected [('started', 'a'), ('finished', 'a')]",
        ),
        "wait for the thread",
    ),
}


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(ROOT)


@pytest.mark.parametrize("name", list(CASES))
def test_mistake_feedback_names_what_went_wrong(name: str, course: Course, tmp_path: Path) -> None:
    case = CASES[name]
    exercise = course.find(case.exercise)
    folder = tmp_path / "learner"
    shutil.copytree(course.solution_dir(exercise), folder)
    shutil.copyfile(SUITES / case.mistake, folder / exercise.files[0])
    feedback = grade(course, exercise, folder)
    assert feedback.status == "failed", feedback.error
    result = by_name(feedback)[case.test]
    assert result.status == "failed"
    for line in case.message:
        assert line in result.message
    assert any(case.hint in shown.hint for shown in feedback.tests)


def test_every_module5_exercise_has_a_golden_case(course: Course) -> None:
    module5 = {e.id for e in course.exercises if e.module == "backend-blocks"}
    assert module5 == {case.exercise for case in CASES.values()}
