"""Tell a recursion that never stops from one that is only deeper than Python allows.

The worker sends what the most repeated function did on its way down
(grader/worker/recursion.py): whether its source has a way to stop, how each
int argument (or the length of a fresh list or string) moved from call to
call, and the first call made again with the same arguments. A verdict is
given only on that evidence; without it the message says only that the
function called itself more times than Python allows.
"""

from __future__ import annotations

from typing import Any

ENDLESS = "endless_recursion"
TOO_DEEP = "too_deep"
UNCLEAR = "recursion"


def recursion_of(failure: dict[str, Any]) -> dict[str, Any] | None:
    """The recursion evidence of a failure that ended in a RecursionError, if it has any."""
    info = failure.get("exception")
    if not isinstance(info, dict) or info.get("builtin") != "RecursionError":
        return None
    evidence = info.get("recursion")
    return evidence if isinstance(evidence, dict) and evidence.get("function") else None


def verdict(evidence: dict[str, Any]) -> tuple[str, str]:
    """The diagnosis and the sentence that gives its evidence."""
    name = str(evidence["function"])
    limit = f"about {evidence.get('limit', 1000):,}"
    arguments = [a for a in evidence.get("arguments") or [] if isinstance(a, dict)]
    endless = never_stops(name, evidence, arguments)
    if endless:
        return ENDLESS, endless
    heading = next((a for a in arguments if heads_to_zero(a)), None) if evidence.get("base_case") else None
    if heading:
        needed = abs(heading["first"][0] // heading["step"])
        return TOO_DEEP, (
            f"{travel(heading)}, {steps(heading['step'])} per call: that needs about {needed:,} calls "
            f"in a row, and Python allows {limit}. The recursion is deeper than Python allows."
        )
    calls = evidence.get("calls", 0)
    return UNCLEAR, f"{name} called itself {calls:,} times in a row, more than Python allows ({limit})."


def never_stops(name: str, evidence: dict[str, Any], arguments: list[dict[str, Any]]) -> str:
    """The evidence that the recursion never stops, in words; empty when there is none."""
    if evidence.get("base_case") is False:
        moving = next((a for a in arguments if a.get("step")), None)
        went = f" ({travel(moving)})" if moving else ""
        return f"{name} has no base case: every way through it calls {name} again, so it never stops{went}."
    again = evidence.get("again")
    if isinstance(again, dict):
        return (
            f"{name} called itself again with the same arguments ({again['arguments']}, at call "
            f"{again['call']} and again at call {again['again']}), so it goes round in a circle "
            "and never reaches its base case."
        )
    passed = next((a for a in arguments if passed_zero(a)), None)
    if passed:
        return f"{travel(passed)}, past 0 without stopping: {name} never reaches its base case."
    stuck = next((a for a in arguments if isinstance(a.get("settled"), dict)), None)
    if stuck:
        settled = stuck["settled"]
        return (
            f"From call {settled['from_call']:,} on, {subject(stuck)} was {settled['value']} every time: "
            f"{name} kept calling itself without getting any closer to its base case."
        )
    return ""


def travel(argument: dict[str, Any]) -> str:
    """'n went 5, 4, 3, ..., -993', or 'the length of items went ...'."""
    first = ", ".join(str(value) for value in argument["first"])  # no 1,000: commas part the values
    last = ", ".join(str(value) for value in argument["last"])
    return f"{subject(argument)} went {first}, ..., {last}"


def subject(argument: dict[str, Any]) -> str:
    return argument["name"] if argument["kind"] == "int" else f"the length of {argument['name']}"


def steps(step: int) -> str:
    return "one step" if abs(step) == 1 else f"{abs(step):,} steps"


def passed_zero(argument: dict[str, Any]) -> bool:
    """An int that counted down from 0 or above to below 0, or up from below 0 to above it.

    Counting up from 0 is not evidence: a count up usually stops at a bound of its own.
    """
    step, first, last = argument.get("step"), argument["first"][0], argument["last"][-1]
    if argument["kind"] != "int" or not step:
        return False
    return (first >= 0 > last and step < 0) or (first < 0 < last and step > 0)


def heads_to_zero(argument: dict[str, Any]) -> bool:
    """A number that moves steadily toward 0 and has not reached it yet."""
    step, first, last = argument.get("step"), argument["first"][0], argument["last"][-1]
    if not step:
        return False
    return (first > 0 and last > 0 and step < 0) or (first < 0 and last < 0 and step > 0)
