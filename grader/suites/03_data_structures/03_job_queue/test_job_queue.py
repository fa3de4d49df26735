"""Hidden tests for the job-queue exercise."""

import pytest

from grader.testkit import call

LOG = ["boot", "ok", "warn", "ok", "fail"]
SIGNUP = {"signup": ["welcome-email", "create-profile"], "create-profile": ["resize-avatar"]}


@pytest.mark.points(2)
def test_tail_keeps_the_newest_lines_in_order(learner):
    """tail(log, 2) is the last two lines, oldest first."""
    call(learner.tail, LOG, 2).returns(["ok", "fail"]).left_arguments_unchanged()
    call(learner.tail, LOG, 1).returns(["fail"])


@pytest.mark.points(2)
def test_tail_of_zero_lines(learner):
    """tail(log, 0) is an empty list."""
    call(learner.tail, LOG, 0).returns([])


def test_tail_longer_than_the_log(learner):
    """Asking for more lines than there are gives all of them; an empty log gives []."""
    call(learner.tail, ["boot"], 5).returns(["boot"])
    call(learner.tail, [], 3).returns([])


def test_tail_refuses_a_bad_count(learner):
    """A negative n raises ValueError; an n that is not an int (text, a float, True) raises TypeError."""
    call(learner.tail, LOG, -1).raises(ValueError)
    call(learner.tail, LOG, "2").raises(TypeError)
    call(learner.tail, LOG, 2.0).raises(TypeError)
    call(learner.tail, LOG, True).raises(TypeError)


def test_tail_of_a_long_log(learner):
    """The last 3 of 100 000 lines."""
    lines = [f"line {n}" for n in range(100_000)]
    call(learner.tail, lines, 3).returns(["line 99997", "line 99998", "line 99999"])


@pytest.mark.points(2)
def test_jobs_run_first_in_first_out(learner):
    """Follow-ups wait behind the jobs that were already waiting."""
    call(learner.run_order, ["signup"], SIGNUP).returns(
        ["signup", "welcome-email", "create-profile", "resize-avatar"]
    )
    followups = {"a": ["c"], "b": ["d"]}
    call(learner.run_order, ["a", "b"], followups).returns(["a", "b", "c", "d"]).left_arguments_unchanged()


def test_jobs_without_followups(learner):
    """Jobs that are not in the follow-ups dict simply run; no jobs at all gives []."""
    call(learner.run_order, ["x", "y"], {}).returns(["x", "y"])
    call(learner.run_order, [], SIGNUP).returns([])


@pytest.mark.points(2)
def test_no_job_runs_twice(learner):
    """A job that has run or is already waiting is not queued again, even in a loop."""
    call(learner.run_order, ["a"], {"a": ["b"], "b": ["a"]}).returns(["a", "b"])
    call(learner.run_order, ["a", "b"], {"a": ["b", "c"], "c": ["a", "b"]}).returns(["a", "b", "c"])
    call(learner.run_order, ["a", "a"], {}).returns(["a"])


def test_a_followup_listed_twice_runs_once(learner):
    """A follow-up named twice in one list is queued once, also when the follow-ups form a cycle."""
    call(learner.run_order, ["a"], {"a": ["b", "b"]}).returns(["a", "b"])
    call(learner.run_order, ["a"], {"a": ["b", "c", "b"], "b": ["c", "a"], "c": ["c"]}).returns(
        ["a", "b", "c"]
    )


def test_a_long_chain_of_jobs(learner):
    """A chain of 20 000 jobs, each followed by the next, runs in order."""
    names = [f"job{n}" for n in range(20_000)]
    followups = {name: [after] for name, after in zip(names, names[1:], strict=False)}
    call(learner.run_order, [names[0]], followups).returns(names)
