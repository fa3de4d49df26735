"""The trusted side of shared values: returned lists, dicts and sets that are the learner's own state.

The worker says which parts of a call's result are, by identity, objects the
learner keeps (``grader/worker/sharing.py``): at once for plain suites, else
when a suite asks. Each such part is recorded on the
:class:`~grader.testkit.Call` (``context["shared"]``), so a suite can
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
        # Plain suites may change what they get back: the worker looks at every container result
        # at once. Otherwise it only remembers the result, and a suite's returns_copy asks.
        self.at_once = False
        self.epoch = 0  # which worker the remembered results' keys belong to

    def clear(self) -> None:
        """A new worker: the objects the keys named are gone."""
        self.watched.clear()
        self.epoch += 1

    def note(self, record: Call, reply: dict[str, Any], ask: Callable[[dict[str, Any]], Any]) -> None:
        """Record on the call which parts of its result are shared (or how to ask), and watch them."""
        if type(reply.get("result")) is int:
            key, epoch = reply["result"], self.epoch
            record.context["find_shared"] = lambda: self.asked(record, key, epoch, ask)
        shared = reply.get("shared")
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
        record.context["shared"] = found

    def asked(self, record: Call, key: int, epoch: int, ask: Callable[[dict[str, Any]], Any]) -> list:
        """Ask the worker which parts of a remembered result are shared (for returns_copy)."""
        if epoch == self.epoch and "shared" not in record.context:
            self.note(record, ask({"op": "shared", "key": key}), ask)
        return list(record.context.get("shared", ()))

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
