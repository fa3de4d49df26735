"""Differential testing: the learner's function and the original must agree on generated inputs.

A refactor keeps every behaviour of the starter, and a debug fix changes only
the buggy one, on every input, not only those a suite thought of. A suite
states which inputs to try as Hypothesis strategies, one per argument::

    def test_any_order(learner, original):
        \"\"\"Any order, valid or not, gives what the starter gives.\"\"\"
        same_behaviour(learner.receipt, original.receipt, orders())

Both functions run behind the process boundary (``original`` is the plugin's
fixture for grader/kinds/original.py), and their outcomes are compared: the
value returned (exactly, as ``returns`` compares), or the exception's type and
message, word for word. The search is derandomized, so the same code always
meets the same inputs, and the first difference found is shrunk to the
smallest input that still shows it, which the learner sees in the message.
Only plain data can be compared: a learner object returned stays a handle.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException
from hypothesis.internal.conjecture import providers

from grader.boundary.process import LearnerProblem
from grader.feedback.compare import LearnerHandle, describe_difference, same, show, type_name
from grader.feedback.expectations import Call, Mismatch, call, value_diagnosis

EXAMPLES = 100  # generated inputs per check; each is one call to either side

SEARCH = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same code meets the same inputs at every check
    database=None,  # nothing written to disk, nothing remembered between learners
    deadline=None,  # time is the call limits' business, never a verdict here
    suppress_health_check=list(HealthCheck),
    verbosity=Verbosity.quiet,
    report_multiple_bugs=False,  # one difference, the smallest found, is what the learner reads
    phases=(Phase.explicit, Phase.generate, Phase.shrink),
)


def same_behaviour(
    mine: Any,
    original: Any,
    *arguments: st.SearchStrategy[Any],
    examples: int = EXAMPLES,
    label: str = "the starter",
) -> None:
    """Raise Mismatch for the smallest generated input on which ``mine`` and ``original`` differ.

    ``arguments`` are strategies, one per positional argument; ``label`` names
    the original in the message ("the starter", "a correct version").
    """
    stopped: list[BaseException] = []  # a timeout or crash ends the search: no input after it counts
    found: list[Mismatch] = []

    @settings(SEARCH, max_examples=examples)
    @given(st.tuples(*arguments))
    def agree(args: tuple[Any, ...]) -> None:
        if stopped:
            return
        try:
            difference = compare(call(mine, *args), original_call(original, args), label)
        except LearnerProblem as problem:
            stopped.append(problem)
            return
        if difference is not None:
            found.append(difference)
            raise difference

    try:
        with without_local_constants():
            agree()
    except Mismatch:
        raise  # the smallest input that still differs
    except HypothesisException:
        pass  # a difference that did not show again: the first one found is reported below
    if found:
        raise found[0]
    if stopped:
        raise stopped[0]


@contextlib.contextmanager
def without_local_constants() -> Iterator[None]:
    """Keep the inputs independent of which modules this process happens to have loaded.

    Hypothesis mixes literals from every local module in sys.modules into its
    inputs, and caches them under ./.hypothesis: the grader's own source would
    decide which inputs a learner meets, and change them with every edit.
    ``_get_local_constants`` is internal to Hypothesis (6.130 on); where it is
    missing, nothing is changed.
    """
    collect = getattr(providers, "_get_local_constants", None)
    empty = getattr(providers, "Constants", None)
    if collect is None or empty is None:
        yield
        return
    providers._get_local_constants = empty
    try:
        yield
    finally:
        providers._get_local_constants = collect


def original_call(original: Any, args: tuple[Any, ...]) -> Call:
    """Call the original; its own timeout or crash is the suite's problem, not the learner's."""
    try:
        return call(original, *args)
    except LearnerProblem as problem:
        raise RuntimeError(f"the original program failed on {args!r}: {problem}") from None


def compare(mine: Call, theirs: Call, label: str) -> Mismatch | None:
    """The Mismatch that says how the learner's call differs from the original's, or None."""
    if isinstance(mine.error, NotImplementedError) and not isinstance(theirs.error, NotImplementedError):
        raise mine.error  # not started: the usual message says so
    if mine.error is None and theirs.error is None:
        return different_value(mine, theirs, label)
    if theirs.error is None:
        return unexpected_exception(mine, theirs, label)
    if mine.error is None:
        return missing_exception(mine, theirs, label)
    return different_exception(mine, theirs, label)


def exception_text(record: Call) -> str:
    """The exception as the learner would write it: ValueError('line 3: ...')."""
    info = getattr(record.error, "learner_info", None)
    name = info.get("type") if isinstance(info, dict) else type(record.error).__name__
    return f"{name}({str(record.error)!r})"


def exception_type(record: Call) -> str:
    info = getattr(record.error, "learner_info", None)
    return str(info.get("type")) if isinstance(info, dict) else type(record.error).__name__


def mismatch(mine: Call, kind: str, summary: str, **detail: Any) -> Mismatch:
    """A failure of the learner's call, with what it printed, as every expectation reports one."""
    fields = {"kind": kind, "call": mine.text, "summary": summary, "output": mine.output, **detail}
    if mine.dropped:
        fields["dropped"] = mine.dropped
    return Mismatch(fields)


