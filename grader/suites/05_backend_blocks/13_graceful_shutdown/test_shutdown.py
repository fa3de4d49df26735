"""Hidden tests for graceful-shutdown: a worker thread that refuses new work and finishes what it started.

The handler is the exercise's own Recorder, which notes when each item
started and finished, so what happened and in which order is read back
exactly. Items in progress take long enough (1 s and more) that stop() is
always called while one runs; the limits on how long stop() may take are
generous (1 s where the README asks for at once), so a busy machine does not
fail a correct worker.
"""

import time

import pytest

from grader.testkit import call, show

# What stop() is given where the worker is idle: the README allows an idle worker 1 s to stop, and
# a worker that never notices stop() then fails after 1 s instead of its default 5 s.
IDLE = 1.0
# How long items that take no time may take to be handled, however busy the machine.
INSTANT = 2.0


def started_worker(learner, *items, seconds=0.0, fails=()):
    recorder = learner.Recorder(seconds, fails)
    worker = learner.Worker(recorder)
    worker.start()
    for item in items:
        worker.submit(item)
    return worker, recorder


def events_are(recorder, expected, after):
    got = recorder.events
    if got != expected:
        raise AssertionError(
            f"After {after}, the handler's events were {show(got)}, expected {show(expected)}"
        )


def timed(function, *args, **kwargs):
    """Call through call(...), and say how long it took."""
    began = time.monotonic()
    made = call(function, *args, **kwargs)
    return made, time.monotonic() - began


@pytest.mark.points(2)
def test_items_run_one_at_a_time_in_order(learner):
    """A started worker handles items 1 to 5 in order, one finished before the next starts."""
    worker, recorder = started_worker(learner, 1, 2, 3, 4, 5)
    if not recorder.wait_until("finished", 5, INSTANT):
        raise AssertionError(
            f"Submitted items 1 to 5; {INSTANT:g} s later the handler's events were {show(recorder.events)}, "
            "expected all five started and finished"
        )
    events_are(
        recorder, [(event, n) for n in range(1, 6) for event in ("started", "finished")], "items 1 to 5"
    )
    call(worker.stop, IDLE).returns([])


@pytest.mark.points(3)
def test_stop_lets_the_item_in_progress_finish(learner):
    """stop() called while item 'a' runs (1 s) returns only once 'a' has finished."""
    worker, recorder = started_worker(learner, "a", "b", "c", seconds=1.0)
    recorder.wait_until("started", "a")
    call(worker.stop, 5.0)
    events_are(
        recorder,
        [("started", "a"), ("finished", "a")],
        "submitting 'a', 'b', 'c' and calling stop() while 'a' ran",
    )


@pytest.mark.points(2)
def test_stop_returns_the_items_never_started(learner):
    """stop() while 'a' runs returns ['b', 'c'], the items not started, and they never run."""
    worker, recorder = started_worker(learner, "a", "b", "c", seconds=1.0)
    recorder.wait_until("started", "a")
    call(worker.stop, 5.0).returns(["b", "c"])
    time.sleep(0.3)
    started = [item for event, item in recorder.events if event == "started"]
    if started != ["a"]:
        raise AssertionError(
            f"After stop() returned ['b', 'c'] as never started, the handler started {show(started)}, "
            "expected ['a']"
        )


@pytest.mark.points(2)
def test_new_work_is_refused_after_stop(learner):
    """After stop(), submit('late') raises ShuttingDown saying 'shutting down', and 'late' never runs."""
    worker, recorder = started_worker(learner, "a")
    recorder.wait_until("finished", "a")
    worker.stop(IDLE)
    made = call(worker.submit, "late")
    if made.error is None:
        raise AssertionError(f"Called {made.text}; it returned {show(made.value)}, expected ShuttingDown")
    made.raises(RuntimeError, match="shutting down")
    raised = made.error.learner_info["type"]
    if raised != "ShuttingDown":
        raise AssertionError(f"Called {made.text}; it raised {raised}, expected ShuttingDown")
    events_are(recorder, [("started", "a"), ("finished", "a")], "stop() and a refused submit('late')")


@pytest.mark.points(2)
@pytest.mark.varies  # how long it took, or how much processor time, changes from run to run
def test_an_idle_worker_stops_at_once(learner):
    """An idle worker stops at once: stop(1.5) returns [] within 1 s; a second stop() returns []."""
    worker, _ = started_worker(learner)
    time.sleep(0.2)
    made, took = timed(worker.stop, 1.5)
    made.returns([])
    if took > 1.0:
        raise AssertionError(
            f"An idle worker took {took:.1f} s to stop, expected it to stop at once (within 1 s)"
        )
    call(worker.stop).returns([])


@pytest.mark.points(2)
@pytest.mark.varies  # how long it took, or how much processor time, changes from run to run
def test_stop_gives_up_after_its_timeout(learner):
    """stop(0.3) while an item needs 2 s more raises TimeoutError saying 'still running' after 0.3 s."""
    worker, recorder = started_worker(learner, "slow", seconds=2.0)
    recorder.wait_until("started", "slow")
    try:
        made, took = timed(worker.stop, 0.3)
        made.raises(TimeoutError, match="still running")
        if took > 1.5:
            raise AssertionError(f"Called stop(0.3) while an item needed 2 s more; it took {took:.1f} s")
    finally:
        recorder.wait_until("finished", "slow")


@pytest.mark.points(2)
@pytest.mark.varies  # how long it took, or how much processor time, changes from run to run
def test_an_idle_worker_does_not_spin(learner):
    """A started worker with nothing to do uses under 0.03 s of processor time in 1 s: it waits, not loops."""
    worker, _ = started_worker(learner)
    before = learner.cpu_seconds()
    time.sleep(1.0)
    used = learner.cpu_seconds() - before
    worker.stop(IDLE)
    if used >= 0.03:
        raise AssertionError(
            f"A started worker with nothing to do used {used:.3f} s of processor time in 1 s, "
            "expected under 0.03 s (a worker that waits uses about 0.003 s)"
        )


@pytest.mark.points(2)
def test_a_failing_item_does_not_stop_the_worker(learner):
    """An item whose handler raises is given up, and the worker goes on with the next item."""
    worker, recorder = started_worker(learner, "bad", "good", fails=("bad",))
    if not recorder.wait_until("finished", "good", INSTANT):
        raise AssertionError(
            f"Submitted 'bad' (its handler raises ValueError) and then 'good'; {INSTANT:g} s later "
            f"the handler's events were {show(recorder.events)}, expected 'good' started and finished"
        )
    call(worker.stop, IDLE).returns([])
