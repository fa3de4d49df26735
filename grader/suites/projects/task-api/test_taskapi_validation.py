"""Milestone 4: bad requests get the right status and a problem+json answer."""

from __future__ import annotations

import json
from typing import Any

import pytest
from _api import USERS_PATH, Api, unique
from _http import expect_header, fail, sent_text
from _tasks import expect_errors, expect_problem, expect_unchanged, get_task, if_match, patch

pytestmark = pytest.mark.milestone(4)

JSON = {"Content-Type": "application/json"}
LIMIT = 64 * 1024


def padded_body(size: int) -> bytes:
    """A valid JSON task body of exactly ``size`` bytes (a long description)."""
    start = json.dumps({"title": unique("Big"), "description": ""}).encode()
    return start[:-2] + b"x" * (size - len(start)) + b'"}'


@pytest.mark.points(2)
def test_malformed_json_is_400(api: Api) -> None:
    """A body that is not valid JSON (or is empty, or has NaN) answers 400."""
    user = api.new_user()
    bodies = (b'{"title": "Buy milk"', b"{'title': 'Buy milk'}", b"", b'{"title": "x", "priority": NaN}')
    for body in bodies:
        resp = api.post("/tasks", body=body, headers=JSON, user=user)
        expect_problem(resp, 400, "(the body is not valid JSON)")


@pytest.mark.points(1)
def test_body_that_is_not_utf8_is_400(api: Api) -> None:
    """A JSON body with bytes that are not UTF-8 answers 400."""
    user = api.new_user()
    resp = api.post("/tasks", body=b'{"title": "caf\xe9"}', headers=JSON, user=user)
    expect_problem(resp, 400, "(JSON must be UTF-8)")


@pytest.mark.points(2)
def test_body_over_64_kib_is_413(api: Api) -> None:
    """A body of more than 64 KiB (65,536 bytes) answers 413."""
    user = api.new_user()
    resp = api.post("/tasks", body=padded_body(LIMIT + 1), headers=JSON, user=user)
    expect_problem(resp, 413, "(bodies over 64 KiB are refused)")


@pytest.mark.points(1)
def test_body_of_exactly_64_kib_is_not_413(api: Api) -> None:
    """A body of exactly 65,536 bytes is not too large (it is refused for its long description)."""
    user = api.new_user()
    resp = api.post("/tasks", body=padded_body(LIMIT), headers=JSON, user=user)
    expect_errors(resp, "description")


@pytest.mark.points(2)
def test_body_that_is_not_json_is_415(api: Api) -> None:
    """A body sent as text/plain, another type, or without a Content-Type answers 415."""
    user = api.new_user()
    body = json.dumps({"title": unique("Plain")}).encode()
    kinds = ("text/plain", "application/x-www-form-urlencoded", "application/merge-patch+json", None)
    for kind in kinds:
        headers = {"Content-Type": kind} if kind else {}
        resp = api.post("/tasks", body=body, headers=headers, user=user)
        expect_problem(resp, 415, "(only application/json bodies are accepted)")


@pytest.mark.points(1)
def test_json_content_type_with_charset_is_accepted(api: Api) -> None:
    """Content-Type: application/json; charset=utf-8 (in any case) is JSON too."""
    user = api.new_user()
    for kind in ("application/json; charset=utf-8", "Application/JSON"):
        body = json.dumps({"title": unique("Charset")}).encode()
        resp = api.post("/tasks", body=body, headers={"Content-Type": kind}, user=user)
        if resp.status != 201:
            fail(resp, f"{sent_text(resp)} as {kind}; got {resp.status}, expected 201.", "201")


@pytest.mark.points(1)
def test_too_large_wins_over_wrong_type(api: Api) -> None:
    """A body over 64 KiB answers 413 even when it is not declared as JSON."""
    user = api.new_user()
    body = b"x" * (LIMIT + 100)
    resp = api.post("/tasks", body=body, headers={"Content-Type": "text/plain"}, user=user)
    expect_problem(resp, 413, "(413 for the announced size comes before 415)")


@pytest.mark.points(1)
def test_wrong_type_wins_over_bad_json(api: Api) -> None:
    """A broken body sent as text/plain answers 415, not 400."""
    user = api.new_user()
    resp = api.post("/tasks", body=b"{oops", headers={"Content-Type": "text/plain"}, user=user)
    expect_problem(resp, 415, "(415 comes before 400)")


