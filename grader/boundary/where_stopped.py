"""Read the worker's word on where a call was when its time ran out (see grader/worker/stop_watch.py)."""

from __future__ import annotations

import json
from typing import Any

WHERE_LINE = b'{"where": '


def where_line(line: bytes) -> dict[str, Any] | None:
    """Read a ``{"where": ...}`` line from the worker."""
    try:
        return stopped_at(json.loads(line).get("where"))
    except (ValueError, RecursionError, AttributeError):
        return None


def stopped_at(where: Any) -> dict[str, Any] | None:
    """Keep only the plain, short fields of where learner code was stopped (None if unreadable)."""
    if not isinstance(where, dict):
        return None
    kept: dict[str, Any] = {k: short(where.get(k)) for k in ("file", "line", "function", "code")}
    loop = where.get("loop")
    if isinstance(loop, dict):
        kept["loop"] = {k: short(loop.get(k)) for k in ("line", "code", "seconds")}
        kept["loop"]["certain"] = loop.get("certain") is True
        unchanged = loop.get("unchanged")
        if isinstance(unchanged, dict):
            kept["loop"]["unchanged"] = {str(k)[:40]: str(v)[:60] for k, v in list(unchanged.items())[:6]}
    return kept if type(kept["line"]) is int else None


def short(value: Any) -> Any:
    """A number as it is; anything else as a string of at most 200 characters."""
    return value if type(value) in (int, float) else str(value if value is not None else "")[:200]
