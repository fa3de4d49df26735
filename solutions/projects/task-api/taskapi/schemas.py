"""The shapes of requests and responses, checked at the edge of the app.

Everything that arrives over HTTP is untrusted: a "priority" may be the
string "3", a title may be 10,000 spaces, a body may carry an "id" the
client hopes we will believe. The pydantic models below reject all of that
before any business code runs, so service.py can assume clean values.

Three settings do most of the work:

* ``extra="forbid"``: an unknown field is an error, not something silently
  ignored. A client that sends "titel" learns about its typo at once, and
  a client that sends "version" can't overwrite ours.
* ``strict=True``: no guessing. "3" is not the integer 3, and true is not 1.
* ``strip_whitespace`` on titles and names, so "  milk " and "milk" are
  stored the same way and length limits count visible characters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .jobs import Job
from .service import SORT_FIELDS, Task, User

# Fields a client may read but never send.
READ_ONLY_FIELDS = frozenset({"id", "version", "created_at", "updated_at"})
SORT_VALUES = frozenset(SORT_FIELDS) | {f"-{field}" for field in SORT_FIELDS}
DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DIGITS = re.compile(r"[0-9]+")
MAX_OFFSET = 2**63 - 1


def _real_date(value: str) -> str:
    # The pattern checks the shape; fromisoformat checks the calendar, so
    # 2026-02-30 is refused too.
    if not DATE_SHAPE.fullmatch(value):
        raise ValueError("use the form YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError("not a real calendar date") from None
    return value


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(max_length=2000)]
Status = Literal["todo", "doing", "done"]
Priority = Annotated[int, Field(ge=1, le=5)]
DueDate = Annotated[str, AfterValidator(_real_date)]


class Body(BaseModel):
    """Base for request bodies: no unknown fields, no type guessing."""

    model_config = ConfigDict(extra="forbid", strict=True)


class UserCreate(Body):
    name: Name


class TaskCreate(Body):
    title: Title
    description: Description = ""
    status: Status = "todo"
    priority: Priority = 3
    due_date: DueDate | None = None


class TaskPatch(Body):
    """A partial update: only the fields the client sent are changed.

    Every field is optional, so we need two extra rules: a field that is
    sent must not be null (except due_date, where null means "no due date"),
    and at least one field must be sent.
    """

    title: Title | None = None
    description: Description | None = None
    status: Status | None = None
    priority: Priority | None = None
    due_date: DueDate | None = None

    @field_validator("title", "description", "status", "priority", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        # Validators don't run for fields that were left out, only for
        # fields that were sent, so this catches an explicit null.
        if value is None:
            raise ValueError("may not be null")
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> TaskPatch:
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        return self

    def changes(self) -> dict[str, Any]:
        """Only the fields the client actually sent."""
        return self.model_dump(include=self.model_fields_set)


class ListParams(BaseModel):
    """Query parameters of GET /tasks. Unknown parameters are ignored."""

    model_config = ConfigDict(extra="ignore")

    limit: int = Field(20, ge=1, le=100)
    offset: int | None = Field(None, ge=0, le=MAX_OFFSET)
    status: Status | None = None
    q: str | None = None
    sort: str = "created_at"
    cursor: str | None = None

    @field_validator("limit", "offset", mode="before")
    @classmethod
    def _plain_digits(cls, value: Any) -> Any:
        # Query values are text. Accept only plain digits, so "1e3", " 5"
        # and "+5" are errors rather than surprises.
        if isinstance(value, str):
            if not DIGITS.fullmatch(value):
                raise ValueError("must be a whole number written with digits only")
            return int(value)
        return value

    @field_validator("sort")
    @classmethod
    def _known_sort(cls, value: str) -> str:
        if value not in SORT_VALUES:
            allowed = ", ".join(SORT_FIELDS)
            raise ValueError(f"must be one of {allowed}, optionally with '-' in front")
        return value

    @field_validator("cursor")
    @classmethod
    def _one_paging_style(cls, value: str, info: ValidationInfo) -> str:
        # Fields are checked in the order they are declared, so offset has
        # already been read when we get here.
        if info.data.get("offset") is not None:
            raise ValueError("use either offset or cursor, not both")
        return value

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> ListParams:
        return cls.model_validate(dict(query))


# -- responses --------------------------------------------------------------
# Plain functions: the domain objects already hold exactly what we send.


def task_json(task: Task) -> dict[str, Any]:
    return {
        "id": task.id,
        "title": task.title,
        "description": task.description,
        "status": task.status,
        "priority": task.priority,
        "due_date": task.due_date,
        "created_at": task.created_at,
        "updated_at": task.updated_at,
        "version": task.version,
    }


def user_json(user: User, api_key: str) -> dict[str, Any]:
    return {"id": user.id, "name": user.name, "api_key": api_key}


# -- milestone 11: background jobs -------------------------------------------


class ExportCreate(Body):
    """The body of POST /exports: when to start, and how many attempts should fail on purpose."""

    delay_seconds: Annotated[int, Field(ge=0, le=3600)] = 0
    fail_attempts: Annotated[int, Field(ge=0, le=10)] = 0


def job_json(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "type": job.kind,
        "status": job.status,
        "attempts": job.attempts,
        "progress": job.progress,
        # Stored as JSON text; sent as the JSON value it holds.
        "result": None if job.result is None else json.loads(job.result),
        "error": job.error,
        "created_at": job.created_at,
        "updated_at": job.updated_at,
        "finished_at": job.finished_at,
    }
