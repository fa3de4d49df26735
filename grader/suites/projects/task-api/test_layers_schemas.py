"""Milestones 3, 4, 5 and 11, graded where they live: the request schemas, built as the routes build them.

routes.py checks a body with ``TaskCreate.model_validate(body)``, which for a
dict builds the model exactly as ``TaskCreate(**body)`` does. Here each
schema is called directly in the grader's worker, so a loose rule is named by
the call that got through ("Called TaskCreate(title='x', priority='3'); it
returned ..., expected it to raise ValidationError") before any HTTP test.
Milestone 3 asks only that valid bodies get through with CONTRACT.md's
defaults and that tasks and users are written as JSON; milestone 4 makes the
models strict; milestone 5 bounds ListParams; milestone 11 ExportCreate.
"""

from __future__ import annotations

from typing import Any

import pytest
from _layers import LATER, NOW, SCHEMAS, SERVICE, raised, returns_with

from grader.testkit import call

INVALID = "ValidationError"  # what pydantic raises, and errors.py turns into a 422
MAX_OFFSET = 2**63 - 1  # SQLite's largest integer (CONTRACT.md section 6)


@pytest.fixture
def schemas(project_code):
    return project_code.module(SCHEMAS)


@pytest.fixture
def service_module(project_code):
    return project_code.module(SERVICE)


def refused(schema: Any, **body: Any) -> None:
    """Check that building ``schema`` from ``body`` raises pydantic's ValidationError."""
    raised(call(schema, **body), INVALID)


def trimmed(field: str, text: str) -> Any:
    """A check that a model's ``field``, once trimmed, is ``text`` (the service may do the trimming)."""

    def check(model: Any) -> bool:
        try:
            return str(getattr(model, field)).strip() == text
        except Exception:  # noqa: BLE001 - as in _layers.has_values
            return False

    return check


# -- milestone 3: enough to get requests through --------------------------------------------------


@pytest.mark.milestone(3)
def test_task_create_fills_in_the_defaults(schemas):
    """TaskCreate(title=...) gets the defaults of CONTRACT.md section 4: "", todo, 3, no due date."""
    defaults = {"description": "", "status": "todo", "priority": 3, "due_date": None}
    returns_with(call(schemas.TaskCreate, title="Buy milk"), "TaskCreate", title="Buy milk", **defaults)


@pytest.mark.milestone(3)
def test_task_create_keeps_every_field_sent(schemas):
    """TaskCreate with all five fields a client may send keeps each value as sent."""
    body = {
        "title": "Buy milk",
        "description": "2 litres",
        "status": "doing",
        "priority": 5,
        "due_date": "2026-12-24",
    }
    returns_with(call(schemas.TaskCreate, **body), "TaskCreate", **body)


@pytest.mark.milestone(3)
def test_user_create_and_patch_get_through(schemas):
    """UserCreate(name=...) gets through; TaskPatch(...).changes() holds only the fields sent."""
    returns_with(call(schemas.UserCreate, name="Ada"), "UserCreate", name="Ada")
    patch = returns_with(call(schemas.TaskPatch, status="done"), "TaskPatch", status="done")
    call(patch.changes).returns({"status": "done"})
    clear = returns_with(call(schemas.TaskPatch, due_date=None), "TaskPatch", due_date=None)
    call(clear.changes).returns({"due_date": None})  # null due_date: "no due date" is a change


@pytest.mark.milestone(3)
def test_task_json(schemas, service_module):
    """task_json writes all nine fields of a Task (CONTRACT.md section 4), with their values as they are."""
    values = {
        "id": 7, "title": "Buy milk", "description": "2 litres", "status": "doing", "priority": 2,
        "due_date": None, "created_at": NOW, "updated_at": LATER, "version": 2,
    }  # fmt: skip
    call(schemas.task_json, service_module.Task(**values)).returns(values)


@pytest.mark.milestone(3)
def test_user_json(schemas, service_module):
    """user_json answers POST /users with the user's id and name and the new API key."""
    call(schemas.user_json, service_module.User(1, "Ada"), "k3y-of-ada").returns(
        {"id": 1, "name": "Ada", "api_key": "k3y-of-ada"}
    )


# -- milestone 4: strict schemas -------------------------------------------------------------------


@pytest.mark.milestone(4)
def test_unknown_and_read_only_fields_are_refused(schemas):
    """An unknown field (a typo like "titel") or a read-only one (id, version, created_at...) is refused."""
    refused(schemas.TaskCreate, title="Buy milk", titel="Buy milk")
    for name, value in (("id", 1), ("version", 1), ("created_at", NOW), ("updated_at", NOW)):
        refused(schemas.TaskCreate, title="Buy milk", **{name: value})
    refused(schemas.TaskPatch, priority=1, version=2)
    refused(schemas.UserCreate, name="Ada", admin=True)


@pytest.mark.milestone(4)
def test_types_are_strict(schemas):
    """No guessing: "3", 3.0 and True are not priorities, and 5 is not a title or a name."""
    for priority in ("3", 3.0, True):
        refused(schemas.TaskCreate, title="Buy milk", priority=priority)
    refused(schemas.TaskCreate, title=5)
    refused(schemas.TaskPatch, priority="3")
    refused(schemas.UserCreate, name=5)


