"""Decide, once, whether a call that ran out of time is slow or never ends.

A call stopped at its time limit is run again in a fresh worker on smaller
input: the first 3 items of its largest argument, then an eighth of it. Code
that does not finish even for 3 items never ends; code that finishes for
fewer items is slow, and the two times say how its work grows. Where no
argument can be made smaller, the worker's last look decides: a ``while``
whose condition read the same values at two looks a second apart never ends.
Anything else is only said to have been stopped: only an endless loop is
called one.

A function found endless is remembered for the rest of the run: the same call
again is reported at once with the same cause, and any other call to it gets a
short limit (other input may well finish, and its test may pass), so a check of
endless code ends in seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from grader.boundary.process import LearnerProblem, LearnerTimeout
from grader.feedback.expectations import describe_call

TINY = 3  # items: code that cannot finish this few never ends
TINY_LIMIT = 1.0  # seconds for the tiny run: thousands of times what 3 items need
SHORT_LIMIT = 0.3  # seconds for another call to a function already found endless
FRACTION = 8  # the second run has an eighth of the items
SQUARE = 1.6  # a time ratio of at least 8 ** 1.6 for 8 times the items is "about n² work"
IN_STEP = 1.0  # under 8 times the time for 8 times the items, work in step with them may explain it
MEASURED_IN_STEP = 1.25  # two finished runs: growth under this is work in step with the items, and noise
MEASURABLE = 0.002  # seconds: a smaller run that took less is too quick to measure growth from
PLAUSIBLE = 3.0  # growth steeper than n³ between the two runs is not taken for slow code
SIZED = (list, tuple, str, dict, set, frozenset)
SHORTENED = "(shortened)"  # what describe_call adds to a long argument


class Caller(Protocol):
    """What the judge needs of a learner session: a call in a fresh worker, with its own limit."""

    def request_call(
        self, target: list[Any], args: tuple, kwargs: dict, limit: float | None = None
    ) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Smaller:
    """The same call on a smaller input."""

    size: int
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass(frozen=True)
class Endless:
    """A function found never to end: for which call, and why we know."""

    call: str
    reason: str
    where: dict[str, Any] | None


def largest_input(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[int | str, int, bool] | None:
    """The position, size and kind (True: has items) of the largest argument, if any has a size."""
    places: list[tuple[int | str, Any]] = [*enumerate(args), *kwargs.items()]
    sized = [(len(v), key) for key, v in places if type(v) in SIZED]
    if sized:
        size, key = max(sized, key=lambda pair: pair[0])
        return key, size, True
    counts = [(v, key) for key, v in places if type(v) is int and v >= 0]
    if counts:
        size, key = max(counts, key=lambda pair: pair[0])
        return key, size, False
    return None


def cut(value: Any, count: int) -> Any:
    """The first ``count`` items of a sized value, or ``count`` itself for a number."""
    if type(value) is int:
        return count
    if type(value) is dict:
        return dict(islice(value.items(), count))
    if type(value) in (set, frozenset):
        return type(value)(islice(value, count))
    return value[:count]


def smaller_inputs(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Smaller]:
    """The call on 3 items, then on a 64th and an eighth of them, where the input is larger than that."""
    found = largest_input(args, kwargs)
    if found is None:
        return []
    key, size, _ = found
    sizes = sorted({n for n in (TINY, size // FRACTION**2, size // FRACTION) if TINY <= n < size})
    made = []
    for count in sizes:
        if isinstance(key, int):
            made.append(Smaller(count, (*args[:key], cut(args[key], count), *args[key + 1 :]), kwargs))
        else:
            made.append(Smaller(count, args, {**kwargs, key: cut(kwargs[key], count)}))
    return made


class StoppedCalls:
    """One run's judge of stopped calls, and its memory of the functions found endless."""

    def __init__(self, session: Caller) -> None:
        self.session = session
        self.endless: dict[str, Endless] = {}

    def known(self, label: str, args: tuple, kwargs: dict) -> LearnerTimeout | None:
        """The same cause again, without waiting, for the very call found endless."""
        found = self.endless.get(label)
        text = describe_call(label, args, kwargs)
        # Other input may well finish, and its test pass: it is run, on a short limit. So is a
        # call whose text was shortened, which may hide a difference.
        if found is None or found.call != text or SHORTENED in text:
            return None
        summary = f"was not run again: it did not finish earlier in this check ({found.reason})"
        return LearnerTimeout(summary, verdict="endless", where=found.where, waited=False)

    def limit(self, label: str) -> float | None:
        """A short limit for a smaller call to a function already found endless."""
        return SHORT_LIMIT if label in self.endless else None

    def judge(
        self, problem: LearnerProblem, target: list[Any], label: str, args: tuple, kwargs: dict
    ) -> None:
        """Rewrite a timeout's summary with what it is: endless, slow, or only stopped."""
        detail = problem.detail
        seconds, where = float(detail.get("seconds", 0)), detail.get("where")  # seconds: the limit
        reason = unchanged_loop(where)
        if label in self.endless:  # a smaller call, on its short limit
            # Said from what was found earlier: whether this call's own watch caught its loop in
            # so short a time depends on the machine's load, and the message must not.
            found = self.endless[label]
            why = f"{found.call} did not finish earlier in this check: {found.reason}"
            detail.update(verdict="endless", summary=f"did not finish either: {why}", where=found.where)
            return
        verdict, words = ("endless", reason) if reason else self.rerun(target, label, args, kwargs, seconds)
        if verdict == "endless":
            text = describe_call(label, args, kwargs)
            self.endless[label] = Endless(text, words, where)
            words = f"{stopped(detail)}: {words}"
        detail.update(verdict=verdict, summary=words)

    def rerun(
        self, target: list[Any], label: str, args: tuple, kwargs: dict, seconds: float
    ) -> tuple[str, str]:
        """Run the call again on less: ("endless", why), ("slow", what was seen) or ("", what was)."""
        stopped = ("", f"did not finish within {seconds:g} s")
        found = largest_input(args, kwargs)
        if found is not None and found[2] and found[1] <= TINY:
            return "endless", f"it did not finish even for {found[1]} items"
        if target[0] != "module" or found is None:  # an object's method: the object went with the worker
            return stopped
        finished: list[tuple[int, float]] = []  # (items, seconds) of each smaller run that finished
        for smaller in smaller_inputs(args, kwargs):
            try:
                reply = self.session.request_call(
                    target, smaller.args, smaller.kwargs, tiny_limit(smaller, seconds)
                )
            except LearnerTimeout:
                if not finished:
                    small = describe_call(label, smaller.args, smaller.kwargs)
                    return "endless", f"it did not finish even for {items(smaller.size, found[2])} ({small})"
                return slow_summary(*finished[-1], smaller.size, seconds, earlier(finished))
            except LearnerProblem:
                return stopped
            took: Any = reply.get("seconds")
            finished.append((smaller.size, float(took) if type(took) in (int, float) else 0.0))
        if not finished or not found[2]:  # a smaller number is not fewer items: say no more
            return stopped
        return slow_summary(*finished[-1], found[1], seconds, earlier(finished))


