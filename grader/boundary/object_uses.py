"""What a test's own Python does to a learner object: ``==``, ``len``, ``in``, ``[]``, ``for``, ``next``.

Each use is done in the worker, where the object lives (the worker's
``apply`` request), so a learner class's ``__len__``, ``__iter__`` or
``__getitem__`` answers as it would in-process, and only plain data and
handles come back. Comparisons follow one rule: two learner objects are
compared in the worker, as plain pytest would compare them; a learner object
and a trusted value are never compared by learner code. Such a comparison
is decided here only for an object that Python itself compares by a plain
value (an ``IntEnum`` or ``StrEnum`` member, by its int or str; a subclass
of ``dict`` or ``list`` that keeps their ``==``, by a copy of its items made
in the worker); any other learner object is equal to no trusted value, as
its type's ``__eq__`` would have to run to say otherwise.

Iteration pulls items from the worker in chunks that grow from 1 to
:data:`MAX_CHUNK`, under the test's deadline and the 16 MB reply limit over
the whole iteration, so an endless generator fails the test instead of the run.
"""

from __future__ import annotations

import operator
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from grader.boundary.learner_problems import NotPlain, rebuild_exception
from grader.boundary.process import MAX_REPLY_BYTES, LearnerProblem, LearnerTimeout
from grader.boundary.refusals import PLAIN_DATA, SuiteRefusal, describe_value
from grader.worker import wire

MAX_CHUNK = 4096
NO_FACE: Any = object()  # an object compared by identity: it has no plain value


def apply(handle: Any, name: str, args: tuple, shown: str) -> tuple[Any, dict[str, Any]]:
    """Run one built-in operation in the worker: its result (plain data or handles) and the reply."""
    handle._check_alive()
    session = handle._session
    try:
        data = wire.encode(args, ref=session.reference)
    except wire.NotPlainData:
        item = next((a for a in args if a is not handle), args[-1])
        raise SuiteRefusal(f"uses {shown} with {describe_value(item)}", PLAIN_DATA) from None
    reply = session.request({"op": "apply", "name": name, "args": data})
    if "error" in reply:
        error = rebuild_exception(reply["error"])
        error.learner_info["call"] = shown  # type: ignore[attr-defined]
        raise error
    if "not_plain" in reply:
        raise NotPlain(f"{shown}: the result is not plain data ({reply['not_plain']})", call=shown)
    return session.decode(reply.get("value")), reply


def compared(name: str) -> Callable[[Any, Any], Any]:
    """A comparison special method: in the worker for two learner objects, by plain value otherwise."""
    plain = getattr(operator, name)

    def method(self: Any, other: Any) -> Any:
        if isinstance(other, ObjectUses) and other._session is self._session:
            if name in ("eq", "ne") and other._key() == self._key():
                return name == "eq"
            return apply(self, name, (self, other), f"{self._learner_label()} {SYMBOLS[name]} …")[0]
        face = self._plain if self._plain is not NO_FACE else content(self)
        if face is NO_FACE:
            return NotImplemented  # Python then tries the trusted value's side, then identity
        return plain(face, other)

    method.__name__ = f"__{name}__"
    return method


SYMBOLS = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}


def content(handle: Any) -> Any:
    """What a learner subclass of dict, list ... compares as, copied in the worker now; else NO_FACE.

    Only a subclass that keeps its base's ``==`` has one: the comparison is
    then the base type's own, made here on plain data, as Python would make it.
    """
    found = apply(handle, "content", (handle,), f"{handle._learner_label()} == …")[0]
    return found[0] if type(found) is list and len(found) == 1 else NO_FACE


