"""The shapes of requests and responses, checked at the edge of the app.

Everything that arrives over HTTP is untrusted: "priority" may be the
string "3", a title may be 10,000 spaces, a body may carry an "id" the
client hopes we will believe. The pydantic models here reject all of that
before the service runs, so service.py can assume clean values.

A failed check raises ``pydantic.ValidationError``; errors.py (milestone 4)
turns it into a 422 problem response.

Milestone 3: the models below are enough to get requests through.
Milestone 4: make them strict. The tools you need:

* ``model_config = ConfigDict(extra="forbid", strict=True)``: unknown fields
  are errors, and "3" is not accepted as an integer.
* ``Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
  max_length=200)]`` for a trimmed, length-limited string.
* ``Annotated[int, Field(ge=1, le=5)]`` for a number range.
* ``Literal["todo", "doing", "done"]`` for a fixed set of values.
* ``@field_validator`` / ``@model_validator`` for anything else (a real
  calendar date, "no nulls in a PATCH", "at least one field").
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .jobs import Job
from .service import Task, User

# Fields a client may read but never send (CONTRACT.md, section 4).
READ_ONLY_FIELDS = frozenset({"id", "version", "created_at", "updated_at"})


class UserCreate(BaseModel):
    # TODO (milestone 4): trimmed, 1 to 50 characters; forbid other fields.
    name: str


class TaskCreate(BaseModel):
    # TODO (milestone 4): the rules of CONTRACT.md section 4.
    title: str
    description: str = ""
    status: str = "todo"
    priority: int = 3
    due_date: str | None = None


class TaskPatch(BaseModel):
    """A partial update: every field optional, only sent fields change."""

    # TODO (milestone 4): same rules as TaskCreate, plus: null only for
    # due_date, and at least one field.
    title: str | None = None
    description: str | None = None
    status: str | None = None
    priority: int | None = None
    due_date: str | None = None

    def changes(self) -> dict[str, Any]:
        """Only the fields the client actually sent (pydantic remembers them)."""
        return self.model_dump(include=self.model_fields_set)


class ListParams(BaseModel):
    """Query parameters of GET /tasks (milestone 5). Unknown ones are ignored."""

    # TODO (milestone 5): limits and allowed values from CONTRACT.md section 6.
    limit: int = 20
    offset: int = 0
    status: str | None = None
    q: str | None = None
    sort: str = "created_at"


def task_json(task: Task) -> dict[str, Any]:
    """The JSON object for a task: all nine fields of CONTRACT.md section 4."""
    # TODO (milestone 3)
    raise NotImplementedError("task_json")


def user_json(user: User, api_key: str) -> dict[str, Any]:
    """The JSON object answering POST /users: id, name, api_key."""
    # TODO (milestone 3)
    raise NotImplementedError("user_json")


# -- milestone 11: background jobs -------------------------------------------


class ExportCreate(BaseModel):
    """The body of POST /exports (CONTRACT.md section 12)."""

    # TODO (milestone 11): whole numbers only, delay_seconds 0 to 3600,
    # fail_attempts 0 to 10; forbid other fields.
    delay_seconds: int = 0
    fail_attempts: int = 0


def job_json(job: Job) -> dict[str, Any]:
    """The JSON object for a job (CONTRACT.md section 12): ``result`` is sent as the JSON it holds."""
    # TODO (milestone 11)
    raise NotImplementedError("job_json")