@pytest.mark.points(1)
def test_bad_body_wins_over_missing_if_match(api: Api) -> None:
    """A PATCH with an invalid body and no If-Match answers 422, not 428."""
    user = api.new_user()
    task = api.create_task(user, unique("Order"))
    expect_errors(patch(api, user, task["id"], {"priority": 0}, None), "priority")


@pytest.mark.points(1)
def test_description_is_stored_as_sent(api: Api) -> None:
    """A description keeps its spaces and line breaks (only titles are trimmed)."""
    user = api.new_user()
    text = "  first line\n  second line  "
    resp = api.post("/tasks", json={"title": unique("Spaces"), "description": text}, user=user)
    if resp.status != 201 or not isinstance(resp.json, dict) or resp.json.get("description") != text:
        shown = resp.json.get("description") if isinstance(resp.json, dict) else None
        fail(
            resp,
            f"{sent_text(resp)}; got {resp.status} with description {json.dumps(shown)}, "
            f"expected 201 with the description exactly as sent.",
            f"201 with description {json.dumps(text)}",
        )


@pytest.mark.points(2)
def test_missing_title_is_422(api: Api) -> None:
    """A task without a title answers 422 with an error for the field "title"."""
    user = api.new_user()
    expect_errors(api.post("/tasks", json={"description": "no title"}, user=user), "title")


@pytest.mark.points(1)
def test_blank_title_is_422(api: Api) -> None:
    """An empty title, or one of only spaces, answers 422."""
    user = api.new_user()
    for title in ("", "   ", "\t\n"):
        expect_errors(api.post("/tasks", json={"title": title}, user=user), "title")


@pytest.mark.points(1)
def test_title_longer_than_200_is_422(api: Api) -> None:
    """A title of 201 characters answers 422; 200 characters are fine."""
    user = api.new_user()
    expect_errors(api.post("/tasks", json={"title": "a" * 201}, user=user), "title")
    resp = api.post("/tasks", json={"title": "b" * 199 + "é"}, user=user)
    if resp.status != 201:
        fail(resp, f"{sent_text(resp)} (200 characters); got {resp.status}, expected 201.", "201")


@pytest.mark.points(1)
def test_description_longer_than_2000_is_422(api: Api) -> None:
    """A description of 2001 characters answers 422."""
    user = api.new_user()
    resp = api.post("/tasks", json={"title": unique("Long"), "description": "d" * 2001}, user=user)
    expect_errors(resp, "description")


@pytest.mark.points(1)
def test_wrong_types_are_422(api: Api) -> None:
    """A title that is not a string, or a priority that is not a whole number, answers 422."""
    user = api.new_user()
    cases: list[tuple[dict[str, Any], str]] = [
        ({"title": 42}, "title"),
        ({"title": ["a"]}, "title"),
        ({"title": unique("P"), "priority": "3"}, "priority"),
        ({"title": unique("P"), "priority": 2.5}, "priority"),
        ({"title": unique("P"), "priority": True}, "priority"),
    ]
    for body, field in cases:
        expect_errors(api.post("/tasks", json=body, user=user), field)


@pytest.mark.points(1)
def test_bad_status_is_422(api: Api) -> None:
    """A status other than todo, doing or done answers 422."""
    user = api.new_user()
    for status in ("finished", "DONE", "", None):
        expect_errors(api.post("/tasks", json={"title": unique("S"), "status": status}, user=user), "status")


@pytest.mark.points(1)
def test_priority_out_of_range_is_422(api: Api) -> None:
    """A priority below 1 or above 5 answers 422."""
    user = api.new_user()
    for priority in (0, 6, -1):
        resp = api.post("/tasks", json={"title": unique("P"), "priority": priority}, user=user)
        expect_errors(resp, "priority")


@pytest.mark.points(1)
def test_bad_due_date_is_422(api: Api) -> None:
    """A due_date that is not a real YYYY-MM-DD date answers 422."""
    user = api.new_user()
    for due in ("2031-02-30", "31/12/2031", "2031-1-5", "tomorrow", 20311231):
        resp = api.post("/tasks", json={"title": unique("D"), "due_date": due}, user=user)
        expect_errors(resp, "due_date")


@pytest.mark.points(1)
def test_unknown_field_is_422(api: Api) -> None:
    """A field the API does not know (a typo like "titel") answers 422 naming it."""
    user = api.new_user()
    resp = api.post("/tasks", json={"title": unique("T"), "titel": "typo"}, user=user)
    expect_errors(resp, "titel")