class ObjectUses:
    """The special methods of a learner-object handle (mixed into RemoteObject)."""

    _session: Any
    _plain: Any = NO_FACE
    _type_name: str

    # Given by RemoteObject and ObjectChecks, later in the method order: declared, not defined here.
    _key: Callable[[], tuple[int, int]]
    _check_alive: Callable[[], None]
    _learner_label: Callable[[], str]

    __eq__ = compared("eq")
    __ne__ = compared("ne")
    __lt__ = compared("lt")
    __le__ = compared("le")
    __gt__ = compared("gt")
    __ge__ = compared("ge")

    def __hash__(self) -> int:
        return hash(self._plain) if self._plain is not NO_FACE else hash(self._key())

    def __len__(self) -> int:
        value = apply(self, "len", (self,), f"len({self._learner_label()})")[0]
        return operator.index(value)

    def __bool__(self) -> bool:
        return apply(self, "bool", (self,), f"bool({self._learner_label()})")[0] is True

    def __contains__(self, item: Any) -> bool:
        return bool(apply(self, "contains", (self, item), f"… in {self._learner_label()}")[0])

    def __getitem__(self, key: Any) -> Any:
        return apply(self, "getitem", (self, key), f"{self._learner_label()}[…]")[0]

    def __setitem__(self, key: Any, value: Any) -> None:
        apply(self, "setitem", (self, key, value), f"{self._learner_label()}[…] = …")

    def __delitem__(self, key: Any) -> None:
        apply(self, "delitem", (self, key), f"del {self._learner_label()}[…]")

    def __str__(self) -> str:
        try:
            text = apply(self, "str", (self,), f"str({self._learner_label()})")[0]
        except LearnerProblem:  # the object is gone: a message may still name it
            return repr(self)
        if type(text) is not str:
            raise TypeError(f"__str__ of your {self._type_name} returned {type(text).__name__}, not str")
        return text

    def __next__(self) -> Any:
        return apply(self, "next", (self,), f"next({self._learner_label()})")[0]

    def __iter__(self) -> Iterator[Any]:
        iterator = apply(self, "iter", (self,), f"iter({self._learner_label()})")[0]
        if not isinstance(iterator, ObjectUses):
            raise TypeError(f"iter() of your {self._type_name} did not give an iterator")
        return Pulled(iterator, self._learner_label())


def operator_method(name: str, reflected: bool = False) -> Callable[..., Any]:
    """``cart + 1`` or ``1 + cart``: the learner's own operator, run in the worker."""

    def method(self: ObjectUses, *other: Any) -> Any:
        args = (*other, self) if reflected else (self, *other)
        return apply(self, name, args, f"an operator on {self._learner_label()}")[0]

    method.__name__ = f"__{'r' if reflected else ''}{name}__"
    return method


ARITHMETIC = ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow")
for _name in ARITHMETIC:
    setattr(ObjectUses, f"__{_name}__", operator_method(_name))
    setattr(ObjectUses, f"__r{_name}__", operator_method(_name, reflected=True))
for _name in ("neg", "abs"):
    setattr(ObjectUses, f"__{_name}__", operator_method(_name))


class Pulled:
    """Items of a learner iterator, pulled from the worker in growing chunks."""

    def __init__(self, iterator: ObjectUses, label: str) -> None:
        self.iterator = iterator
        self.label = label
        self.buffer: deque[Any] = deque()
        self.chunk = 1
        self.done = False
        self.received = 0  # bytes over the whole iteration, held to the limit of one reply

    def __iter__(self) -> Pulled:
        return self

    def __next__(self) -> Any:
        if not self.buffer:
            if self.done:
                raise StopIteration
            self.pull()
            if not self.buffer:
                raise StopIteration
        return self.buffer.popleft()

    def pull(self) -> None:
        session = self.iterator._session
        if session.deadline is not None and time.monotonic() > session.deadline:
            raise LearnerTimeout(
                f"going through {self.label} took longer than the test's time limit: does it end?"
            )
        shown = f"iterating over {self.label}"
        items, reply = apply(self.iterator, "pull", (self.iterator, self.chunk), shown)
        worker = session.worker
        self.received += worker.last_reply_bytes if worker is not None else 0
        if self.received > MAX_REPLY_BYTES:
            raise NotPlain(f"{shown}: it gives more data than the grader accepts (16 MB)", call=shown)
        if type(items) is not list:
            raise TypeError("the worker sent items that are not a list")
        self.buffer.extend(items)
        self.done = reply.get("done") is True
        self.chunk = min(self.chunk * 4, MAX_CHUNK)
