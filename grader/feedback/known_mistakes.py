"""Known mistakes as evidence: a failure that matches a known-wrong variant's earns that variant's hint.

``grader validate`` grades every variant in a suite's ``mistakes/`` folder and
records its failure fingerprint, with the hints its docstring carries
(paragraphs starting ``Hint: ``), in ``known_mistakes.json`` beside the suite.
A learner's run whose fingerprint matches exactly one hint is told "this
looks like" that mistake; no match, or matches that disagree, shows no guess.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from grader.feedback.fingerprints import PASSED, Fingerprint, Recorded, matches
from grader.feedback.model import Feedback, TestResult

FILE_NAME = "known_mistakes.json"
ABOUT = "Written by `grader validate` from the variants in mistakes/: do not edit by hand."


@dataclass(frozen=True)
class KnownMistake:
    """One known-wrong variant: the mistake it models, its hint and how it fails."""

    variant: str
    mistake: str  # the docstring's "Mistake: ..." line
    hints: tuple[str, ...]  # the docstring's "Hint: ..." paragraphs, without "Hint: "
    fingerprint: tuple[tuple[str, Recorded], ...]  # (test name, what it gave), in the suite's order

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["hints"] = list(self.hints)
        data["fingerprint"] = {name: as_json(seen) for name, seen in self.fingerprint}
        return data


def from_dict(data: Mapping[str, Any]) -> KnownMistake:
    fingerprint = data.get("fingerprint") or {}
    return KnownMistake(
        variant=str(data.get("variant", "")),
        mistake=str(data.get("mistake", "")),
        hints=tuple(str(h) for h in data.get("hints") or ()),
        fingerprint=tuple((str(k), recorded_from(v)) for k, v in fingerprint.items()),
    )


def as_json(recorded: Recorded) -> str | list[str]:
    """One signature as it is, several as a list (JSON has no tuples)."""
    return recorded if isinstance(recorded, str) else list(recorded)


def recorded_from(value: Any) -> Recorded:
    """One signature, or the several a timing-dependent variant gave (a list in the file)."""
    return tuple(str(v) for v in value) if isinstance(value, list) else str(value)


def load_known_mistakes(suite_dir: Path) -> tuple[KnownMistake, ...]:
    """The known mistakes recorded beside a suite (none when validate has not recorded any)."""
    path = suite_dir / FILE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    return tuple(from_dict(entry) for entry in data.get("mistakes", []) if isinstance(entry, dict))


def known_mistakes_text(mistakes: Iterable[KnownMistake]) -> str:
    """The file validate writes: stable, sorted by variant, one diff line per changed fact."""
    entries = [m.to_dict() for m in sorted(mistakes, key=lambda m: m.variant)]
    return json.dumps({"about": ABOUT, "mistakes": entries}, indent=2, ensure_ascii=False) + "\n"


def public_part(mistakes: Iterable[KnownMistake], public_tests: set[str]) -> list[KnownMistake]:
    """What a learner edition may hold: the public tests' signatures, of the mistakes they catch.

    A mistake only instructor-only tests catch is left out whole: its description
    would say what those tests check.
    """
    kept = []
    for mistake in mistakes:
        fingerprint = tuple((name, sig) for name, sig in mistake.fingerprint if name in public_tests)
        if any(isinstance(seen, str) and seen != PASSED for _, seen in fingerprint):
            kept.append(replace(mistake, fingerprint=fingerprint))
    return kept


def with_earlier_record(fresh: KnownMistake, earlier: KnownMistake | None) -> KnownMistake:
    """Add to each test's record what the earlier record of this variant saw it give.

    For a variant whose catching depends on timing (a race, or a speed that a
    test's limit judges): each validate adds what it saw, so the record settles,
    and a learner with the same race matches it whichever tests the race
    reached, but not with another failure of those tests. A changed mistake,
    hint or set of tests starts the record afresh.
    """
    if earlier is None or (earlier.mistake, earlier.hints) != (fresh.mistake, fresh.hints):
        return fresh
    before = dict(earlier.fingerprint)
    if set(before) != {name for name, _ in fresh.fingerprint}:
        return fresh
    return replace(
        fresh, fingerprint=tuple((name, seen_both(before[name], now)) for name, now in fresh.fingerprint)
    )


def seen_both(before: Recorded, now: Recorded) -> Recorded:
    seen = sorted({*as_tuple(before), *as_tuple(now)})
    return seen[0] if len(seen) == 1 else tuple(seen)


def as_tuple(recorded: Recorded) -> tuple[str, ...]:
    return (recorded,) if isinstance(recorded, str) else recorded


def matching_mistakes(observed: Fingerprint, known: Iterable[KnownMistake]) -> list[KnownMistake]:
    """The known mistakes this run's failures match, when they agree on their hints; else none.

    Variants that fail identically cannot be told apart: unless they carry the
    same hints, nothing is said rather than a guess between them.
    """
    found = [m for m in known if matches(observed, dict(m.fingerprint))]
    hints = {m.hints for m in found}
    return found if len(hints) == 1 and () not in hints else []


def looks_like(found: list[KnownMistake], hints: Iterable[str]) -> str:
    """The hint a matching learner sees: which known mistake it looks like, named only when just one fits."""
    what = found[0].mistake.removeprefix("Mistake:").strip().rstrip(".") if len(found) == 1 else ""
    opening = f"This looks like a known mistake: {what}." if what else "This looks like a known mistake."
    return " ".join([opening, *hints])


def with_known_mistake(feedback: Feedback, observed: Fingerprint, known: Iterable[KnownMistake]) -> Feedback:
    """Add the matching known mistake's hints to the first failed test, leaving out what is already said.

    A hint a test already shows (its ``when=`` or ``hint_if`` evidence) is not repeated.
    """
    found = matching_mistakes(observed, known)
    failed = [i for i, t in enumerate(feedback.tests) if t.status in ("failed", "timeout")]
    if not found or not failed:
        return feedback
    unsaid = [h for h in found[0].hints if not any(h in t.hint for t in feedback.tests)]
    if not unsaid:
        return feedback
    index = next((i for i in failed if not feedback.tests[i].hint), failed[0])
    tests = list(feedback.tests)
    tests[index] = with_hint(tests[index], looks_like(found, unsaid))
    return replace(feedback, tests=tuple(tests))


def with_hint(test: TestResult, text: str) -> TestResult:
    return replace(test, hint=f"{test.hint} {text}".strip())
