"""A call stopped at its time limit: slow or endless, decided by running it again on less."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.boundary.process import LearnerTimeout
from grader.boundary.remote import LearnerModule, LearnerSession
from grader.boundary.stopped_calls import largest_input, slow_summary, smaller_inputs, unchanged_loop
from grader.testkit import call

STUCK = """\
import time


def spin(items):
    while True:
        pass


def halves(numbers, target):
    low, high = 0, len(numbers)
    while low < high:
        middle = (low + high) // 2
        if numbers[middle] < target:
            low = middle
        else:
            high = middle
    return low


def quadratic(items):
    # Sleeps like n² work: 3 items take 0.03 s, 6 items 0.12 s, 48 items 7.7 s. (Not n³: that is
    # the steepest growth believed, and a few ms of a busy machine's delay made it look steeper.)
    time.sleep(len(items) ** 2 / 300)
    return len(items)


def only_big(items):
    if len(items) > 10:
        while True:
            pass
    return len(items)
"""


@pytest.fixture
def stuck(tmp_path: Path) -> Iterator[LearnerModule]:
    folder = tmp_path / "learner"
    folder.mkdir()
    (folder / "stuck.py").write_text(STUCK, encoding="utf-8")
    session = LearnerSession(folder, ["stuck"], call_timeout=1.0)
    yield LearnerModule(session, "stuck")
    session.close()


def stopped(function: object, *args: object) -> dict:
    """Call a learner function that is stopped at its limit; what the grader says about it."""
    with pytest.raises(LearnerTimeout) as caught:
        call(function, *args)
    return caught.value.detail


def test_the_largest_argument_with_items_is_made_smaller() -> None:
    assert largest_input(([1, 2], "abcdef", 7), {}) == (1, 6, True)
    assert largest_input((40,), {"b": 2}) == (0, 40, False)
    assert largest_input((None,), {}) is None
    smaller = smaller_inputs((list(range(40_000)), 5), {})
    assert [(s.size, len(s.args[0]), s.args[1]) for s in smaller] == [
        (3, 3, 5),
        (625, 625, 5),
        (5_000, 5_000, 5),
    ]
    assert [s.kwargs["items"] for s in smaller_inputs((), {"items": "abcdefgh"})] == ["abc"]


def test_the_slow_summary_names_square_work_only_when_the_times_show_it() -> None:
    assert slow_summary(5_000, 0.05, 40_000, 2.5) == (
        "slow",
        "finished for 5,000 items in 0.05 s but not for 40,000 within 2.5 s: "
        "it does not scale (about n² work or more)",
    )
    assert slow_summary(5_000, 0.15, 40_000, 2.5) == (
        "slow",
        "finished for 5,000 items in 0.15 s but not for 40,000 within 2.5 s: it does not scale",
    )


def test_two_smaller_runs_that_finished_measure_the_growth() -> None:
    # 625 items in 0.004 s, 5,000 in 0.25 s: 62 times the time for 8 times the items is n².
    assert slow_summary(5_000, 0.25, 40_000, 2.5, (625, 0.004)) == (
        "slow",
        "finished for 5,000 items in 0.25 s but not for 40,000 within 2.5 s (625 items took 0.004 s: "
        "62 times the time for 8 times the items): it does not scale (about n² work or more)",
    )
    # In step with the items when measured: slow per item, not in how it scales.
    verdict, words = slow_summary(5_000, 0.5, 40_000, 2.5, (625, 0.06))
    assert verdict == ""
    assert words.endswith("(625 items took 0.060 s: 8 times the time for 8 times the items)")


def test_time_that_may_grow_in_step_with_the_items_is_not_called_slow() -> None:
    # 8 times the items, and the larger run known only to take more than 5 times the time:
    # work in step with the items (each one slow) fits that as well as n² does.
    assert slow_summary(5_000, 0.5, 40_000, 2.5) == (
        "",
        "finished for 5,000 items in 0.50 s but not for 40,000 within 2.5 s",
    )


def test_no_time_for_fewer_items_and_forever_for_more_is_not_called_slow() -> None:
    verdict, words = slow_summary(5, 0.0, 40, 1.0)
    assert verdict == ""
    assert words == "finished for 5 items in 0.00 s but not for 40 within 1 s"


def test_an_unchanged_loop_condition_is_the_reason_only_when_every_name_was_read() -> None:
    loop = {"code": "while lo < hi:", "unchanged": {"hi": "3", "lo": "2"}, "seconds": 1.2}
    reason = unchanged_loop({"loop": loop})
    assert reason == (
        "the loop `while lo < hi:` goes round with hi = 3, lo = 2, and `hi` and `lo` did not change "
        "while it did: it never ends"
    )
    assert unchanged_loop({"loop": {"code": "while True:"}}) is None
    assert unchanged_loop(None) is None


def test_code_that_never_ends_even_for_three_items_is_endless(stuck: LearnerModule) -> None:
    detail = stopped(stuck.spin, list(range(100)))
    assert detail["verdict"] == "endless"
    assert "it did not finish even for 3 items (spin([0, 1, 2]))" in detail["summary"]


def test_a_while_whose_condition_never_changes_is_endless_and_says_where(stuck: LearnerModule) -> None:
    detail = stopped(stuck.halves, [1, 3, 5, 7, 9], 7)
    assert detail["verdict"] == "endless"
    assert detail["where"]["file"] == "stuck.py"
    assert detail["where"]["loop"]["code"] == "while low < high:"
    assert "`high` and `low` did not change" in detail["summary"]


def test_code_that_finishes_on_fewer_items_is_slow_not_endless(stuck: LearnerModule) -> None:
    detail = stopped(stuck.quadratic, list(range(48)))
    assert detail["verdict"] == "slow"
    assert "finished for 6 items in" in detail["summary"]
    assert "but not for 48 within 1 s" in detail["summary"]
    assert detail["summary"].endswith(": it does not scale (about n² work or more)")
    assert "never" not in detail["summary"]


def test_a_function_found_endless_is_not_waited_on_for_the_same_call(stuck: LearnerModule) -> None:
    stopped(stuck.spin, list(range(20)))
    again = stopped(stuck.spin, list(range(20)))
    assert again["verdict"] == "endless"
    assert again["waited"] is False
    assert again["summary"].startswith("Called spin([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,")
    assert "was not run again: it did not finish earlier in this check" in again["summary"]


def test_other_input_to_an_endless_function_still_runs_and_can_pass(stuck: LearnerModule) -> None:
    first = stopped(stuck.only_big, list(range(40)))
    assert first["verdict"] == ""  # 5 items take no time, 40 never end: neither slow nor proven endless
    call(stuck.only_big, [1, 2]).returns(2)
