"""Know which tests are instructor-only, and whether this course is a learner edition.

Instructor-only tests live in suite files named ``test_*_instructor.py``: a whole
file is easy to leave out of a release and impossible to half-strip. A learner
edition carries ``exercises/.edition`` (JSON, written by `grader release`) with
how many instructor-only tests each exercise had, so a local check can say so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

INSTRUCTOR_SUFFIX = "_instructor.py"
INSTRUCTOR_PATTERN = "test_*" + INSTRUCTOR_SUFFIX
EDITION_FILE = Path("exercises") / ".edition"


def is_instructor_file(path: Path) -> bool:
    """Whether a suite file holds instructor-only tests."""
    return path.name.startswith("test_") and path.name.endswith(INSTRUCTOR_SUFFIX)


def has_instructor_tests(suite_dir: Path) -> bool:
    return any(is_instructor_file(p) for p in suite_dir.rglob(INSTRUCTOR_PATTERN))


@dataclass(frozen=True)
class Edition:
    """What `grader release` recorded about a learner edition."""

    kind: str
    with_solutions: bool
    hidden_tests: dict[str, int] = field(default_factory=dict)
    solutions_note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "edition": self.kind,
            "with_solutions": self.with_solutions,
            "hidden_tests": dict(sorted(self.hidden_tests.items())),
            "solutions_note": self.solutions_note,
        }


def read_edition(course_root: Path) -> Edition | None:
    """The learner edition's record, or None in the instructor's full course (or if unreadable)."""
    try:
        data = json.loads((course_root / EDITION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("edition") != "learner":
        return None
    hidden = data.get("hidden_tests", {})
    counts = (
        {str(k): int(v) for k, v in hidden.items() if isinstance(v, int)} if isinstance(hidden, dict) else {}
    )
    return Edition(
        kind="learner",
        with_solutions=bool(data.get("with_solutions", False)),
        hidden_tests=counts,
        solutions_note=str(data.get("solutions_note", "")),
    )


def write_edition(course_root: Path, edition: Edition) -> None:
    path = course_root / EDITION_FILE
    path.write_text(json.dumps(edition.to_dict(), indent=2) + "\n", encoding="utf-8")


def local_checks_note(edition: Edition | None, exercise_id: str, passed_here: int) -> str:
    """The honest line a learner edition adds under a check; empty when nothing is hidden."""
    more = edition.hidden_tests.get(exercise_id, 0) if edition else 0
    if not more:
        return ""
    checks = "check" if passed_here == 1 else "checks"
    return f"{passed_here} {checks} passed here; your instructor's grading runs {more} more."
