"""What each test means for the learner, read from its markers, docstring and parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from grader.feedback.diagnosis import DIAGNOSES, NO_EVIDENCE_DIAGNOSES
from grader.kinds.learner_tests import IMPLEMENTATIONS
from grader.kinds.run_results import implementation_description
from grader.plain.module_import import name_description


def marker_value(item: pytest.Item, name: str, default: Any) -> Any:
    """The first argument of the test's closest ``name`` marker, or ``default``."""
    marker = item.get_closest_marker(name)
    return marker.args[0] if marker is not None and marker.args else default


def describe_test(item: pytest.Item) -> dict[str, Any]:
    """What the learner should know about a test, read from its markers and docstring."""
    doc = getattr(getattr(item, "function", None), "__doc__", None) or ""
    lines = [line.strip() for line in doc.strip().splitlines() if line.strip()]
    return {
        "description": with_case(lines[0] if lines else name_description(item), item),
        "points": float(marker_value(item, "points", 1)),
        "hints": [hint_entry(m) for m in item.iter_markers("hint") if m.args],
        "milestone": marker_value(item, "milestone", None),
        "varies": item.get_closest_marker("varies") is not None,
    }


def check_hint_markers(item: pytest.Item) -> None:
    """Refuse a hint with no evidence behind it, or for a mistake the grader never diagnoses."""
    for marker in item.iter_markers("hint"):
        when = set(hint_entry(marker)["when"])
        unknown = when - set(DIAGNOSES)
        if unknown:
            known = ", ".join(DIAGNOSES)
            names = ", ".join(sorted(unknown))
            raise pytest.UsageError(f"{item.nodeid}: hint(when=...) names {names}; use one of {known}")
        if not when - set(NO_EVIDENCE_DIAGNOSES):
            raise pytest.UsageError(
                f"{item.nodeid}: hint({shorten(str(marker.args[0]))!r}) has no evidence: a wrong value "
                "alone does not say which mistake was made. Name the diagnosis it explains "
                "(when=...), attach it to exact wrong values (hint_if=...), or give it to the "
                "known-wrong variant it was written for (a 'Hint: ' paragraph in its docstring)."
            )


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def hint_entry(marker: pytest.Mark) -> dict[str, Any]:
    """A hint and the mistakes it is for: ``hint(text, when="mutated_input")`` (default: a wrong value)."""
    when = marker.kwargs.get("when", ())
    return {"text": str(marker.args[0]), "when": [when] if isinstance(when, str) else [str(w) for w in when]}


def with_case(headline: str, item: pytest.Item) -> str:
    """Make a parametrized test's description its own: name its case, or the bug it checks for."""
    callspec = getattr(item, "callspec", None)
    if callspec is None:
        return headline
    bugs = [case_bug(item, value) for value in callspec.params.values()]
    bug = next((b for b in bugs if b), None)
    if bug is not None:
        return f"{headline.rstrip('.')}: it {bug}."
    return f"{headline.rstrip('.')} ({callspec.id})."


def case_bug(item: pytest.Item, value: Any) -> str | None:
    """The planted bug a write-tests case names, from its implementation's "Bug: ..." docstring."""
    if not isinstance(value, str) or "learner_tests" not in getattr(item, "fixturenames", ()):
        return None
    folder = Path(str(item.path)).parent / IMPLEMENTATIONS / value
    return implementation_description(folder) if folder.is_dir() else None
