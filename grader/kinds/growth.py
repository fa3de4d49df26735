"""Check how the work a learner's function does grows with the size of its input.

A suite measures the function at two sizes and states the growth it allows::

    def test_grows_linearly(learner):
        \"\"\"Twice as many orders take about twice the work, not four times.\"\"\"
        grows(learner.dedupe, lambda n: (list(range(n)),), sizes=(100, 800)).at_most("linear")

Steps are counted in the learner's worker by :mod:`grader.worker.step_counter`
(lines of their code run, plus the items ``in``, slicing and ``+`` scan on
lists): a count, never a clock, so a busy machine cannot change a verdict.
The verdict compares the two counts. With sizes n and k*n, a ratio up to
k**1.33 (16 for k = 8) passes as linear (``n log n`` passes too), up to k**0.5
as logarithmic. A ratio of k**1.77 (40 for k = 8) or more is named as growing
with the square; other failures only say by how much the work grew, so a
message never names growth the counts do not show.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from grader.boundary.process import LearnerCrash
from grader.boundary.remote import MissingName, RemoteFunction, missing_message, rebuild_exception
from grader.boundary.where_stopped import stopped_at
from grader.feedback.expectations import Mismatch, describe_call
from grader.worker import step_counter

# Growth allowed per level, as an exponent of the size ratio: sizes n and 8n allow a work ratio
# of 8**0.5 = 2.8 for "logarithmic" and 8**1.33 = 16 for "linear" (n log n stays under it: 11.6
# for 100 -> 800).
LEVELS = {"logarithmic": 0.5, "linear": 1.33}
IN_STEP_EXPONENT = 0.8  # from here to the linear limit, the work grows in step with the input
SQUARE_EXPONENT = 1.77  # only growth this steep is called "the square of the input"
STOP_EXPONENT = 1.86  # the large run is stopped past this: the verdict is known by then
BUDGET = 4_000_000
# Counted first, on 3 items: code that needs more steps than this for 3 items never ends, and
# is told so in a fraction of a second, by a count (the same verdict as a time limit's).
TINY, TINY_BUDGET = 3, 50_000
# Counting ~1,000,000 steps takes seconds on a busy machine: a count has its own time limit,
# apart from the exercise's limit for a call (the test's own limit still applies).
MEASURE_SECONDS = 30.0
LOOK_FOR = (
    "Look for a loop inside a loop, or `in`, `.remove()`, `.count()`, slicing or `+` "
    "on a list inside a loop: a set or a dict finds an item in one step."
)

HALVING = (
    "Binary search halves the part of the list still to search at every step, "
    "so 8 times the items need only about 3 more steps."
)


@dataclass(frozen=True)
class Growth:
    """Steps counted for one function at a small and a large input size."""

    name: str
    small: int
    large: int
    small_steps: int
    large_steps: int
    stopped: bool
    small_stopped: bool = False
    endless_where: dict[str, Any] | None = None  # set when 3 items did not finish within TINY_BUDGET

    @property
    def ratio(self) -> float:
        return self.large_steps / max(1, self.small_steps)

    def exponent_ratio(self, exponent: float) -> float:
        return float((self.large / self.small) ** exponent)

    def describe(self) -> str:
        """Say what was counted, in words a beginner can check."""
        if self.small_stopped:
            return (
                f"{self.name} did more than {about(self.small_steps)} steps for {self.small:,} items, "
                "where the grader stopped counting"
            )
        large_text = ("more than " if self.stopped else "about ") + about(self.large_steps)
        return (
            f"{self.name} did about {about(self.small_steps)} steps for {self.small:,} items "
            f"and {large_text} for {self.large:,}"
        )

    def at_most(self, level: str = "linear") -> Growth:
        """Fail with a message a beginner can act on when the work grows faster than ``level``."""
        if level not in LEVELS:
            raise ValueError(f"unknown growth level {level!r}: choose one of {sorted(LEVELS)}")
        if self.endless_where is not None:
            raise self.endless()
        if not self.stopped and self.ratio <= self.exponent_ratio(LEVELS[level]):
            return self
        raise Mismatch(
            {
                "kind": "growth",
                "summary": f"{self.describe()}: {self.verdict()}",
                "call": self.name,
                "small_steps": self.small_steps,
                "large_steps": self.large_steps,
                "stopped": self.stopped,
            }
        )

    def endless(self) -> Mismatch:
        """The failure for a function that did not finish for 3 items within the tiny budget."""
        return Mismatch(
            {
                "kind": "growth",
                "verdict": "endless",
                "summary": (
                    f"{self.name} did more than {TINY_BUDGET:,} steps for {TINY} items, where the grader "
                    "stopped counting: it never ends"
                ),
                "call": self.name,
                "where": self.endless_where,
            }
        )

    def verdict(self) -> str:
        """Name the growth only as far as the two counts show it."""
        if self.small_stopped:
            return f"far more work than {self.small:,} items need. {LOOK_FOR}"
        if self.stopped or self.ratio >= self.exponent_ratio(SQUARE_EXPONENT):
            more = " (or faster)" if self.stopped else ""
            return f"the work grows with the square of the input{more}. {LOOK_FOR}"
        times = f"{self.large / self.small:g} times the items took {self.ratio:.1f} times the work"
        if self.ratio >= self.exponent_ratio(IN_STEP_EXPONENT) and self.ratio <= self.exponent_ratio(
            LEVELS["linear"]
        ):
            return f"{times}, so the work grows in step with the input: it looks at every item. {HALVING}"
        return f"{times}, which is more than the input grew. {LOOK_FOR}"


def about(count: int) -> str:
    """Round a step count to two significant figures, with thousands separators."""
    if count < 100:
        return f"{count:,}"
    digits = len(str(count)) - 2
    return f"{round(count, -digits):,}"


def grows(
    function: Any,
    make_input: Callable[[int], Any],
    sizes: tuple[int, int] = (100, 800),
    budget: int = BUDGET,
) -> Growth:
    """Count the steps ``function`` takes on ``make_input(n)`` for both sizes."""
    small, large = sizes
    if not 0 < small < large:
        raise ValueError("sizes must be two increasing positive numbers")
    label = f"Your function {function_name(function)}"
    tiny = measure_tiny(function, make_input)
    if tiny is not None and tiny["stopped"]:
        where = tiny.get("where") or {}
        return Growth(label, small, large, tiny["steps"], 0, True, True, endless_where=where)
    first = measure(function, as_args(make_input(small)), budget)
    if first["stopped"]:  # no second count to compare: say only what was seen
        return Growth(label, small, large, first["steps"], 0, stopped=True, small_stopped=True)
    limit = int(max(1, first["steps"]) * (large / small) ** STOP_EXPONENT) + 1
    second = measure(function, as_args(make_input(large)), min(budget, limit))
    return Growth(label, small, large, first["steps"], second["steps"], second["stopped"])


def measure_tiny(function: Any, make_input: Callable[[int], Any]) -> dict[str, Any] | None:
    """Count the steps for 3 items; None when that input cannot be made or raises (then say nothing)."""
    try:
        return measure(function, as_args(make_input(TINY)), TINY_BUDGET)
    except Exception:  # the suite's sizes are what it grades: a failure at 3 items is not the learner's
        return None


def as_args(made: Any) -> tuple[Any, ...]:
    """Treat what make_input returned as the argument tuple (a single value is one argument)."""
    return made if type(made) is tuple else (made,)


def function_name(function: Any) -> str:
    label = (
        function._label if isinstance(function, RemoteFunction) else getattr(function, "__name__", "function")
    )
    return f"{label}()"


def measure(function: Any, args: tuple[Any, ...], budget: int) -> dict[str, Any]:
    """Measure in the learner's worker, or in this process for a plain function."""
    if isinstance(function, RemoteFunction):
        return read_reply(function, function.measure(args, {}, budget, MEASURE_SECONDS), args)
    folder = os.path.dirname(os.path.abspath(function.__code__.co_filename))
    return step_counter.measure(function, args, {}, folder, budget)


def read_reply(function: RemoteFunction, reply: dict[str, Any], args: tuple[Any, ...]) -> dict[str, Any]:
    """Turn the worker's reply to a measure request into counts, or raise what went wrong."""
    text = describe_call(function._label, args, {})
    if "missing" in reply:
        raise MissingName(missing_message(function._label, function._target), call=text)
    if "error" in reply:
        error = rebuild_exception(reply["error"])
        error.learner_info["call"] = text  # type: ignore[attr-defined]
        raise error
    measured = reply.get("measured")
    counts = ("steps", "lines", "scans")
    if type(measured) is not dict or any(type(measured.get(k)) is not int for k in counts):
        function._session.close()  # a worker that sends such things is not trusted with the next call
        raise LearnerCrash("sent back a step count the grader cannot read")
    where = stopped_at(measured.get("where"))
    return {**{k: measured[k] for k in counts}, "stopped": measured.get("stopped") is True, "where": where}