@pytest.mark.milestone(4)
def test_titles_are_trimmed_then_measured(schemas):
    """A title has 1 to 200 characters once trimmed: blank or 201 is refused, 200 and spaces is fine."""
    call(schemas.TaskCreate, title="  " + "x" * 200 + " ").satisfies(
        trimmed("title", "x" * 200), "a title of 200 x's"
    )
    for blank in ("", "   "):
        refused(schemas.TaskCreate, title=blank)
        refused(schemas.TaskPatch, title=blank)
    refused(schemas.TaskCreate, title="x" * 201)
    refused(schemas.TaskPatch, title="x" * 201)


@pytest.mark.milestone(4)
def test_user_names_are_trimmed_then_measured(schemas):
    """A user name must have 1 to 50 characters once trimmed: missing, blank or 51 is refused."""
    call(schemas.UserCreate, name=" " + "a" * 50 + " ").satisfies(
        trimmed("name", "a" * 50), "a name of 50 a's"
    )
    refused(schemas.UserCreate)
    for bad in ("", "   ", "a" * 51):
        refused(schemas.UserCreate, name=bad)


@pytest.mark.milestone(4)
def test_description_is_kept_as_sent_up_to_2000(schemas):
    """A description is not trimmed, and may have up to 2000 characters."""
    spaced = "  two\nlines  "
    returns_with(call(schemas.TaskCreate, title="x", description=spaced), "TaskCreate", description=spaced)
    returns_with(
        call(schemas.TaskCreate, title="x", description="d" * 2000), "TaskCreate", description="d" * 2000
    )
    refused(schemas.TaskCreate, title="x", description="d" * 2001)


@pytest.mark.milestone(4)
def test_status_and_priority_have_fixed_values(schemas):
    """status is exactly todo, doing or done; priority is 1 to 5."""
    returns_with(
        call(schemas.TaskCreate, title="x", status="done", priority=1),
        "TaskCreate",
        status="done",
        priority=1,
    )
    returns_with(call(schemas.TaskPatch, priority=5), "TaskPatch", priority=5)
    for status in ("Done", "finished", ""):
        refused(schemas.TaskCreate, title="x", status=status)
    for priority in (0, 6):
        refused(schemas.TaskCreate, title="x", priority=priority)
        refused(schemas.TaskPatch, priority=priority)


@pytest.mark.milestone(4)
def test_due_date_is_a_real_calendar_date(schemas):
    """due_date is YYYY-MM-DD and a real date: 2028-02-29 is fine, 2031-02-30 is refused."""
    returns_with(
        call(schemas.TaskCreate, title="x", due_date="2028-02-29"), "TaskCreate", due_date="2028-02-29"
    )
    for due in ("2031-02-30", "31/12/2031", "2031-1-5", "tomorrow", 20311231):
        refused(schemas.TaskCreate, title="x", due_date=due)
    refused(schemas.TaskPatch, due_date="2031-02-30")


@pytest.mark.milestone(4)
def test_patch_changes_something_and_only_due_date_may_be_null(schemas):
    """TaskPatch() with no field is refused, and so is null for title, description, status or priority."""
    refused(schemas.TaskPatch)
    for name in ("title", "description", "status", "priority"):
        refused(schemas.TaskPatch, **{name: None})
    returns_with(call(schemas.TaskPatch, due_date=None), "TaskPatch", due_date=None)


# -- milestone 5: list parameters, as the query string gives them (text) ---------------------------


@pytest.mark.milestone(5)
def test_list_params_defaults_and_bounds(schemas):
    """ListParams from the query's text: limit 1 to 100 (default 20), offset 0 to 2**63-1, digits only."""
    returns_with(call(schemas.ListParams), "ListParams", limit=20, sort="created_at", status=None, q=None)
    returns_with(call(schemas.ListParams, limit="100", offset="0"), "ListParams", limit=100, offset=0)
    returns_with(
        call(schemas.ListParams, limit="1", offset=str(MAX_OFFSET)), "ListParams", limit=1, offset=MAX_OFFSET
    )
    for limit in ("0", "101", "1e1", "+10", "10.0", ""):
        refused(schemas.ListParams, limit=limit)
    for offset in ("-1", str(MAX_OFFSET + 1), " 5"):
        refused(schemas.ListParams, offset=offset)


@pytest.mark.milestone(5)
def test_list_params_status_and_sort(schemas):
    """status is todo, doing or done; sort is a field, maybe with '-'; unknown parameters are ignored."""
    returns_with(
        call(schemas.ListParams, status="done", sort="-priority"),
        "ListParams",
        status="done",
        sort="-priority",
    )
    returns_with(call(schemas.ListParams, sort="title", colour="red"), "ListParams", sort="title")
    for status in ("late", "Done"):
        refused(schemas.ListParams, status=status)
    for sort in ("colour", "--title", "title-"):
        refused(schemas.ListParams, sort=sort)


# -- milestone 11: the body of POST /exports -------------------------------------------------------


@pytest.mark.milestone(11)
def test_export_create(schemas):
    """ExportCreate: delay_seconds 0 to 3600, fail_attempts 0 to 10 (default 0), strict, nothing else."""
    returns_with(call(schemas.ExportCreate), "ExportCreate", delay_seconds=0, fail_attempts=0)
    returns_with(
        call(schemas.ExportCreate, delay_seconds=3600, fail_attempts=10), "ExportCreate", fail_attempts=10
    )
    for name, bad in (
        ("delay_seconds", -1),
        ("delay_seconds", 3601),
        ("fail_attempts", 11),
        ("fail_attempts", "1"),
    ):
        refused(schemas.ExportCreate, **{name: bad})
    refused(schemas.ExportCreate, delay_seconds=1.0)
    refused(schemas.ExportCreate, kind="export")
