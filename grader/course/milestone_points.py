"""A project's points per milestone, as the manifest declares them in ``[exercise.milestones]``.

Each graded milestone is worth a share of the project's points, so a milestone
check and the whole project's status speak of the same score.
"""

from __future__ import annotations

from typing import Any


def milestone_points(
    table: Any, kind: str, total: float, where: str, error: type[Exception]
) -> tuple[tuple[int, float], ...]:
    """Read ``milestones = {"3" = 25, ...}``: whole milestone numbers, points adding up to ``total``."""
    if table is None:
        return ()
    if kind != "project":
        raise error(f"{where}: 'milestones' points need kind = \"project\"")
    if not isinstance(table, dict) or not table:
        raise error(f"{where}: 'milestones' must be a table of points per milestone, like {{\"3\" = 25}}")
    parsed = []
    for key, value in table.items():
        if not key.isdigit() or int(key) < 1:
            raise error(f"{where}: milestone {key!r} in 'milestones' is not a whole number from 1")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise error(f"{where}: milestone {key}'s points must be a number, 0 or more")
        parsed.append((int(key), float(value)))
    added = sum(value for _, value in parsed)
    if abs(added - total) > 1e-6:
        raise error(f"{where}: the milestones' points add up to {added:g}, not the exercise's {total:g}")
    return tuple(sorted(parsed))
