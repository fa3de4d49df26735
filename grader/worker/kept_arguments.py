"""Send a large argument to the worker once, then name it by a key while it stays unchanged.

Tests pass the same big lists and dicts to learner code again and again;
encoding, sending and decoding them for every call was most of a call's cost.
The trusted side (:class:`SentArguments`) remembers each large argument it
sent, with a :func:`wire.snapshot`. While every container in it still holds
the very same items, the argument crosses as ``{"~": "kept", "v": key}``
instead of its value; the first time it crosses as ``{"~": "keep", "v": [key,
value]}``.

The worker (:class:`HeldArguments`) keeps its copy with a snapshot of its
own. Learner code may have kept a reference and changed it since, so the copy
is checked before every use; a changed copy is dropped and the worker asks for
the value again (``{"resend": key}``) before any learner code runs. The same
snapshots tell whether the call itself changed its arguments.

Both sides live here because they are one protocol. This file imports only
the standard library, and each side is given the value codec (grader/worker/wire.py),
because the worker loads both files by path, outside the grader package.
"""

from __future__ import annotations

import sys
from collections import OrderedDict
from collections.abc import Callable

TYPE_CHECKING = False  # the worker starts on the learner's clock: no typing import (3 ms)
if TYPE_CHECKING:
    from typing import Any

MIN_ITEMS = 16  # smaller arguments cost less to send than to remember
MAX_KEPT = 64  # arguments remembered at once; the oldest is forgotten first
CONTAINERS = frozenset({list, dict, tuple, set, frozenset})


class StaleArgument(Exception):
    """The worker no longer holds an argument unchanged: it must be sent again."""

    def __init__(self, key: int) -> None:
        super().__init__(key)
        self.key = key


class SentArguments:
    """The trusted side: which large arguments the current worker holds, and under which key."""

    def __init__(self, codec: Any) -> None:
        self.wire = codec
        self.entries: OrderedDict[int, tuple[Any, int, list[tuple[Any, Any]]]] = OrderedDict()
        self.last_key = 0
        self.forgotten: list[int] = []

    def encode(self, value: Any, ref: Callable[[Any], Any]) -> Any:
        """Encode one argument: its key when the worker holds it unchanged, else its value."""
        wire = self.wire
        if type(value) not in CONTAINERS or len(value) < MIN_ITEMS:
            return wire.encode(value, ref=ref)
        entry = self.entries.get(id(value))
        if entry is not None and entry[0] is value and wire.all_unchanged(entry[2]):
            self.entries.move_to_end(id(value))
            return {wire.TAG: "kept", "v": entry[1]}
        data = wire.encode(value, ref=ref)
        if entry is not None:
            self.forgotten.append(entry[1])
        self.last_key += 1
        # The entry keeps ``value`` alive, so its id cannot be reused while it is remembered.
        self.entries[id(value)] = (value, self.last_key, wire.snapshot(value))
        self.entries.move_to_end(id(value))
        while len(self.entries) > MAX_KEPT:
            self.forgotten.append(self.entries.popitem(last=False)[1][1])
        return {wire.TAG: "keep", "v": [self.last_key, data]}

    def encode_call(self, args: tuple, kwargs: dict, ref: Callable[[Any], Any]) -> dict[str, Any]:
        """The arguments part of a call request, with the keys the worker may now forget."""
        tag = self.wire.TAG
        encoded: dict[str, Any] = {"args": {tag: "tuple", "v": [self.encode(value, ref) for value in args]}}
        if tag in kwargs:  # a keyword named like the tag: the codec's own dict form says it safely
            encoded["kwargs"] = self.wire.encode(kwargs, ref=ref)
        else:
            encoded["kwargs"] = {key: self.encode(value, ref) for key, value in kwargs.items()}
        if self.forgotten:
            encoded["forget"], self.forgotten = self.forgotten, []
        return encoded

    def drop(self, key: Any) -> None:
        """Forget the argument sent under ``key`` (the worker asked for it again)."""
        for identity, entry in list(self.entries.items()):
            if entry[1] == key:
                del self.entries[identity]

    def clear(self) -> None:
        """A new worker holds nothing."""
        self.entries.clear()
        self.forgotten = []


class HeldArguments:
    """The worker side: the large arguments sent once, each with a snapshot to check it by."""

    def __init__(self, codec: Any) -> None:
        self.wire = codec
        # key: [value, snapshot, reference counts of its containers when last found unchanged]
        self.held: dict[int, list[Any]] = {}
        self.snapshots: dict[int, list[tuple[Any, Any]]] = {}  # by id of each value handed out

    def keep(self, key: int, value: Any) -> Any:
        pairs = self.wire.snapshot(value)
        self.forget([key])
        self.held[key] = [value, pairs, None]
        self.snapshots[id(value)] = pairs
        return value

    def get(self, key: Any) -> Any:
        """The argument held under ``key``; StaleArgument when learner code changed it since.

        Code can change a container only through a reference to it (or to a
        tuple around it). When no container has gained a reference since it was
        last found unchanged, learner code kept none, and the item-by-item check
        is skipped. A call that changed its arguments is caught after the call
        (see :meth:`snapshot`), and its held arguments are forgotten then.
        """
        if key not in self.held:
            raise StaleArgument(key)
        entry = self.held[key]
        value, pairs, counts = entry
        now = [sys.getrefcount(container) for container, _ in pairs]
        if now == counts:
            return value
        if not self.wire.all_unchanged(pairs):
            self.forget([key])
            raise StaleArgument(key)
        entry[2] = now
        return value

    def forget(self, keys: Any) -> None:
        for key in keys if type(keys) is list else []:
            if key in self.held:
                value = self.held.pop(key)[0]
                self.snapshots.pop(id(value), None)

    def forget_values(self, values: Any) -> None:
        """Forget the held arguments among ``values`` (a call changed one of them)."""
        keys = {id(held[0]): key for key, held in self.held.items()}
        self.forget([keys[id(value)] for value in values if id(value) in keys])

    def snapshot(self, args: tuple, kwargs: dict) -> list[tuple[Any, Any]]:
        """Snapshots of a call's arguments, reusing those of held arguments (checked just now)."""
        pairs: list[tuple[Any, Any]] = []
        for value in (*args, *kwargs.values()):
            held = self.snapshots.get(id(value))
            pairs += held if held is not None else self.wire.snapshot(value)
        return pairs
