"""Record the known-wrong variants' fingerprints beside a suite, and prove the suite's hints with them.

Validate grades each variant without known-mistake hints; here each one's
fingerprint and hints are written to ``known_mistakes.json``, and every
variant is shown what a learner making that mistake would be shown with the
fresh record, which is what the hint proof reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from grader.course.atomic_files import write_atomically
from grader.feedback.known_mistakes import (
    FILE_NAME,
    KnownMistake,
    known_mistakes_text,
    load_known_mistakes,
    with_earlier_record,
    with_known_mistake,
)
from grader.feedback.model import Feedback
from grader.hint_proof import HintCheck, prove_hints


class Variant(Protocol):
    """What validate knows of a graded variant (its MistakeCheck)."""

    @property
    def name(self) -> str: ...
    @property
    def mistake(self) -> str: ...
    @property
    def hints(self) -> tuple[str, ...]: ...
    @property
    def timing(self) -> tuple[str, ...]: ...


Graded = tuple[Variant, Feedback, dict[str, str]]


def record_known_mistakes(
    suite_dir: Path, reference: Feedback, graded: Sequence[Graded]
) -> tuple[list[tuple[str, ...]], tuple[HintCheck, ...]]:
    """Write the suite's known mistakes; give what each variant is shown, and the proof of every hint."""
    earlier = {mistake.variant: mistake for mistake in load_known_mistakes(suite_dir)}
    known = tuple(recorded(check, fingerprint, earlier.get(check.name)) for check, _, fingerprint in graded)
    if known:
        write_if_changed(suite_dir / FILE_NAME, known_mistakes_text(known))
    shown = [hints_of(with_known_mistake(feedback, seen, known)) for _, feedback, seen in graded]
    declared = {check.name: check.hints for check, _, _ in graded}
    proof = prove_hints(suite_dir, declared, dict(zip(declared, shown, strict=True)), hints_of(reference))
    return shown, proof


def recorded(check: Variant, fingerprint: dict[str, str], earlier: KnownMistake | None) -> KnownMistake:
    """The variant's record: this run's fingerprint, merged with the earlier one if timing decides it."""
    fresh = KnownMistake(check.name, check.mistake, check.hints, tuple(fingerprint.items()))
    return with_earlier_record(fresh, earlier) if check.timing else fresh


def hints_of(feedback: Feedback) -> tuple[str, ...]:
    return tuple(t.hint for t in feedback.tests if t.hint)


def write_if_changed(path: Path, text: str) -> None:
    """Leave an unchanged record alone, so validate in CI does not touch a clean checkout."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    write_atomically(path, text)  # a test run beside validate (as in CI) may be reading it
