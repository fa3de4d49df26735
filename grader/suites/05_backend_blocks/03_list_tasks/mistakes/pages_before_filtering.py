"""Mistake: decides whether a next page exists from all tasks, not the matching ones.

Hint: Filter first, then page: next_after must be about the matching tasks only.
"""

from __future__ import annotations

MAX_LIMIT = 100
ORDERS = ("id", "-id")


def check_parameters(done: object, search: object, order: object, limit: object, after: object) -> None:
    """Raise ValueError naming the first parameter that is not allowed."""
    if done is not None and type(done) is not bool:
        raise ValueError(f"done must be true, false or left out, got {done!r}")
    if search is not None and not isinstance(search, str):
        raise ValueError(f"search must be text, got {search!r}")
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, got {order!r}")
    if type(limit) is not int or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be a whole number from 1 to {MAX_LIMIT}, got {limit!r}")
    if after is not None and type(after) is not int:
        raise ValueError(f"after must be the id of a task, got {after!r}")


def matches(task: dict, done: bool | None, search: str | None) -> bool:
    if done is not None and task["done"] is not done:
        return False
    return search is None or search.casefold() in task["title"].casefold()


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
    check_parameters(done, search, order, limit, after)
    newest_first = order == "-id"
    everything = sorted(tasks, key=lambda t: t["id"], reverse=newest_first)
    if after is not None:
        everything = [t for t in everything if (t["id"] < after if newest_first else t["id"] > after)]
    chosen = [t for t in everything if matches(t, done, search)]
    page = [dict(t) for t in chosen[:limit]]
    more = len(everything) > len(page) and page != [] and page[-1] != everything[-1]
    return {"items": page, "next_after": page[-1]["id"] if more else None}
