"""Decide once what went wrong in a failed test, and explain that mistake.

A diagnosis is read from what the learner's code really did (the plain data a
failed check carries): it returned None, a generator or the wrong type, it
printed the answer instead of returning it, it changed its input, it raised,
it ran out of time. The diagnosis chooses the explanation; a test's own hint
is shown only with evidence: the exact wrong value it names (``hint_if``) or
the diagnosis it names (``when=``). A plain wrong value earns no guess.
"""

from __future__ import annotations

from typing import Any

from grader.feedback.compare import article
from grader.feedback.recursion import ENDLESS, TOO_DEEP, UNCLEAR, recursion_of, verdict

# suite_refused: a plain suite asked for something that cannot cross the boundary (the suite's problem).
ERROR_KINDS = {"import_error", "crash", "suite_error", "suite_refused", "server_failed"}
# The failures a hint_if hint (attached to the value that came back, or the exception raised) may explain.
VALUE_FAILURES = ("wrong_value", "wrong_type", "no_exception", "wrong_message", "exception")
# A wrong value alone is evidence of no particular mistake: a hint for it needs hint_if or a variant.
NO_EVIDENCE_DIAGNOSES = ("wrong_value",)
KIND_DIAGNOSES = {
    "not_started": "not_started",
    "timeout": "timeout",
    "learner_exception": "exception",
    "wrong_exception": "exception",
    "mutated_input": "mutated_input",
    "no_exception": "no_exception",
    "wrong_message": "wrong_message",
    "assertion": "wrong_value",
    "http": "wrong_value",
}
# Every diagnosis a failure can get; a hint's when=... names some of these.
DIAGNOSES = (
    "wrong_value",
    "wrong_type",
    "none_returned",
    "printed",
    "generator",
    "mutated_input",
    "shared_state",
    "exception",
    "no_exception",
    "printed_error",
    "wrong_message",
    "timeout",
    ENDLESS,
    TOO_DEEP,
    UNCLEAR,
    "endless",
    "slow",
    "not_started",
    "correct_version_fails",
    "bug_not_caught",
    "tests_broken",
)
NO_RETURN_HINT = (
    "Your function gave back None. A function that ends without a return statement "
    "returns None: check that every path ends in return."
)
PRINTED_HINT = (
    "print() shows a value on the screen; return hands it back to the code that called "
    "your function. Replace print(...) with return ..."
)
EXPLANATIONS = {
    "none_returned": NO_RETURN_HINT,
    "printed": PRINTED_HINT,
    "generator": (
        "A function with yield in it gives back a generator, not a list. Append each item "
        "to a list and return the list."
    ),
    "printed_error": (
        "print() only shows a message; it does not stop the function. "
        'raise ValueError("...") stops it and tells the caller what is wrong.'
    ),
    "mutated_input": "Build a new value instead of modifying the one you were given.",
    "shared_state": (
        "Returning the list or dict your code keeps hands out the original, not a copy. "
        "Return a copy instead: dict(task), list(items), or [dict(t) for t in tasks]."
    ),
    # Only a call found never to end is called endless (grader/boundary/stopped_calls.py decides).
    "timeout": (
        "It was stopped before it finished: the line where it was stopped shows where your code spent "
        "its time. Check that each loop moves towards its end and does no more work than it needs."
    ),
    "endless": (
        "A loop ends only when its condition becomes false: something inside it must change "
        "what the condition reads, every time round."
    ),
    "slow": (
        "It finishes, but too slowly for this many items. Look for a loop inside a loop, or `in`, "
        "`.remove()` or `.count()` on a list inside a loop: a set or a dict finds an item in one step."
    ),
    "exception": "The 'at' lines show where in your code it happened; the last one is where Python stopped.",
    ENDLESS: (
        "A function that calls itself needs a base case, an input it answers without calling itself, "
        "and every call must get closer to it."
    ),
    TOO_DEEP: (
        "Each call waits for the call it made, and Python stops at about 1000 waiting calls, "
        "however right the recursion is."
    ),
    UNCLEAR: (
        "Either it never reaches an input it answers without calling itself, or the input needs "
        "more calls in a row than Python allows."
    ),
}


def diagnose(failure: dict[str, Any]) -> str:
    """Name the mistake behind a failure (empty when it is not the learner's mistake to fix)."""
    kind = str(failure.get("kind", ""))
    if kind in ERROR_KINDS or kind in ("missing", "not_plain"):
        return "error"
    if kind == "no_exception" and failure.get("diagnosis") == "printed_error":
        return "printed_error"
    evidence = recursion_of(failure)
    if evidence is not None:
        return verdict(evidence)[0]
    if kind in ("timeout", "growth") and failure.get("verdict") in ("endless", "slow"):
        return str(failure["verdict"])
    if kind == "mismatch":
        diagnosis = str(failure.get("diagnosis") or "wrong_value")
        if diagnosis == "none_returned" and printed_instead_of_returned(failure):
            return "printed"
        return diagnosis
    return KIND_DIAGNOSES.get(kind, "wrong_value")


def printed_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip()]


def printed_instead_of_returned(failure: dict[str, Any]) -> bool:
    """It returned None and printed the expected value itself: a whole line, or the items one per line.

    Only what the learner's code printed counts (``output``); notes of ours,
    such as how much output was cut off, are kept apart and never matched.
    """
    if not failure.get("got_none"):
        return False
    lines = printed_lines(str(failure.get("output", "")))
    whole = {str(failure.get(key, "")).strip() for key in ("expected_text", "expected_repr")} - {""}
    if whole & set(lines):
        return True
    items = [str(item).strip() for item in failure.get("expected_lines") or []]
    if not items:
        return False
    return any(lines[start : start + len(items)] == items for start in range(len(lines) - len(items) + 1))


def test_hints(meta: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """A test's hints with the diagnoses that are evidence for each (read from the hint markers).

    A marker that names no diagnosis, or only a wrong value, has no evidence
    behind it: it is never shown (collection refuses it, so validate reports it).
    """
    hints = []
    for entry in meta.get("hints", []):
        when = entry.get("when") if isinstance(entry, dict) else None
        evidence = tuple(str(w) for w in when or () if w not in NO_EVIDENCE_DIAGNOSES)
        if evidence:
            hints.append((str(entry.get("text", "")), evidence))
    return hints


def choose_hint(diagnosis: str, failure: dict[str, Any], meta: dict[str, Any]) -> str:
    """The hint for this failure, only with evidence: an exact wrong value, else this exact diagnosis."""
    if failure.get("hint") and diagnosis in VALUE_FAILURES:
        return str(failure["hint"])  # attached to this exact wrong value, or a predicate it meets (hint_if)
    for text, when in test_hints(meta):
        if diagnosis in when:
            return text
    if diagnosis == "wrong_type":
        return wrong_type_hint(failure)
    return EXPLANATIONS.get(diagnosis, "")


def wrong_type_hint(failure: dict[str, Any]) -> str:
    got, expected = failure.get("got_type", ""), failure.get("expected_type", "")
    if not got or not expected or got == expected:
        return "A value can look right and still have the wrong type: compare the types in the message."
    return (
        f"Your code gave back {article(got)} where {article(expected)} was expected: "
        "a value can look right and still have the wrong type."
    )
