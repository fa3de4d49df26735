"""Endless or only too deep: a verdict only on the evidence the worker sends, else none."""

from __future__ import annotations

from typing import Any

import pytest

from grader.course.manifest import Course
from grader.feedback.build import frame_lines
from grader.feedback.diagnosis import diagnose
from grader.feedback.recursion import ENDLESS, TOO_DEEP, UNCLEAR, verdict


def evidence(base_case: bool | None = True, again: Any = None, **argument: Any) -> dict[str, Any]:
    arguments = [{"name": "n", "kind": "int", "settled": None, **argument}] if argument else []
    return {
        "function": "walk",
        "calls": 996,
        "limit": 1000,
        "base_case": base_case,
        "arguments": arguments,
        "again": again,
    }


def test_no_base_case_in_the_source_is_endless_whatever_the_arguments() -> None:
    diagnosis, sentence = verdict(evidence(False, first=[5000, 4999, 4998], last=[4006, 4005, 4004], step=-1))
    assert diagnosis == ENDLESS
    assert sentence == (
        "walk has no base case: every way through it calls walk again, so it never stops "
        "(n went 5000, 4999, 4998, ..., 4006, 4005, 4004)."
    )


def test_the_same_call_again_is_a_circle() -> None:
    again = {"call": 1, "again": 3, "arguments": "node=1"}
    diagnosis, sentence = verdict(evidence(True, again))
    assert diagnosis == ENDLESS
    assert "called itself again with the same arguments (node=1, at call 1 and again at call 3)" in sentence


def test_an_int_that_went_past_zero_never_met_its_base_case() -> None:
    diagnosis, sentence = verdict(evidence(first=[10, 8, 6], last=[-1974, -1976, -1978], step=-2))
    assert diagnosis == ENDLESS
    assert sentence == (
        "n went 10, 8, 6, ..., -1974, -1976, -1978, past 0 without stopping: "
        "walk never reaches its base case."
    )


def test_a_length_that_stopped_shrinking_never_met_its_base_case() -> None:
    settled = {"value": 0, "from_call": 11}
    diagnosis, sentence = verdict(
        evidence(kind="len", name="items", first=[10, 9, 8], last=[0, 0, 0], step=None, settled=settled)
    )
    assert diagnosis == ENDLESS
    assert sentence.startswith("From call 11 on, the length of items was 0 every time")


def test_a_base_case_and_a_steady_walk_toward_it_is_too_deep() -> None:
    diagnosis, sentence = verdict(evidence(first=[5000, 4999, 4998], last=[4006, 4005, 4004], step=-1))
    assert diagnosis == TOO_DEEP
    assert sentence == (
        "n went 5000, 4999, 4998, ..., 4006, 4005, 4004, one step per call: that needs about 5,000 calls "
        "in a row, and Python allows about 1,000. The recursion is deeper than Python allows."
    )


@pytest.mark.parametrize(
    "case",
    [
        evidence(None, first=[5000, 4999, 4998], last=[4006, 4005, 4004], step=-1),  # source unread
        evidence(True, first=[0, 1, 2], last=[993, 994, 995], step=1),  # climbing: toward what?
        evidence(True, first=[9, 3, 7], last=[2, 8, 1], step=None),  # no steady step
        evidence(True),  # no argument it could read
    ],
)
def test_without_evidence_it_says_only_that_python_stopped_it(case: dict[str, Any]) -> None:
    said = "walk called itself 996 times in a row, more than Python allows (about 1,000)."
    assert verdict(case) == (UNCLEAR, said)


def test_only_a_recursion_error_gets_a_recursion_diagnosis() -> None:
    info = {"type": "RecursionError", "builtin": "RecursionError", "message": "", "recursion": {}}
    failure = {"kind": "learner_exception", "exception": info}
    assert diagnose(failure) == "exception"  # no evidence: an exception like any other
    info["recursion"] = evidence(False)
    assert diagnose(failure) == ENDLESS
    info["builtin"] = "ValueError"
    assert diagnose(failure) == "exception"


def test_folded_frames_are_shown_once_with_their_count(mini_course: Course) -> None:
    frames = [
        {
            "file": "f.py",
            "line": 4,
            "function": "is_even",
            "code": "return is_odd(n)",
            "repeated": 497,
            "span": 2,
        },
        {"file": "f.py", "line": 9, "function": "is_odd", "code": "return is_even(n)"},
        {"file": "f.py", "line": 2, "function": "is_even", "code": "if n == 0:", "repeated": 3, "span": 1},
    ]
    exercise = mini_course.find("leap-year")
    assert [
        line.removeprefix(exercise.path) for line in frame_lines({"exception": {"frames": frames}}, exercise)
    ] == [
        "/f.py, line 4, in is_even: return is_odd(n)",
        "/f.py, line 9, in is_odd: return is_even(n) [with the line above, repeated 497 times]",
        "/f.py, line 2, in is_even: if n == 0: [repeated 3 times]",
    ]
