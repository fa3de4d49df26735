"""Tell whether a value a call returned is still part of the learner's own state.

Runs in the worker (standard library only, loaded by path by ``main``) and
in-process for testkit's ``call`` on plain callables. A returned list, dict or
set (or one of its items) that is, by identity, the very object kept in the
receiving object's attributes, its class's attributes or the module's globals,
one or two levels down, is shared: a caller who changes it changes the
learner's state. Nothing here calls learner methods other than ``vars()``.
"""

from __future__ import annotations

import sys
from itertools import islice

TYPE_CHECKING = False  # the worker starts on the learner's clock: no typing import
if TYPE_CHECKING:
    from typing import Any

MUTABLE = (list, dict, set)
CONTAINERS = (list, dict, set, tuple)
# How many items at each end of one container are looked at (see items_of).
SAMPLE = 16
FOUND_LIMIT = 20
RECENT = 8  # container results remembered for a later question (a suite asks right after the call)


def items_of(container: Any) -> list[tuple[Any, Any]]:
    """(key or index, item) pairs of a list or dict: its first and last SAMPLE items.

    Called after every call that returns a container, so the cost must not
    grow with the learner's store: the items a call just stored or looked up
    first are at either end, and a test that needs sharing seen keeps its
    store small.
    """
    if isinstance(container, dict):
        head = list(islice(dict.items(container), SAMPLE))
        tail = list(islice(reversed(dict.items(container)), min(SAMPLE, len(container) - len(head))))
        return head + tail
    if isinstance(container, (list, tuple)):
        size = len(container)
        start = max(SAMPLE, size - SAMPLE)
        return [*enumerate(container[:SAMPLE]), *zip(range(start, size), container[start:], strict=True)]
    return []


def returned_parts(value: Any, path: list[Any] | None = None) -> list[tuple[list[Any], Any]]:
    """The returned value and its items, two levels down, that a caller could change: (path, object)."""
    path = path or []
    parts: list[tuple[list[Any], Any]] = [(path, value)] if isinstance(value, MUTABLE) else []
    if len(path) < 2 and isinstance(value, (list, tuple, dict)):
        for key, item in items_of(value):
            # A path crosses as JSON: items under other keys are not told apart.
            if isinstance(item, CONTAINERS) and type(key) in (str, int):
                parts += returned_parts(item, [*path, key])
    return parts


def attributes(owner: Any) -> list[tuple[str, Any]]:
    """An object's own attributes (``__dict__`` and slots) as (name, value)."""
    found: list[tuple[str, Any]] = []
    if hasattr(owner, "__dict__"):  # else slots only
        found += list(vars(owner).items())
    for cls in type(owner).__mro__:
        for name in getattr(cls, "__dict__", {}).get("__slots__", ()) or ():
            if isinstance(name, str) and hasattr(owner, name):
                found.append((name, getattr(owner, name)))
    return found


def roots_of(owner: Any, module: Any) -> list[tuple[str, Any, Any]]:
    """Where the learner keeps state: the receiving object's attributes, its class's, the module's.

    Each is (prefix, name, value), containers only; the place is written out only for a match.
    """
    roots: list[tuple[str, Any, Any]] = []
    if owner is not None:
        roots += [
            ("self.", name, value) for name, value in attributes(owner) if isinstance(value, CONTAINERS)
        ]
        cls = type(owner)
        roots += [(f"{cls.__name__}.", n, v) for n, v in vars(cls).items() if isinstance(v, CONTAINERS)]
    if module is not None:
        roots += [("", name, value) for name, value in vars(module).items() if isinstance(value, CONTAINERS)]
    return roots


def sample_of(container: Any) -> list[Any]:
    """The first and last SAMPLE items (dict values) of a container, taken at C speed."""
    if isinstance(container, dict):
        values = dict.values(container)
        return [*islice(values, SAMPLE), *islice(reversed(values), SAMPLE)]
    if isinstance(container, (list, tuple)):
        return [*container[:SAMPLE], *container[-SAMPLE:]]
    return []


