"""Counts said in words: "1 learner", "3 learners", for every message and report that counts."""

from __future__ import annotations


def counted(count: int, noun: str, many: str | None = None) -> str:
    """``count`` and the noun, singular for exactly one; ``many`` when the plural is not noun + "s"."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"
