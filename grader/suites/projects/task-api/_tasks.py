"""Checks about tasks and pages, shared by the test modules."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

from _api import PROBLEM_TYPE, Api, User
from _http import (
    Response,
    compact,
    expect_field,
    expect_header,
    expect_json_object,
    expect_status,
    fail,
    sent_text,
    shorten,
)

# Fields every task has, with what their values look like.
TASK_FIELDS = (
    "id",
    "title",
    "description",
    "status",
    "priority",
    "due_date",
    "created_at",
    "updated_at",
    "version",
)
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
ETAG = re.compile(r'"[\x21\x23-\x7e]*"')
PROBLEM_BASE = "https://task-api.example/problems/"
# status -> (slug, title) from the contract's table; 409 and 422 have two each.
PROBLEMS = {
    400: ("malformed-json", "Malformed JSON"),
    401: ("unauthorized", "Unauthorized"),
    404: ("not-found", "Not Found"),
    405: ("method-not-allowed", "Method Not Allowed"),
    412: ("precondition-failed", "Precondition Failed"),
    413: ("body-too-large", "Content Too Large"),
    415: ("unsupported-media-type", "Unsupported Media Type"),
    422: ("validation-error", "Validation Error"),
    428: ("precondition-required", "Precondition Required"),
}
SLUG_TITLES = {
    "name-taken": "Name Taken",
    "duplicate-title": "Duplicate Title",
    "idempotency-key-reused": "Idempotency Key Reused",
}


def is_int(value: Any) -> bool:
    return type(value) is int


FIELD_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "id": (is_int, "a whole number"),
    "title": (lambda v: isinstance(v, str), "a string"),
    "description": (lambda v: isinstance(v, str), "a string"),
    "status": (lambda v: v in ("todo", "doing", "done"), '"todo", "doing" or "done"'),
    "priority": (lambda v: is_int(v) and 1 <= v <= 5, "a whole number from 1 to 5"),
    "due_date": (lambda v: v is None or isinstance(v, str), "a date string or null"),
    "created_at": (lambda v: isinstance(v, str), "a timestamp string"),
    "updated_at": (lambda v: isinstance(v, str), "a timestamp string"),
    "version": (lambda v: is_int(v) and v >= 1, "a whole number, 1 or more"),
}


def expect_task(resp: Response) -> dict[str, Any]:
    """Check the body is a task with every field in the right form."""
    body = expect_json_object(resp, "the task as a JSON object")
    for name in TASK_FIELDS:
        check, what = FIELD_CHECKS[name]
        expect_field(resp, name, check, what)
    return body


def expect_error(resp: Response, status: int, why: str = "") -> Response:
    """Check only the status of an error answer (the format is milestone 4's job)."""
    return expect_status(resp, status, why)


def expect_problem(resp: Response, status: int, why: str = "", slug: str | None = None) -> dict[str, Any]:
    """Check ``resp`` is a full problem document (RFC 9457) with ``status``."""
    expect_status(resp, status, why)
    if resp.media_type != PROBLEM_TYPE:
        shown = resp.headers.get("content-type") or "no Content-Type"
        fail(
            resp,
            f"{sent_text(resp)}; got {resp.status} with Content-Type {shown}, "
            f"expected Content-Type {PROBLEM_TYPE} (every error is a problem document).",
            f"{status} with Content-Type {PROBLEM_TYPE}",
        )
    body = expect_json_object(resp, "a problem document (a JSON object)")
    slug = slug or PROBLEMS[status][0]
    title = SLUG_TITLES.get(slug) or PROBLEMS[status][1]
    expect_field(resp, "type", equals=PROBLEM_BASE + slug, expectation=f"the type for a {status}")
    expect_field(resp, "title", equals=title, expectation=f"the title for a {status}")
    expect_field(resp, "status", equals=status, expectation="the same as the HTTP status")
    expect_field(resp, "detail", lambda v: isinstance(v, str) and v.strip() != "", "a non-empty string")
    return body


def expect_errors(resp: Response, field: str | None = None, full: bool = True) -> list[dict[str, Any]]:
    """Check a 422 lists ``errors: [{field, message}]`` (naming ``field``).

    ``full`` also checks the problem document around it (milestone 4).
    """
    if full:
        expect_problem(resp, 422, "(a validation error)")
    else:
        expect_status(resp, 422, "(a validation error)")
    errors = expect_field(
        resp,
        "errors",
        lambda v: (
            isinstance(v, list)
            and len(v) > 0
            and all(
                isinstance(e, dict) and isinstance(e.get("field"), str) and isinstance(e.get("message"), str)
                for e in v
            )
        ),
        'a non-empty list of {"field": ..., "message": ...} objects',
    )
    if field is not None and not any(e["field"] == field for e in errors):
        named = ", ".join(compact(e["field"]) for e in errors)
        fail(
            resp,
            f"{sent_text(resp)}; got 422 but its errors name {named}, "
            f'expected an error for the field "{field}".',
            f'an entry in "errors" with "field": "{field}"',
        )
    return errors


def if_match(task: dict[str, Any]) -> str:
    """The If-Match value for a task: its version in double quotes, like "3"."""
    return f'"{task["version"]}"'


def etag_of(resp: Response) -> str:
    """The response's ETag (which must be a quoted value)."""
    return expect_header(
        resp,
        "ETag",
        lambda v: ETAG.fullmatch(v.strip()) is not None,
        'a value in double quotes, such as "3"',
    ).strip()


def get_task(api: Api, user: User, task_id: Any) -> dict[str, Any]:
    """GET a task (must be 200) and return it."""
    resp = api.get(f"/tasks/{task_id}", user=user)
    expect_status(resp, 200, "(the task exists)")
    return expect_task(resp)


def patch(api: Api, user: User, task_id: Any, changes: dict[str, Any], etag: str | None) -> Response:
    """PATCH a task with ``If-Match: etag`` (no If-Match when ``etag`` is None)."""
    headers = {} if etag is None else {"If-Match": etag}
    return api.patch(f"/tasks/{task_id}", json=changes, user=user, headers=headers)


def list_tasks(api: Api, user: User, query: str = "") -> tuple[Response, dict[str, Any]]:
    """GET /tasks?query (must be 200) and check the page shape."""
    path = "/tasks" + (f"?{query}" if query else "")
    resp = api.get(path, user=user)
    expect_status(resp, 200, "(a page of tasks)")
    page = expect_json_object(resp, "a page object")
    expect_field(resp, "items", lambda v: isinstance(v, list), "a list of tasks")
    for item in page["items"]:
        if not isinstance(item, dict) or not is_int(item.get("id")):
            fail(resp, f"{sent_text(resp)}; an item in the list is not a task object.", "tasks")
    return resp, page


def all_ids(api: Api, user: User, query: str = "") -> list[Any]:
    """The ids of every task the user sees (up to 100)."""
    sep = "&" if query else ""
    _, page = list_tasks(api, user, f"{query}{sep}limit=100")
    return [item["id"] for item in page["items"]]


def expect_unchanged(api: Api, user: User, before: dict[str, Any], after_what: str, by: Response) -> None:
    """Check a task is exactly as it was (after a request that should change nothing)."""
    resp = api.get(f"/tasks/{before['id']}", user=user)
    expect_status(resp, 200, "(the task must still exist)")
    now = resp.json
    if now != before:
        changed = sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k, None))
        fail(
            by,
            f"{sent_text(by)}; got {by.status} as expected, but {after_what} the task changed "
            f"anyway ({', '.join(changed)}): {shorten(compact(now), 200)}. A refused request "
            "must change nothing.",
            "the task unchanged",
        )


class Once:
    """Build shared test data once per server, on first use, inside a test.

    Building inside a test (not a fixture) keeps failures ordinary test
    failures with the usual feedback; a failure is remembered and raised
    again for every test that needs the same data.
    """

    def __init__(self, build: Callable[[Api], Any]) -> None:
        self.build = build
        self.lock = threading.Lock()
        self.results: dict[Any, Any] = {}

    def get(self, api: Api) -> Any:
        key = api.server
        with self.lock:
            if key not in self.results:
                try:
                    self.results[key] = ("ok", self.build(api))
                except Exception as error:
                    self.results[key] = ("error", error)
            outcome, value = self.results[key]
        if outcome == "error":
            raise value
        return value