def kept_places(wanted: set[int], roots: list[tuple[str, Any, Any]]) -> dict[int, str]:
    """id -> where the learner keeps it (``self._tasks[3]``, ``HISTORY``), for the ids in ``wanted``.

    Runs after every call that returns a container: each root is first looked
    at in C (its sampled items' ids, the types among them), and walked item by
    item only when it may hold what was returned.
    """
    places: dict[int, str] = {}
    for prefix, name, value in roots:
        if str(name).startswith("__"):
            continue
        if id(value) in wanted:
            places.setdefault(id(value), f"{prefix}{name}")
        sample = sample_of(value)
        if wanted.isdisjoint(map(id, sample)) and tuple not in set(map(type, sample)):
            continue
        for key, item in items_of(value):
            if id(item) in wanted:
                places.setdefault(id(item), f"{prefix}{name}[{key!r}]")
            elif type(item) is tuple:  # a record such as (expires_at, task)
                for index, inner in enumerate(item[:SAMPLE]):
                    if id(inner) in wanted:
                        places.setdefault(id(inner), f"{prefix}{name}[{key!r}][{index}]")
    return places


def argument_roots(
    function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> list[tuple[str, Any, Any]]:
    """The call's arguments as roots, named as the function names its parameters."""
    code = getattr(getattr(function, "__func__", function), "__code__", None)
    names = code.co_varnames[: code.co_argcount] if code is not None else ()
    names = names[1:] if hasattr(function, "__self__") else names
    named = [(names[n] if n < len(names) else f"argument {n + 1}", arg) for n, arg in enumerate(args)]
    return [("argument:", name, value) for name, value in [*named, *kwargs.items()]]


def shared_parts(
    value: Any, owner: Any, module: Any, arguments: list[tuple[str, Any, Any]] | None = None
) -> list[tuple[list[Any], str, Any]]:
    """(path in the returned value, where the learner keeps it, the object) for each shared part.

    A part found in an argument is named ``argument:tasks[0]``: the caller's own object.
    """
    parts = returned_parts(value)
    if not parts:
        return []
    try:
        places = kept_places({id(part) for _, part in parts}, [*roots_of(owner, module), *(arguments or [])])
    except Exception:  # a learner __dict__ that refuses to be read: nothing can be told
        return []
    found = [(path, places[id(part)], part) for path, part in parts if id(part) in places]
    return found[:FOUND_LIMIT]


class SharedValues:
    """The worker's side: shared parts found, kept by key so a suite's change can be replayed.

    Looking costs about as much as the call's round trip, so unless the request
    asks for it at once (``"shared": true``, sent for plain suites, which may
    change what they get back) a container result is only remembered, with
    its call, and looked at when a suite asks (``returns_copy``).
    """

    def __init__(self, resolve: Any) -> None:
        self.resolve = resolve  # the worker's: a call's target -> the object it names
        self.kept: dict[int, Any] = {}
        self.recent: dict[int, tuple[Any, ...]] = {}  # the last RECENT container results, by key
        self.results = 0

    def note(
        self, target: list[Any], value: Any, args: tuple[Any, ...], kwargs: dict[str, Any], now: bool
    ) -> dict:
        """What the reply says of a container result: its shared parts, or the key to ask about it later."""
        if target[2] is None:
            return {}  # an object called as a function: no receiver whose state it could be
        if now:
            return self.look(target, value, args, kwargs)
        self.results += 1
        self.recent[self.results] = (target, value, args, kwargs)
        self.recent.pop(self.results - RECENT, None)
        return {"result": self.results}

    def answer(self, request: dict[str, Any], decode: Any) -> dict[str, Any]:
        """Serve ``shared`` (look at a remembered result) and ``replace`` (replay a suite's change)."""
        if request["op"] == "shared":
            remembered = self.recent.get(int(request["key"]))
            return self.look(*remembered) if remembered else {}
        return self.replace(int(request["key"]), decode(request["value"]))

    def look(self, target: list[Any], value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict:
        """The reply's ``shared`` entry: [path, where, key] per shared part."""
        kind, owner, _ = target
        try:
            receiver = self.resolve([kind, owner, None])
            module = receiver if kind == "module" else sys.modules.get(type(receiver).__module__)
            receiver = None if kind == "module" else receiver
            arguments = argument_roots(self.resolve(target), args, kwargs)
        except Exception:  # learner attribute hooks that raise: the call itself went well
            return {}
        shared = []
        for path, where, part in shared_parts(value, receiver, module, arguments):
            self.kept[len(self.kept) + 1] = part
            shared.append([path, where, len(self.kept)])
        return {"shared": shared}

    def replace(self, key: int, new: Any) -> dict[str, Any]:
        """Give a shared value the contents the suite gave its copy, in place."""
        kept = self.kept[key]
        if isinstance(kept, list):
            kept[:] = new
        else:
            kept.clear()
            kept.update(new)
        return {"value": None}
