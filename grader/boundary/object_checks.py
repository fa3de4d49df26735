"""Check a learner object's repr, equality and attributes without trusting it here.

:class:`ObjectChecks` is the part of a learner-object handle that the
testkit's :func:`~grader.testkit.representation`, :func:`~grader.testkit.equality`
and :func:`~grader.testkit.attribute` use. The learner's ``__repr__`` and
``__eq__`` always run in the learner's worker, never in the trusted process;
each check comes back as a :class:`~grader.testkit.Call` whose text retells
what the test did to the object.
"""

from __future__ import annotations

from typing import Any

from grader.boundary.process import LearnerProblem
from grader.feedback.compare import LearnerHandle, show_argument, type_name
from grader.feedback.expectations import Call


class ObjectChecks(LearnerHandle):
    """repr, == and attribute reads of an object living in the learner's worker."""

    _session: Any
    _handle: int
    _generation: int

    def _key(self) -> tuple[int, int]:
        return (self._generation, self._handle)

    def _learner_label(self) -> str:
        return str(self._session.history.label(self._key(), self._type_name))

    def _retold(self, action: str) -> str:
        """An action on this object, followed by the calls made on it before."""
        return action + str(self._session.history.after(self._key()))

    def _on_self(self, method: str, args: tuple, text: str) -> Call:
        self._check_alive()  # type: ignore[attr-defined]
        record: Call = self._session.invoke(["handle", self._handle, method], self._type_name, args, {}, text)
        return record

    def _learner_repr(self) -> Call:
        """repr() of this object, evaluated in the worker."""
        return self._on_self("__repr__", (), self._retold(f"repr({self._learner_label()})"))

    def _learner_eq(self, other: Any) -> Call:
        """``self == other`` evaluated in the worker, falling back as Python does."""
        text = self._retold(f"{self._learner_label()} == {show_argument(other)}")
        record = self._on_self("__eq__", (other,), text)
        if undecided(record) and isinstance(other, ObjectChecks) and other._key() != self._key():
            back = other._on_self("__eq__", (self,), text)
            record.error, record.value = back.error, back.value
        if undecided(record):  # neither side defines ==: Python compares identity
            record.value = isinstance(other, ObjectChecks) and other._key() == self._key()
        return record

    def _learner_read(self, name: str) -> Call:
        """Read an attribute in the worker, as a :class:`Call` that can be checked."""
        record = Call(text=self._retold(f"{self._learner_label()}.{name}"))
        try:
            record.value = self.__getattr__(name)  # type: ignore[attr-defined]
        except LearnerProblem:
            raise
        except Exception as error:  # the learner's property raised: part of the outcome
            info = getattr(error, "learner_info", None)
            if isinstance(info, dict):
                info["call"] = record.text
            record.error = error
        return record


def undecided(record: Call) -> bool:
    """The learner's __eq__ returned NotImplemented: Python would try something else."""
    return record.error is None and type_name(record.value) == "NotImplementedType"
