"""How large an exercise's graded files may be: one limit, the same wherever the batch grades.

The limit covers the files an exercise's manifest entry selects (what the
runner stages and a cluster job carries as bytes), summed. The plan checks it
before any grading, so a local batch and a Dask cluster record the same
error with the same words for the same files; the cluster's job payload is
checked against the same number before it is sent. (Each single file is also
capped when a submission is copied in: :mod:`grader.batch.unpack`.)
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_EXERCISE_BYTES = 2 * 1024 * 1024


def size_problem(sizes: Iterable[int]) -> str | None:
    """Why files of these sizes are not graded, or None when they are within the limit."""
    total = sum(sizes)
    if total <= MAX_EXERCISE_BYTES:
        return None
    return (
        f"Your files for this exercise are too large to grade: {total // 1024} KiB in all, "
        f"and at most {MAX_EXERCISE_BYTES // 1024} KiB are graded. Keep large data out of your code."
    )
