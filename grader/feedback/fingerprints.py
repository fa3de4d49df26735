"""The failure fingerprint of a run: which tests failed, and how, in a form two runs can compare.

A test's signature is its diagnosis plus the one fact that tells that kind of
failure apart: the value that came back, the exception's type, the HTTP
status. Words a learner chooses (an exception's message, a server's log) are
left out, so the same mistake gives the same fingerprint whoever makes it;
values are kept exactly, so two different mistakes rarely share one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from grader.feedback.diagnosis import diagnose

PASSED = ""  # the signature of a test that passed
# Runs that say nothing about the learner's mistake: no fingerprint, so no known mistake matches.
NO_EVIDENCE = frozenset({"error"})
STATUS_CODE = re.compile(r"\b([1-5]\d\d)\b")
# An object's address differs from run to run: two runs of one mistake must still compare equal.
ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]+")
# Whether a call that did not finish is called endless, slow or only stopped rests on timings
# a loaded machine changes: a fingerprint keeps only that it did not finish.
OUT_OF_TIME = frozenset({"timeout", "endless", "slow"})
STOPPED = "stopped"

Fingerprint = Mapping[str, str]  # test name -> signature (PASSED when it passed)
# What a known mistake records of a test: its one signature, or, for a variant whose catching
# depends on timing (its docstring's "Timing: " paragraph), every signature validate saw it give.
Recorded = str | tuple[str, ...]


def failure_signature(failure: Mapping[str, Any]) -> str:
    """Say how one test failed: its diagnosis and the fact that sets this failure apart."""
    diagnosis = diagnose(dict(failure))
    if diagnosis in OUT_OF_TIME:
        return STOPPED
    fact = ADDRESS.sub("at 0x...", distinguishing_fact(failure))
    return f"{diagnosis}: {fact}" if fact else diagnosis


def distinguishing_fact(failure: Mapping[str, Any]) -> str:
    """The value, exception type or status that sets this failure apart (never free text)."""
    kind = failure.get("kind")
    if kind in ("mismatch", "no_exception", "mutated_input"):
        return str(failure.get("got", ""))
    if kind in ("learner_exception", "wrong_exception"):
        info = failure.get("exception")
        if isinstance(info, Mapping) and info.get("type"):
            return str(info["type"])
        return str(failure.get("got", "")).split(":", 1)[0]
    if kind == "http":
        found = STATUS_CODE.search(str(failure.get("response", "")))
        return found.group(1) if found else ""
    if kind == "assertion":
        return str(failure.get("summary", ""))
    return ""  # timeout, wrong_message, not_started, growth: the diagnosis says it all


def run_fingerprint(report: Mapping[str, Any] | None) -> dict[str, str]:
    """Every test of a run with its signature; empty when the run gives no evidence at all."""
    if report is None:
        return {}
    fingerprint = {}
    for entry in report.get("tests", []):
        name = str(entry.get("nodeid", "")).rsplit("::", 1)[-1]
        failure = failed_check(entry)
        if failure is None:
            fingerprint[name] = PASSED
            continue
        signature = failure_signature(failure)
        if signature.split(":", 1)[0] in NO_EVIDENCE:
            return {}
        varies = (entry.get("metadata") or {}).get("varies")  # its numbers change from run to run
        fingerprint[name] = signature.split(":", 1)[0] if varies else signature
    return fingerprint


def failed_check(entry: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The failure a test's report entry carries, or None when the test passed."""
    meta = entry.get("metadata") or {}
    for stage in ("setup", "call", "teardown"):
        failure = meta.get(f"failure_{stage}")
        if isinstance(failure, Mapping):
            return failure
    if entry.get("outcome") in ("passed", None):
        return None
    return {"kind": "suite_error"}


def matches(observed: Fingerprint, known: Mapping[str, Recorded]) -> bool:
    """The same tests fail in the same way: every test this run holds, and at least one failure.

    A run of part of the suite (one milestone, the public tests) is compared on
    the tests it ran; a test the known mistake never met is no match. Where the
    known mistake recorded several outcomes, any of them agrees, but one failure
    at least must be a test with a single outcome.
    """
    failed_as_always = False
    for name, signature in observed.items():
        recorded = known.get(name)
        if isinstance(recorded, tuple):
            if signature not in recorded:
                return False
            continue
        if recorded != signature:
            return False
        failed_as_always = failed_as_always or signature != PASSED
    return failed_as_always
