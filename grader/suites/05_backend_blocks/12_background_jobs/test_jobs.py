"""Hidden tests for background-jobs: SQLite jobs claimed once, retried with backoff, failed with a reason.

Time is the exercise's FakeClock, so a backoff of minutes passes at once.
The race between two workers is made to happen every run, not sometimes:
the exercise's own claim_together holds each worker just before its first
change to the database until the other worker gets there too, so a claim
that reads a queued job and then changes it without checking it is still
queued hands the same job to both workers every time.
"""

import pytest

from grader.testkit import call, show


def queue_on(learner, path=None, clock=None, **options):
    """A JobQueue on its own connection to the database at ``path`` (a new one when None)."""
    path = path or learner.new_database()
    clock = clock or learner.FakeClock()
    return learner.JobQueue(learner.connect(path), clock, **options), clock, path


def job(job_id, name, status, attempts, run_at, result=None, error=None):
    return {
        "id": job_id,
        "name": name,
        "status": status,
        "attempts": attempts,
        "run_at": run_at,
        "result": result,
        "error": error,
    }


def job_is(queue, job_id, after, **expected):
    """Check the named fields of queue.job(job_id), saying what was done before."""
    got = (
        call(queue.job, job_id)
        .satisfies(lambda got: isinstance(got, dict), "a dict of the job's columns")
        .value
    )
    wrong = {k: v for k, v in expected.items() if got.get(k, "(missing)") != v}
    if wrong:
        shown = {k: got.get(k, "(missing)") for k in wrong}
        raise AssertionError(
            f"After {after}, job({job_id}) has {show(shown)}, "
            f"expected {show({k: expected[k] for k in wrong})}"
        )


def refused_with_job_not_found(made):
    if made.error is None:
        raise AssertionError(
            f"Called {made.text}; it returned {show(made.value)}, expected it to raise JobNotFound"
        )
    made.raises(LookupError, match="no job")
    raised = made.error.learner_info["type"]
    if raised != "JobNotFound":
        raise AssertionError(f"Called {made.text}; it raised {raised}, expected JobNotFound")


def test_enqueue_stores_queued_jobs(learner):
    """enqueue('export') returns 1, then 2, ...; job(1) is queued, 0 attempts, due now."""
    queue, clock, _ = queue_on(learner)
    clock.advance(5.0)
    call(queue.enqueue, "export").returns(1)
    call(queue.enqueue, "report").returns(2)
    call(queue.job, 1).returns(job(1, "export", "queued", 0, 5.0))
    call(queue.job, 2).returns(job(2, "report", "queued", 0, 5.0))


@pytest.mark.points(2)
def test_claim_takes_the_oldest_queued_job(learner):
    """claim() returns the oldest queued job with attempts 1 and marks it running; None when none is left."""
    queue, _, _ = queue_on(learner)
    queue.enqueue("export")
    queue.enqueue("report")
    call(queue.claim).returns({"id": 1, "name": "export", "attempts": 1})
    job_is(queue, 1, "one claim()", status="running", attempts=1)
    call(queue.claim).returns({"id": 2, "name": "report", "attempts": 1})
    call(queue.claim).returns(None)


def test_complete_keeps_the_result(learner):
    """complete(1, 'exports/1.csv') marks the job done with its result; a done job is never claimed again."""
    queue, _, _ = queue_on(learner)
    queue.enqueue("export")
    queue.claim()
    call(queue.complete, 1, "exports/1.csv").returns(None)
    call(queue.job, 1).returns(job(1, "export", "done", 1, 0.0, result="exports/1.csv"))
    call(queue.claim).returns(None)


@pytest.mark.points(2)
def test_jobs_are_stored_for_other_connections(learner):
    """A second connection to the same file (another worker, or a restarted server) sees every change."""
    first, clock, path = queue_on(learner)
    second, _, _ = queue_on(learner, path, clock)
    first.enqueue("export")
    job_is(second, 1, "enqueue('export') on another connection", status="queued")
    call(second.claim).returns({"id": 1, "name": "export", "attempts": 1})
    job_is(first, 1, "claim() on another connection", status="running")
    second.complete(1, "done.csv")
    job_is(first, 1, "complete(1, 'done.csv') on another connection", status="done", result="done.csv")


@pytest.mark.points(2)
def test_a_failed_job_waits_before_it_runs_again(learner):
    """fail(1, 'disk full') on attempt 1 queues the job again, due at now + base_delay, the reason kept."""
    queue, clock, _ = queue_on(learner, max_attempts=3, base_delay=1.5, max_delay=60.0)
    queue.enqueue("export")
    queue.claim()
    clock.advance(10.0)
    call(queue.fail, 1, "disk full").returns(None)
    call(queue.job, 1).returns(job(1, "export", "queued", 1, 11.5, error="disk full"))
    clock.advance(1.0)
    call(queue.claim).returns(None)
    clock.advance(0.5)
    call(queue.claim).returns({"id": 1, "name": "export", "attempts": 2})


