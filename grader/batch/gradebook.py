"""The class gradebook: a SQLite file in the output folder, written as results arrive.

One row per learner x exercise x run, with the hash of the graded files and
of the course's suite, so a resumed batch skips what is already graded and an
unchanged submission is never graded twice. Every result is committed on
arrival: a batch killed at any moment loses only the runs still in flight.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.batch.not_graded import STORED_STATUS, is_not_graded
from grader.feedback.model import Feedback

FILE_NAME = "gradebook.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS learners (
    learner TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, notes TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    learner TEXT NOT NULL, exercise TEXT NOT NULL,
    content_hash TEXT NOT NULL, suite_hash TEXT NOT NULL,
    status TEXT NOT NULL, score REAL NOT NULL, max_score REAL NOT NULL,
    feedback TEXT NOT NULL, graded_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_key ON runs (learner, exercise, content_hash, suite_hash);
"""


@dataclass(frozen=True)
class LearnerRow:
    learner: str
    name: str
    kind: str
    notes: tuple[str, ...]


class Gradebook:
    """Open (or create) the gradebook in ``folder``; one writer, the batch's main thread."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")  # a committed result survives kill -9 and power loss
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def record_learner(self, learner: str, name: str, kind: str, notes: list[str]) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO learners VALUES (?, ?, ?, ?)",
                (learner, name, kind, json.dumps(notes)),
            )

    def has_run(self, learner: str, exercise: str, content_hash: str, suite_hash: str) -> bool:
        """Whether these exact files were already graded with this exact suite ("not graded" is not)."""
        row = self.db.execute(
            "SELECT 1 FROM runs WHERE learner=? AND exercise=? AND content_hash=? AND suite_hash=?"
            " AND status != ? LIMIT 1",
            (learner, exercise, content_hash, suite_hash, STORED_STATUS),
        ).fetchone()
        return row is not None

    def record(self, feedback: Feedback, content_hash: str, suite_hash: str) -> None:
        """Store one result and commit it at once."""
        self.record_all([(feedback, content_hash, suite_hash)])

    def record_all(self, results: list[tuple[Feedback, str, str]]) -> None:
        """Store results (feedback, content hash, suite hash) and commit them together: one disk sync."""
        with self.db:
            self.db.executemany(
                "INSERT INTO runs (learner, exercise, content_hash, suite_hash, status, score, max_score,"
                " feedback, graded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        feedback.learner,
                        feedback.exercise_id,
                        content_hash,
                        suite_hash,
                        STORED_STATUS if is_not_graded(feedback) else feedback.status,
                        feedback.score,
                        feedback.max_score,
                        json.dumps(feedback.to_dict()),
                        time.time(),
                    )
                    for feedback, content_hash, suite_hash in results
                ],
            )

    def forget(self, learner: str) -> None:
        """Drop a learner's runs so they are graded again (--regrade)."""
        with self.db:
            self.db.execute("DELETE FROM runs WHERE learner=?", (learner,))

    def learners(self) -> list[LearnerRow]:
        rows = self.db.execute("SELECT learner, name, kind, notes FROM learners ORDER BY learner")
        return [LearnerRow(r[0], r[1], r[2], tuple(json.loads(r[3]))) for r in rows]

    def latest(self) -> dict[tuple[str, str], dict[str, Any]]:
        """The newest feedback (as data) for every learner x exercise."""
        rows = self.db.execute(
            "SELECT learner, exercise, feedback FROM runs WHERE id IN "
            "(SELECT MAX(id) FROM runs GROUP BY learner, exercise)"
        )
        return {(r[0], r[1]): json.loads(r[2]) for r in rows}

    def run_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM runs").fetchone()[0])