@pytest.mark.points(1)
def test_read_only_fields_are_422(api: Api) -> None:
    """Sending id, version, created_at or updated_at answers 422."""
    user = api.new_user()
    for name, value in (("id", 5), ("version", 9), ("created_at", "2020-01-01T00:00:00Z")):
        resp = api.post("/tasks", json={"title": unique("R"), name: value}, user=user)
        expect_errors(resp, name)


@pytest.mark.points(1)
def test_body_must_be_an_object(api: Api) -> None:
    """A JSON body that is a list, a string, null or a number answers 422 (field "body")."""
    user = api.new_user()
    for body in ([{"title": "x"}], "Buy milk", None, 7):
        expect_errors(api.post("/tasks", json=body, user=user), "body")


@pytest.mark.points(1)
def test_every_problem_is_listed(api: Api) -> None:
    """A body with two bad fields answers one 422 listing both."""
    user = api.new_user()
    resp = api.post("/tasks", json={"title": "", "priority": 9}, user=user)
    errors = expect_errors(resp, "title")
    expect_errors(resp, "priority")
    if len(errors) < 2:
        fail(resp, f"{sent_text(resp)}; the 422 listed {len(errors)} error, expected 2.", "2 errors")


@pytest.mark.points(1)
def test_patch_with_nothing_to_change_is_422(api: Api) -> None:
    """PATCH with an empty object {} answers 422 (field "body")."""
    user = api.new_user()
    task = api.create_task(user, unique("Empty patch"))
    before = get_task(api, user, task["id"])
    resp = patch(api, user, task["id"], {}, if_match(before))
    expect_errors(resp, "body")
    expect_unchanged(api, user, before, "afterwards", resp)


@pytest.mark.points(1)
def test_patch_null_title_is_422(api: Api) -> None:
    """PATCH with null for title, description, status or priority answers 422."""
    user = api.new_user()
    task = api.create_task(user, unique("Null"))
    for name in ("title", "description", "status", "priority"):
        expect_errors(patch(api, user, task["id"], {name: None}, if_match(task)), name)


@pytest.mark.points(2)
def test_invalid_patch_changes_nothing(api: Api) -> None:
    """A PATCH refused with 422 leaves the task exactly as it was."""
    user = api.new_user()
    task = api.create_task(user, unique("Stable"))
    before = get_task(api, user, task["id"])
    resp = patch(api, user, task["id"], {"title": unique("New"), "priority": 99}, if_match(before))
    expect_errors(resp, "priority")
    expect_unchanged(api, user, before, "afterwards", resp)


@pytest.mark.points(1)
def test_user_name_is_required(api: Api) -> None:
    """POST /users without a usable name (missing, blank, not text, over 50 characters) answers 422."""
    for body in ({}, {"name": "   "}, {"name": 7}, {"name": "n" * 51}):
        expect_errors(api.post(USERS_PATH, json=body), "name")
    resp = api.post(USERS_PATH, json={"name": unique("Ada"), "admin": True})
    expect_errors(resp, "admin")


@pytest.mark.points(2)
def test_unknown_route_is_404_problem(api: Api) -> None:
    """A path the API does not have answers 404 as problem+json."""
    for path in ("/nothing-here", "/tasks/1/comments", "/tasks/"):
        expect_problem(api.get(path), 404, "(no such route)")


@pytest.mark.points(1)
def test_task_id_that_is_not_a_number_is_404(api: Api) -> None:
    """/tasks/abc, /tasks/-1 and /tasks/1.5 are unknown routes: 404, even without a key."""
    user = api.new_user()
    for path in ("/tasks/abc", "/tasks/-1", "/tasks/1.5"):
        expect_problem(api.get(path, user=user), 404, "(only digits make a task id)")
        expect_problem(api.delete(path), 404, "(an unknown route is 404 before the key is checked)")


@pytest.mark.points(2)
def test_wrong_method_is_405_with_allow(api: Api) -> None:
    """A method a route does not accept answers 405 with an Allow header."""
    user = api.new_user()
    task = api.create_task(user, unique("Methods"))
    cases = (
        ("PUT", f"/tasks/{task['id']}", {"GET", "PATCH", "DELETE"}),
        ("DELETE", "/tasks", {"GET", "POST"}),
        ("POST", "/health", {"GET"}),
        ("GET", "/users", {"POST"}),
    )
    for method, path, allowed in cases:
        resp = api.request(method, path, user=user)
        expect_problem(resp, 405, "(the route exists but not for this method)")
        expect_header(
            resp,
            "Allow",
            lambda v, allowed=allowed: allowed <= {m.strip().upper() for m in v.split(",")},
            "a list including " + ", ".join(sorted(allowed)),
        )