@pytest.mark.points(3)
def test_waits_double_and_are_capped(learner):
    """base_delay 2, max_delay 5, 6 attempts: after failures 1 to 5 the job waits 2, 4, 5, 5, 5."""
    queue, clock, _ = queue_on(learner, max_attempts=6, base_delay=2.0, max_delay=5.0)
    queue.enqueue("export")
    waits = []
    for attempt in range(1, 6):
        claimed = queue.claim()
        if not isinstance(claimed, dict) or claimed.get("attempts") != attempt:
            raise AssertionError(
                f"After {attempt - 1} failures and waiting each time until run_at, claim() returned "
                f"{show(claimed)}, expected job 1 with attempts {attempt}"
            )
        queue.fail(1, f"failure {attempt}")
        waits.append(queue.job(1)["run_at"] - clock.now())
        clock.advance(100.0)
    if waits != [2.0, 4.0, 5.0, 5.0, 5.0]:
        raise AssertionError(
            f"After failures 1 to 5, job 1 was due again {show(waits)} seconds later, "
            "expected [2.0, 4.0, 5.0, 5.0, 5.0]"
        )


@pytest.mark.points(2)
def test_the_last_attempt_marks_the_job_failed(learner):
    """With max_attempts=2 the second failure marks the job failed, and it is never claimed again."""
    queue, clock, _ = queue_on(learner, max_attempts=2, base_delay=1.0)
    queue.enqueue("export")
    queue.claim()
    queue.fail(1, "timeout 1")
    clock.advance(1.0)
    queue.claim()
    queue.fail(1, "timeout 2")
    job_is(queue, 1, "two attempts that both failed, with max_attempts=2", status="failed", attempts=2)
    clock.advance(1000.0)
    call(queue.claim).returns(None)


@pytest.mark.points(2)
def test_a_failed_job_keeps_its_reason(learner):
    """A job failed for good keeps the reason its last attempt gave: job(1)['error'] is 'timeout 2'."""
    queue, clock, _ = queue_on(learner, max_attempts=2, base_delay=1.0)
    queue.enqueue("export")
    queue.claim()
    queue.fail(1, "timeout 1")
    clock.advance(1.0)
    queue.claim()
    queue.fail(1, "timeout 2")
    job_is(queue, 1, "two attempts that failed with 'timeout 1', then 'timeout 2'", error="timeout 2")


@pytest.mark.points(3)
@pytest.mark.varies  # which worker wins the race changes from run to run
def test_two_workers_never_claim_the_same_job(learner):
    """Two workers claiming at the same moment: one gets job 1, the other None; with two jobs, one each."""
    first, clock, path = queue_on(learner)
    second, _, _ = queue_on(learner, path, clock)
    first.enqueue("export")
    results = learner.claim_together(first, second)
    one = {"id": 1, "name": "export", "attempts": 1}
    if sorted(results, key=repr) != sorted([one, None], key=repr):
        raise AssertionError(
            f"Two workers called claim() at the same moment on one queued job; they got {show(results)}, "
            f"expected {show(one)} for one of them and None for the other"
        )
    first.enqueue("report")
    first.enqueue("import")
    results = learner.claim_together(first, second)
    ids = sorted(r["id"] if isinstance(r, dict) else r for r in results) if None not in results else None
    if ids != [2, 3]:
        raise AssertionError(
            f"Two workers called claim() at the same moment on queued jobs 2 and 3; "
            f"they got {show(results)}, "
            "expected job 2 for one of them and job 3 for the other"
        )
    job_is(first, 2, "both claims", status="running", attempts=1)
    job_is(first, 3, "both claims", status="running", attempts=1)


def test_only_running_jobs_complete_or_fail(learner):
    """complete or fail on a job that is queued or done raises ValueError saying 'not running'."""
    queue, _, _ = queue_on(learner)
    queue.enqueue("export")
    call(queue.complete, 1, "x").raises(ValueError, match="not running")
    call(queue.fail, 1, "x").raises(ValueError, match="not running")
    queue.claim()
    queue.complete(1, "x")
    call(queue.fail, 1, "late").raises(ValueError, match="not running")
    call(queue.complete, 1, "again").raises(ValueError, match="not running")
    job_is(queue, 1, "refused complete and fail calls", status="done", result="x", error=None)


def test_unknown_jobs_raise_job_not_found(learner):
    """job(99), complete(99, ...) and fail(99, ...) raise JobNotFound saying 'no job'."""
    queue, _, _ = queue_on(learner)
    refused_with_job_not_found(call(queue.job, 99))
    refused_with_job_not_found(call(queue.complete, 99, "x"))
    refused_with_job_not_found(call(queue.fail, 99, "x"))


def test_max_attempts_is_checked(learner):
    """max_attempts of 0, -1, 2.5 or True raises ValueError."""
    for bad in (0, -1, 2.5, True):
        connection = learner.connect(learner.new_database())
        call(learner.JobQueue, connection, learner.FakeClock(), max_attempts=bad).raises(ValueError)
