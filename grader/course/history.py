"""The learner's check history: one line per check, appended to ``<course>/.grader/history.jsonl``.

Each line is a JSON object: when the check ran (UTC), the exercise, the status and
the mistakes the feedback named (its diagnoses, for example ``printed`` or
``wrong_type``). The file is only ever appended to, one whole line per write; it
is bounded: past ``MAX_LINES`` lines the oldest half moves to ``history.jsonl.1``
(replacing the one before), as raw lines, so even a line that cannot be read is
moved, never dropped. A line that cannot be read is skipped when reading and said.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

HISTORY_FILE = "history.jsonl"
MAX_LINES = 20_000  # years of checks; the older half is kept once, beside it
NOT_MISTAKES = {"", "not_started"}  # an untouched starter is no mistake


@dataclass(frozen=True)
class CheckRecord:
    """One check as the history remembers it."""

    at: datetime  # aware, UTC
    exercise_id: str
    status: str
    mistakes: tuple[str, ...]  # the diagnoses of the tests that did not pass, in order, once each

    def to_line(self) -> str:
        data = {"at": self.at.isoformat(timespec="seconds"), "exercise": self.exercise_id}
        return json.dumps({**data, "status": self.status, "mistakes": list(self.mistakes)}, sort_keys=True)


@dataclass(frozen=True)
class History:
    """Every readable check, oldest first, and what could not be read."""

    records: tuple[CheckRecord, ...]
    unreadable: tuple[int, ...]  # line numbers skipped
    path: Path

    @property
    def notice(self) -> str:
        """A message for the learner when lines were skipped (empty when none were)."""
        if not self.unreadable:
            return ""
        lines = ", ".join(str(n) for n in self.unreadable[:5]) + (", ..." if len(self.unreadable) > 5 else "")
        return (
            f"{len(self.unreadable)} line(s) of your history file {self.path} could not be read "
            f"(line {lines}); they are left in the file as they are and skipped here."
        )


def mistakes_of(statuses_and_diagnoses: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The mistakes a check named: the diagnosis of each test that did not pass, once each, in order."""
    found: dict[str, None] = {}
    for status, diagnosis in statuses_and_diagnoses:
        if status != "passed" and diagnosis not in NOT_MISTAKES:
            found[diagnosis] = None
    return tuple(found)


def record_from(data: Any) -> CheckRecord | None:
    """A record from one parsed line, or None when it does not have the shape written here."""
    if not isinstance(data, dict):
        return None
    at, exercise, status, mistakes = (data.get(k) for k in ("at", "exercise", "status", "mistakes"))
    if not (isinstance(at, str) and isinstance(exercise, str) and isinstance(status, str)):
        return None
    if not isinstance(mistakes, list) or not all(isinstance(m, str) for m in mistakes):
        return None
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        return None
    return CheckRecord(when, exercise, status, tuple(mistakes)) if when.tzinfo else None


def read_history(state_dir: Path) -> History:
    """Read the history; a missing file is an empty history, an unreadable line is skipped and counted."""
    path = state_dir / HISTORY_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return History((), (), path)
    records, unreadable = [], []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = record_from(json.loads(line.decode("utf-8")))
        except ValueError:  # not UTF-8, not JSON
            record = None
        if record is None:
            unreadable.append(number)
        else:
            records.append(record)
    records.sort(key=lambda r: r.at)
    return History(tuple(records), tuple(unreadable), path)


def append_record(state_dir: Path, record: CheckRecord, max_lines: int = MAX_LINES) -> None:
    """Add one line; a line cut short by a crash before is ended first, so the new one stays whole."""
    path = state_dir / HISTORY_FILE
    state_dir.mkdir(parents=True, exist_ok=True)
    with open(path, "ab+") as stream:
        stream.seek(0, os.SEEK_END)
        size = stream.tell()
        ended = True
        if size:
            stream.seek(size - 1)
            ended = stream.read(1) == b"\n"
        stream.write((b"" if ended else b"\n") + record.to_line().encode("utf-8") + b"\n")
    if size > max_lines * 80:  # only a long file is counted
        keep_bounded(path, max_lines)


def keep_bounded(path: Path, max_lines: int) -> None:
    """Past ``max_lines``, move the oldest half (raw lines) to ``<name>.1`` and keep the rest."""
    lines = path.read_bytes().splitlines(keepends=True)
    if len(lines) <= max_lines:
        return
    cut = len(lines) - max_lines // 2
    older = path.with_name(path.name + ".1")
    write_bytes_atomically(older, b"".join(lines[:cut]))
    write_bytes_atomically(path, b"".join(lines[cut:]))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