def different_value(mine: Call, theirs: Call, label: str) -> Mismatch | None:
    if isinstance(theirs.value, LearnerHandle):  # an object stays in its worker: nothing to compare here
        raise TypeError(f"same_behaviour compares plain data, and {theirs.text} returned an object")
    if same(mine.value, theirs.value):
        return None
    return mismatch(
        mine,
        "mismatch",
        f"Called {mine.text}; {describe_difference(mine.value, theirs.value)}, as {label} returns",
        diagnosis=value_diagnosis(mine.value, theirs.value),
        got=show(mine.value),
        got_type=type_name(mine.value),
        expected=show(theirs.value),
        expected_type=type_name(theirs.value),
        expected_text=str(theirs.value),
        expected_repr=repr(theirs.value),
        expected_lines=[str(item) for item in theirs.value]
        if isinstance(theirs.value, (list, tuple))
        else [],
        got_none=mine.value is None,
    )


def unexpected_exception(mine: Call, theirs: Call, label: str) -> Mismatch:
    """The learner's code raised where the original returned, or raised another type."""
    info = getattr(mine.error, "learner_info", None)
    if theirs.error is None:
        expected, wanted = show(theirs.value), f"returns {show(theirs.value)}"
    else:
        expected, wanted = exception_type(theirs), f"raises {exception_text(theirs)}"
    return mismatch(
        mine,
        "wrong_exception",
        f"Called {mine.text}; your code raised {exception_text(mine)}, but {label} {wanted}",
        diagnosis="exception",
        got=exception_text(mine),
        expected=expected,
        **({"exception": info} if isinstance(info, dict) else {}),
    )


def missing_exception(mine: Call, theirs: Call, label: str) -> Mismatch:
    printed = mine.value is None and bool(mine.output.strip())
    outcome = "printed a message and returned None" if printed else f"returned {show(mine.value)}"
    return mismatch(
        mine,
        "no_exception",
        f"Called {mine.text}; {label} raises {exception_text(theirs)}, but your code {outcome}",
        diagnosis="printed_error" if printed else "no_exception",
        got=show(mine.value),
        expected=f"{exception_text(theirs)} raised",
    )


def different_exception(mine: Call, theirs: Call, label: str) -> Mismatch | None:
    if exception_type(mine) != exception_type(theirs):
        return unexpected_exception(mine, theirs, label)
    if str(mine.error) == str(theirs.error):
        return None
    return mismatch(
        mine,
        "wrong_message",
        f"Called {mine.text}; your code raised {exception_text(mine)}, "
        f"but {label} raises {exception_text(theirs)}",
        diagnosis="wrong_message",
        got=str(mine.error),
        expected=str(theirs.error),
    )
