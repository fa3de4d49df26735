"""One grouping for every renderer: failures that share a reason are said once, with the count."""

from __future__ import annotations

from dataclasses import asdict, replace

from grader.feedback.diagnosis import EXPLANATIONS
from grader.feedback.model import TestResult
from grader.render import learner_report
from grader.render.blocks import as_result, blocks

PASSED = TestResult("test_ok", "It works.", "passed", "", "", "", 1.0, 1.0, 0.0)
TIMEOUT = TestResult(
    "test_slow",
    "fizzbuzz(15) is right.",
    "timeout",
    "Called fizzbuzz(15); it took longer than 1 s.",
    "A loop that never ends is the usual cause.",
    "",
    0.0,
    1.0,
    0.0,
    diagnosis="timeout",
    call="fizzbuzz(15)",
)


def timeouts(count: int) -> list[TestResult]:
    return [
        replace(TIMEOUT, name=f"test_{n}", description=f"Case {n}.", call=f"fizzbuzz({n})")
        for n in range(count)
    ]


def test_tests_with_one_diagnosis_are_one_block_with_their_calls() -> None:
    shown = blocks([PASSED, *timeouts(7)])
    assert [len(block.tests) for block in shown] == [1, 7]
    group = shown[1]
    assert group.title() == "7 tests: your code was stopped before it finished."
    assert group.items()[:2] == ["fizzbuzz(0): Case 0.", "fizzbuzz(1): Case 1."]
    assert group.details() == ["Called fizzbuzz(15); it took longer than 1 s."] and group.where == ()


def test_a_group_of_timeouts_shows_where_the_first_was_stopped_as_its_hint_promises() -> None:
    stopped = ("f.py, line 4, in fizzbuzz (stopped here): n = n + 0", "f.py, line 3 (the loop): while n > 0:")
    shown = blocks([replace(t, where=stopped) for t in timeouts(3)])
    assert len(shown) == 1 and shown[0].where == stopped
    assert "the line where it was stopped" in EXPLANATIONS["timeout"]  # the promise the block keeps


def test_a_reason_that_says_it_all_shows_no_message() -> None:
    printed = [replace(t, diagnosis="printed", message=f"Printed {t.call}.") for t in timeouts(3)]
    group = blocks(printed)[0]
    assert group.title() == "3 tests: you printed the result instead of returning it."
    assert group.details() == [] and group.where == ()


def test_the_very_same_message_is_one_block_and_a_lone_failure_stays_alone() -> None:
    same = replace(TIMEOUT, status="failed", diagnosis="wrong_value", message="got 1, expected 2.")
    other = replace(same, name="test_other", description="Other.", message="got 3, expected 4.")
    shown = blocks([same, replace(same, name="test_b", description="B."), other])
    assert [block.title() for block in shown] == ["2 tests failed the same way:", "Other."]
    assert shown[0].details() == ["got 1, expected 2."] and shown[0].items() == [
        "fizzbuzz(15) is right.",
        "B.",
    ]


def test_recursions_in_different_places_are_different_blocks() -> None:
    endless = replace(
        TIMEOUT, status="failed", diagnosis="endless_recursion", message="Called f(1).\nNo base case."
    )
    here = replace(endless, where=("f.py, line 2, in f: return f(n - 1) [repeated 995 times]",))
    there = replace(endless, where=("f.py, line 9, in g: return g(n - 1) [repeated 995 times]",))
    # the same loop of frames, entered another way and cut at another count, is the same recursion
    entered_elsewhere = replace(
        here,
        name="test_b",
        where=("f.py, line 7, in start: f(3)", "f.py, line 2, in f: return f(n - 1) [repeated 990 times]"),
    )
    shown = blocks([here, entered_elsewhere, there])
    assert [len(block.tests) for block in shown] == [2, 1]
    assert shown[0].details() == ["Called f(1).", "No base case."] and shown[0].where == here.where


def test_stored_feedback_reads_back_as_the_same_results() -> None:
    stored = {**asdict(TIMEOUT), "where": ["f.py, line 2"], "unknown_later_field": 1}
    assert as_result(stored) == replace(TIMEOUT, where=("f.py, line 2",))


def test_a_learner_report_says_seven_timeouts_once() -> None:
    feedback = {"tests": [asdict(PASSED), *(asdict(t) for t in timeouts(7))]}
    lines = [
        line for block in learner_report.test_blocks(feedback) for line in learner_report.block_lines(block)
    ]
    assert lines.count("    Hint: A loop that never ends is the usual cause.") == 1
    assert "◷ 7 tests: your code was stopped before it finished." in lines
    assert "    - fizzbuzz(6): Case 6." in lines
    html = "".join(learner_report.block_item(block) for block in learner_report.test_blocks(feedback))
    assert html.count('data-count="7"') == 1 and html.count("Hint:") == 1 and "⏱" not in html