def stopped(detail: dict[str, Any]) -> str:
    """How the call was stopped: at its limit, or before it, once it surely never ended."""
    if detail.get("early"):
        return "was stopped before its time limit"
    return f"did not finish within {float(detail.get('seconds', 0)):g} s"


def tiny_limit(smaller: Smaller, seconds: float) -> float:
    return min(seconds, TINY_LIMIT) if smaller.size <= TINY else seconds


def items(count: int, has_items: bool) -> str:
    return f"{count:,} items" if has_items else f"{count:,}"


def earlier(finished: list[tuple[int, float]]) -> tuple[int, float] | None:
    """The run that finished before the last one, if there was one."""
    return finished[-2] if len(finished) > 1 else None


def slow_summary(
    small: int, took: float, large: int, seconds: float, before: tuple[int, float] | None = None
) -> tuple[str, str]:
    """Say how the time grew between the runs that finished and the one that did not.

    Two runs that finished (``before``, then ``small``) measure the growth;
    else the larger run's time is only known to be more than ``seconds``, and
    the growth found is a lower bound. Slow only when the growth shows work
    growing faster than the items, and at most like n³: code that takes no
    time for fewer items and forever for more may well never end for more (a
    loop that only larger input enters), and code whose work may grow in step
    with its input may only be slow per item, so then neither is said.
    """
    said = f"finished for {small:,} items in {took:.2f} s but not for {large:,} within {seconds:g} s"
    growth = math.log(seconds / max(took, 1e-6)) / math.log(large / small)
    in_step = IN_STEP
    if before is not None and before[1] >= MEASURABLE and before[0] < small and took > before[1]:
        fewer, quick = before
        growth = math.log(took / quick) / math.log(small / fewer)  # measured, not a bound
        in_step = MEASURED_IN_STEP
        times = f"{took / quick:.0f} times the time for {small / fewer:g} times the items"
        said += f" ({fewer:,} items took {quick:.3f} s: {times})"
    if growth > PLAUSIBLE:
        return "", said
    if growth < in_step:  # it may scale: its work per item may be what made it late
        return "", said
    if growth >= SQUARE:
        return "slow", f"{said}: it does not scale (about n² work or more)"
    return "slow", f"{said}: it does not scale"


def unchanged_loop(where: dict[str, Any] | None) -> str | None:
    """Why a loop never ends, when its condition read the same values a while apart."""
    loop = (where or {}).get("loop")
    if not isinstance(loop, dict) or not isinstance(loop.get("unchanged"), dict):
        return None
    names = " and ".join(f"`{name}`" for name in loop["unchanged"])
    shown = ", ".join(f"{name} = {value}" for name, value in loop["unchanged"].items())
    changed = f"{names} did not change while it did"
    return f"the loop `{loop.get('code', '')}` goes round with {shown}, and {changed}: it never ends"
