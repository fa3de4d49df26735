"""Filtering, sorting and cursor pagination over a list of tasks."""

from __future__ import annotations


def list_tasks(
    tasks: list[dict],
    *,
    done: bool | None = None,
    search: str | None = None,
    order: str = "id",
    limit: int = 10,
    after: int | None = None,
) -> dict:
    """Return one page of matching tasks and the cursor for the next page (None on the last)."""
    # TODO: check the parameters, filter, sort by id, skip past `after`, take `limit`.
    raise NotImplementedError
