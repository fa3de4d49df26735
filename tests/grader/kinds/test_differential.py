"""Differential checks: the learner's function against the original on generated inputs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from grader.boundary.process import LearnerTimeout
from grader.feedback.compare import LearnerHandle
from grader.feedback.expectations import Call, Mismatch
from grader.kinds.differential import same_behaviour


def double(number: int) -> int:
    return number * 2


def parse(text: str) -> int:
    if not text.isdigit():
        raise ValueError(f"not a number: {text!r}")
    return int(text)


def caught(mine: Any, original: Any, *arguments: st.SearchStrategy[Any]) -> dict[str, Any]:
    with pytest.raises(Mismatch) as failure:
        same_behaviour(mine, original, *arguments)
    return failure.value.detail


def test_the_same_behaviour_passes() -> None:
    same_behaviour(double, lambda number: number + number, st.integers())


def test_a_different_value_is_shown_for_the_smallest_input_that_differs() -> None:
    def mine(number: int) -> int:
        return number * 2 + (number >= 10)

    detail = caught(mine, double, st.integers(0, 1000))
    assert detail["summary"] == "Called mine(10); got 21, expected 20, as the starter returns"
    assert (detail["kind"], detail["diagnosis"], detail["call"]) == ("mismatch", "wrong_value", "mine(10)")


def test_a_reworded_message_names_both_messages() -> None:
    def mine(text: str) -> int:
        if not text.isdigit():
            raise ValueError("bad input")
        return int(text)

    detail = caught(mine, parse, st.sampled_from(["12", "x"]))
    assert detail["summary"] == (
        "Called mine('x'); your code raised ValueError('bad input'), "
        "but the starter raises ValueError(\"not a number: 'x'\")"
    )
    assert (detail["kind"], detail["diagnosis"]) == ("wrong_message", "wrong_message")


def test_returning_where_the_original_raises_is_a_missing_exception() -> None:
    def mine(text: str) -> int:
        return int(text)  # "-1" is read as a number, which the original refuses

    detail = caught(mine, parse, st.sampled_from(["7", "-1"]))
    assert detail["summary"] == (
        "Called mine('-1'); the starter raises ValueError(\"not a number: '-1'\"), but your code returned -1"
    )
    assert (detail["kind"], detail["diagnosis"]) == ("no_exception", "no_exception")


def test_another_exception_type_is_an_exception() -> None:
    def mine(text: str) -> int:
        if not text.isdigit():
            raise TypeError(f"not a number: {text!r}")
        return int(text)

    detail = caught(mine, parse, st.sampled_from(["7", "x"]))
    assert detail["summary"] == (
        "Called mine('x'); your code raised TypeError(\"not a number: 'x'\"), "
        "but the starter raises ValueError(\"not a number: 'x'\")"
    )
    assert (detail["kind"], detail["diagnosis"], detail["expected"]) == (
        "wrong_exception",
        "exception",
        "ValueError",
    )


def test_raising_where_the_original_returns_is_an_exception() -> None:
    def mine(number: int) -> int:
        if number > 3:
            raise KeyError(number)
        return number * 2

    detail = caught(mine, double, st.integers(0, 9))
    assert detail["summary"] == "Called mine(4); your code raised KeyError('4'), but the starter returns 8"
    assert (detail["kind"], detail["diagnosis"]) == ("wrong_exception", "exception")


def test_the_label_names_the_original() -> None:
    with pytest.raises(Mismatch, match="as a correct version returns"):
        same_behaviour(lambda n: n, double, st.just(3), label="a correct version")


def test_several_arguments_each_have_a_strategy() -> None:
    def mine(a: int, b: int) -> int:
        return a - b

    with pytest.raises(Mismatch, match=r"Called mine\(0, 1\); got -1, expected 1"):
        same_behaviour(mine, lambda a, b: a + b, st.integers(0, 5), st.integers(0, 5))


class StuckFunction:
    """A remote function whose every call runs out of time, as a learner's endless loop does."""

    def __init__(self) -> None:
        self.calls = 0

    def invoke(self, args: tuple, kwargs: dict) -> Call:
        self.calls += 1
        raise LearnerTimeout("did not finish within 2 s", call="stuck()")


def test_a_timeout_is_reported_as_itself_and_ends_the_search() -> None:
    stuck = StuckFunction()
    with pytest.raises(LearnerTimeout):
        same_behaviour(stuck, double, st.integers())
    assert stuck.calls == 1


def test_an_original_that_fails_is_the_suites_problem() -> None:
    with pytest.raises(RuntimeError, match="the original program failed on"):
        same_behaviour(double, StuckFunction(), st.integers())


def test_an_original_returning_an_object_is_refused_as_the_suites_mistake() -> None:
    with pytest.raises(TypeError, match="compares plain data"):
        same_behaviour(double, lambda number: LearnerHandle(), st.integers())


def test_the_search_writes_nothing_and_ignores_the_loaded_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    set_hypothesis_home_dir(work / ".hypothesis")  # where Hypothesis would cache the constants it read
    try:
        same_behaviour(double, lambda number: number + number, st.integers())
    finally:
        set_hypothesis_home_dir(None)
    assert list(work.iterdir()) == []
