"""Set or delete an attribute of a learner object in the worker, as the test wrote it.

``cart.owner = "x"`` (or ``cart.count += 1``, or ``del cart.owner``) in a
test changes the learner's own object in the worker (the worker's ``setattr``
and ``delattr`` requests), so a property's setter, ``__slots__`` or a frozen
dataclass answer exactly as they would in-process. The value crosses
as plain data or as a handle the session gave out; anything else is refused
as the suite's problem. The change is remembered with the object's calls, so
a later failure reads "Called Cart().total() after setting owner = 'x'".
"""

from __future__ import annotations

from typing import Any

from grader.boundary.learner_problems import rebuild_exception
from grader.boundary.process import LearnerProblem
from grader.boundary.refusals import PLAIN_DATA, SuiteRefusal, describe_value, unsendable
from grader.feedback.compare import show_argument
from grader.worker import wire

DELETE: Any = object()  # no value: delete the attribute


def change_attribute(handle: Any, name: str, value: Any = DELETE) -> None:
    """Set ``handle.name = value`` (or delete it) on the learner object the handle stands for."""
    handle._check_alive()
    session, key = handle._session, handle._key()
    deleting = value is DELETE
    label = session.history.label(key, handle._type_name)
    shown = f"del {label}.{name}" if deleting else f"{label}.{name} = {show_argument(value)}"
    message: dict[str, Any] = {"op": "delattr", "target": ["handle", handle._handle, name]}
    if not deleting:
        try:
            message = {**message, "op": "setattr", "value": wire.encode(value, ref=session.reference)}
        except wire.NotPlainData:
            what = describe_value(unsendable(value, session.reference))
            raise SuiteRefusal(f"sets {label}.{name} to {what}", PLAIN_DATA) from None
    text = shown + session.history.after(key)
    try:
        reply = session.request(message)
    except LearnerProblem as problem:
        if problem.kind in ("timeout", "crash"):  # a setter that never ends, as a call would say
            problem.detail["call"] = text
            problem.detail["summary"] = f"Called {text}; it {problem.detail['summary']}"
        raise
    if "error" in reply:  # the learner's setter refused: the test may expect exactly that
        error = rebuild_exception(reply["error"])
        error.learner_info["call"] = text  # type: ignore[attr-defined]
        raise error
    action = f"deleting {name}" if deleting else f"setting {name} = {show_argument(value)}"
    session.history.record(key, action)
    methods = vars(handle).get("_methods")  # names the handle knows as methods: look this one up again
    if isinstance(methods, set):
        methods.discard(name)
