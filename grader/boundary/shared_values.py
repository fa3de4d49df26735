"""The trusted side of shared values: returned lists, dicts and sets that are the learner's own state.

The worker says which parts of a call's result are, by identity, objects the
learner keeps (``grader/worker/sharing.py``). Each such part is recorded on
the :class:`~grader.testkit.Call` (``context["shared"]``), so a suite can
require a copy, and watched: a suite that changes its copy, as an in-process
test would change the learner's own object, has the change replayed in the
worker before the next request, so it reaches the learner's state as it would
in-process. The replayed value crosses as plain data, like any argument.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from grader.feedback.expectations import Call
from grader.worker import wire

# The most recent shared parts watched for changes; older ones are forgotten (a test
# changes what it was just given).
WATCHED = 16


@dataclass
class Watched:
    key: int  # the worker's key for the learner's object
    value: Any  # the suite's copy
    kept: list[tuple[Any, Any]]  # its snapshot (wire.snapshot) when it last matched the learner's object


class SharedValues:
    """The shared parts handed out by one worker, watched so a suite's change can be replayed."""

    def __init__(self, reference: Callable[[Any], Any]) -> None:
        self.reference = reference
        self.watched: list[Watched] = []

    def clear(self) -> None:
        """A new worker: the objects the keys named are gone."""
        self.watched.clear()

    def note(self, record: Call, shared: Any) -> None:
        """Record on the call which parts of its result are shared, and watch them."""
        if not isinstance(shared, list):
            return
        found = []
        for entry in shared:
            if not (isinstance(entry, list) and len(entry) == 3 and type(entry[2]) is int):
                continue
            path, where, key = entry
            part = located(record.value, path)
            found.append({"path": path, "where": str(where)})
            if type(part) in (list, dict, set):
                self.watched.append(Watched(key, part, wire.snapshot(part)))
        del self.watched[:-WATCHED]
        if found:
            record.context["shared"] = found

    def replay(self, send: Callable[[dict[str, Any]], Any]) -> None:
        """Send the worker every watched value the suite changed since it last matched.

        Changes are found by identity (``wire.snapshot``), as for a call's
        arguments, so a watched value costs next to nothing while unchanged.
        """
        for watched in self.watched:
            if wire.all_unchanged(watched.kept):
                continue
            watched.kept = wire.snapshot(watched.value)
            try:
                value = wire.encode(watched.value, ref=self.reference)
            except (wire.NotPlainData, RecursionError):
                continue  # what cannot cross as an argument cannot be replayed either
            send({"op": "replace", "key": watched.key, "value": value})


def located(value: Any, path: Any) -> Any:
    """The part of a returned value at ``path`` ([] for the value itself, [key, ...] for an item)."""
    if not isinstance(path, list):
        return None
    for key in path:
        if not isinstance(value, (list, tuple, dict)):
            return None
        try:
            value = value[key]
        except (IndexError, KeyError, TypeError):
            return None
    return value
