"""One size limit for an exercise's files, checked when the batch plans, wherever it then grades."""

from __future__ import annotations

from pathlib import Path

from grader.batch.cluster import learner_payload
from grader.batch.discover import discover
from grader.batch.gradebook import Gradebook
from grader.batch.plan import make_plan
from grader.batch.submission_size import MAX_EXERCISE_BYTES, size_problem
from grader.course.manifest import Course
from tests.grader.batch.helpers import CORRECT_DOUBLED, write_learner


def test_within_the_limit_is_no_problem_over_it_says_by_how_much() -> None:
    assert size_problem([MAX_EXERCISE_BYTES]) is None
    problem = size_problem([MAX_EXERCISE_BYTES, 3 * 1024])
    assert problem is not None and "2051 KiB in all, and at most 2048 KiB are graded" in problem


def test_the_plan_records_files_over_the_limit_as_that_learners_error(
    mini_course: Course, tmp_path: Path
) -> None:
    subs = tmp_path / "subs"
    data = "y" * (MAX_EXERCISE_BYTES // 2 + 1)
    write_learner(subs, "huge", {"doubled.py": CORRECT_DOUBLED, "a.txt": data, "b.txt": data})
    write_learner(subs, "fine", {"doubled.py": CORRECT_DOUBLED, "a.txt": data})
    gradebook = Gradebook(tmp_path)
    work = tmp_path / "work"
    plan = make_plan(mini_course, discover(subs), [mini_course.find("doubled")], gradebook, work)
    assert [job.learner for job in plan.jobs] == ["fine"] and plan.recorded_problems == 1
    recorded = gradebook.latest()[("huge", "doubled")]
    assert recorded["status"] == "not_graded" and recorded["error"] == size_problem(
        [len(CORRECT_DOUBLED), *[len(data)] * 2]
    )
    # The cluster's payload check is the same function: what the plan let through, it sends.
    payload, sent, refused = learner_payload(list(plan.jobs))
    assert sent == list(plan.jobs) and not refused
    gradebook.close()
