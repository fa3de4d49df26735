"""The suite's view of the capstone's layers, called directly: the service, the stores, their data.

The learner's modules live in the grader's worker (``project_code``); a Task
or User the learner's code returns stays there as a handle, and its fields are
read one by one. Every check says the call and what came back, as a single
function's feedback does: "Called TaskService(...).get_task(...); got ...".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from grader.testkit import Call, show

SERVICE = "taskapi.service"
REPOSITORY = "taskapi.repository"
SCHEMAS = "taskapi.schemas"
JOB_STORE = "taskapi.job_store"
TASK_FIELDS = (
    "id", "title", "description", "status", "priority", "due_date", "created_at", "updated_at", "version",
)  # fmt: skip
# CONTRACT.md section 4: RFC 3339 in UTC, always with microseconds and a Z.
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")
NOW = "2026-11-21T10:00:00.000000Z"
LATER = "2026-11-21T11:30:00.000000Z"


def fields(task: Any) -> dict[str, Any]:
    """A learner Task's nine fields as a dict (read in the worker), or {} when it is no Task."""
    try:
        return {name: getattr(task, name) for name in TASK_FIELDS}
    except Exception:  # noqa: BLE001 - None, a dict, a half-built object: "not a Task" says it all
        return {}


def task_with(**expected: Any) -> Callable[[Any], bool]:
    """A check that the result is a Task whose named fields have exactly these values."""

    def check(task: Any) -> bool:
        found = fields(task)
        return bool(found) and all(found[name] == value for name, value in expected.items())

    return check


def described(**expected: Any) -> str:
    """The expectation in words: a Task with title 'Buy milk', version 1."""
    return "a Task with " + ", ".join(f"{name} {show(value)}" for name, value in expected.items())


def returns_task(made: Call, **expected: Any) -> Any:
    """Check the call returned a Task with these field values; return it."""
    made.satisfies(task_with(**expected), described(**expected))
    return made.value


def has_values(obj: Any, expected: dict[str, Any]) -> bool:
    """True when the learner's object has exactly these attribute values (read in the worker)."""
    try:
        return all(getattr(obj, name) == value for name, value in expected.items())
    except Exception:  # noqa: BLE001 - None, a missing field, a broken object: "not that" says it
        return False


def returns_with(made: Call, kind: str, **expected: Any) -> Any:
    """Check the call returned a ``kind`` (a Job, a TaskCreate...) with these field values; return it."""
    wanted = ", ".join(f"{name} {show(value)}" for name, value in expected.items())
    expectation = f"a {kind} with {wanted}" if wanted else f"a {kind}"
    no_return(made, expectation)
    made.satisfies(lambda obj: has_values(obj, expected), expectation)
    return made.value


def answers(made: Call, expected: Any) -> None:
    """Check a method that answers "X or None" returned ``expected`` (its None is an answer too)."""
    no_return(made, show(expected))
    made.returns(expected)


def no_return(made: Call, expectation: str) -> None:
    """Fail plainly on None where a value was expected.

    For a store, None says "none found" or "another worker won": a check must
    not explain it as a forgotten return statement.
    """
    if made.error is None and made.value is None and expectation != "None":
        raise AssertionError(f"Called {made.text}; got None, expected {expectation}")


def raised(made: Call, name: str) -> None:
    """Check the call raised the learner's domain error ``name`` (by its class name)."""
    if made.error is None:
        returned = show(made.value)
        raise AssertionError(f"Called {made.text}; it returned {returned}, expected it to raise {name}")
    made.raises(Exception)  # a NotImplementedError is reported as "not started", as everywhere
    info = made.error.learner_info  # type: ignore[attr-defined]
    got = info["type"]
    if got != name and got == info.get("builtin"):  # a KeyError, a TypeError: a bug, told with its lines
        raise made.error
    if got != name:
        raise AssertionError(f"Called {made.text}; it raised {got}: {made.error}, expected {name}")


def new_task(service: Any, title: str, **extra: Any) -> Any:
    """A NewTask built by the learner's own class, as the routes would build it."""
    return service.NewTask(title, **extra)
