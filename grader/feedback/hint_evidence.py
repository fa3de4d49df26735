"""The evidence a test's own hint needs: the exact wrong value, a predicate on it, or the exception raised.

A hint is shown only where what the learner's code did is what the hint was
written for; a predicate that cannot judge a value is no evidence, never a crash.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from grader.feedback.compare import same

HintIf = Mapping[Any, str] | Iterable[tuple[Any, str]]


def hint_for(hint_if: HintIf | None, got: Any) -> str:
    """The hint a test attached to this exact wrong value, or to a predicate this value meets."""
    pairs = hint_if.items() if isinstance(hint_if, Mapping) else (hint_if or ())
    return next((text for value, text in pairs if evidence_holds(value, got)), "")


def exception_hint(hint_if: HintIf | None, raised: str) -> str:
    """The hint a test attached to the exception type the learner's code raised, if any."""
    pairs = hint_if.items() if isinstance(hint_if, Mapping) else (hint_if or ())
    return next((text for key, text in pairs if is_exception_type(key) and key.__name__ == raised), "")


def is_exception_type(key: Any) -> bool:
    return isinstance(key, type) and issubclass(key, BaseException)


def evidence_holds(evidence: Any, got: Any) -> bool:
    """``got`` is the exact value, or meets the predicate (a function of the value) a hint is for.

    A predicate that cannot judge this value (it raised) is no evidence.
    """
    if is_exception_type(evidence):
        return False  # evidence about what was raised, not about a value
    if not callable(evidence) or isinstance(evidence, type):
        return same(got, evidence)
    try:
        return bool(evidence(got))
    except Exception:  # a learner value the predicate was not written for: no hint, never a crash
        return False
