"""Milestone 3: create, read, update and delete tasks over HTTP.

As the contract promises, every PATCH here sends If-Match built from the
task's version field, so these tests pass before If-Match is enforced.
"""

from __future__ import annotations

import pytest
from _api import Api, unique
from _http import compact, expect_field, expect_header, expect_status, fail, sent_text
from _tasks import TIMESTAMP, expect_error, expect_task, get_task, if_match, patch

pytestmark = pytest.mark.milestone(3)


@pytest.mark.points(3)
def test_create_task_answers_201_with_the_task(api: Api) -> None:
    """POST /tasks with a title answers 201 with the new task and its defaults."""
    user = api.new_user()
    title = unique("Buy milk")
    resp = api.post("/tasks", json={"title": title}, user=user)
    expect_status(resp, 201, "(the task is created)")
    expect_task(resp)
    expect_field(resp, "title", equals=title)
    expect_field(resp, "description", equals="", expectation="the default")
    expect_field(resp, "status", equals="todo", expectation="the default")
    expect_field(resp, "priority", equals=3, expectation="the default")
    expect_field(resp, "due_date", equals=None, expectation="the default")
    expect_field(resp, "version", equals=1, expectation="a new task starts at version 1")


@pytest.mark.points(1)
def test_create_sets_location_header(api: Api) -> None:
    """The 201 answer has the header Location: /tasks/{id}."""
    user = api.new_user()
    resp = api.post("/tasks", json={"title": unique("Call mom")}, user=user)
    expect_status(resp, 201, "(the task is created)")
    task = expect_task(resp)
    wanted = f"/tasks/{task['id']}"
    expect_header(resp, "Location", lambda v: v.strip() == wanted, f'"{wanted}" (a path, not a full URL)')


@pytest.mark.points(1)
def test_create_with_every_field(api: Api) -> None:
    """Description, status, priority and due_date sent on create are stored."""
    user = api.new_user()
    body = {
        "title": unique("Tax return"),
        "description": "forms are in the blue folder",
        "status": "doing",
        "priority": 5,
        "due_date": "2031-04-30",
    }
    resp = api.post("/tasks", json=body, user=user)
    expect_status(resp, 201, "(the task is created)")
    expect_task(resp)
    for name, value in body.items():
        expect_field(resp, name, equals=value, expectation="as sent")


@pytest.mark.points(1)
def test_timestamps_are_rfc3339_utc(api: Api) -> None:
    """created_at and updated_at look like 2026-11-21T10:00:00.123456Z and are equal on create."""
    user = api.new_user()
    resp = api.post("/tasks", json={"title": unique("Water plants")}, user=user)
    expect_status(resp, 201, "(the task is created)")
    task = expect_task(resp)
    form = "a UTC time with six fraction digits and a Z, like 2026-11-21T10:00:00.123456Z"
    expect_field(resp, "created_at", lambda v: TIMESTAMP.fullmatch(v) is not None, form)
    expect_field(resp, "updated_at", equals=task["created_at"], expectation="the same as created_at")


@pytest.mark.points(2)
def test_get_returns_the_created_task(api: Api) -> None:
    """GET /tasks/{id} answers 200 with exactly what POST /tasks returned."""
    user = api.new_user()
    created = api.create_task(user, unique("Read a book"), priority=2)
    resp = api.get(f"/tasks/{created['id']}", user=user)
    expect_status(resp, 200, "(the task exists)")
    got = expect_task(resp)
    if got != created:
        fail(
            resp,
            f"{sent_text(resp)}; got {compact(got)}, expected the same task POST returned: "
            f"{compact(created)}.",
            compact(created),
        )


@pytest.mark.points(1)
def test_create_trims_title(api: Api) -> None:
    """Spaces around a title are removed before it is stored."""
    user = api.new_user()
    title = unique("Buy milk")
    resp = api.post("/tasks", json={"title": f"  {title}  "}, user=user)
    expect_status(resp, 201, f'with the title trimmed to "{title}"')
    expect_field(resp, "title", equals=title, expectation="trimmed")


@pytest.mark.points(1)
def test_every_task_gets_its_own_id(api: Api) -> None:
    """Tasks get different ids, also when two users create them."""
    first, second = api.new_user(), api.new_user()
    ids = [api.create_task(user, unique("Chore"))["id"] for user in (first, second, first)]
    if len(set(ids)) != 3:
        fail(
            None,
            f"Created three tasks (two users); they got the ids {ids}, expected three different ids.",
            "different ids",
        )


@pytest.mark.points(3)
def test_patch_changes_title_and_bumps_version(api: Api) -> None:
    """PATCH changes the title and raises the version from 1 to 2."""
    user = api.new_user()
    created = api.create_task(user, unique("Old title"))
    title = unique("New title")
    resp = patch(api, user, created["id"], {"title": title}, if_match(created))
    expect_status(resp, 200, "(the task is updated)")
    expect_task(resp)
    expect_field(resp, "title", equals=title)
    expect_field(resp, "version", equals=2, expectation="one more than before")


@pytest.mark.points(1)
def test_patch_keeps_fields_not_sent(api: Api) -> None:
    """PATCH changes only the fields sent; the others keep their values."""
    user = api.new_user()
    created = api.create_task(user, unique("Keep me"), description="notes", priority=4, due_date="2030-01-02")
    resp = patch(api, user, created["id"], {"status": "done"}, if_match(created))
    expect_status(resp, 200, "(the task is updated)")
    expect_task(resp)
    expect_field(resp, "status", equals="done")
    for name in ("id", "title", "description", "priority", "due_date", "created_at"):
        expect_field(resp, name, equals=created[name], expectation="not sent, so unchanged")


@pytest.mark.points(1)
def test_patch_moves_updated_at_not_created_at(api: Api) -> None:
    """After PATCH, created_at is unchanged and updated_at is later than before."""
    user = api.new_user()
    created = api.create_task(user, unique("Stamp"))
    resp = patch(api, user, created["id"], {"priority": 1}, if_match(created))
    expect_status(resp, 200, "(the task is updated)")
    expect_task(resp)
    expect_field(resp, "created_at", equals=created["created_at"], expectation="it never changes")
    expect_field(
        resp,
        "updated_at",
        lambda v: v > created["updated_at"],
        f"the time of the change (after {created['updated_at']})",
    )


@pytest.mark.points(1)
def test_patch_with_same_values_still_counts(api: Api) -> None:
    """A PATCH that sets a field to its current value still raises the version."""
    user = api.new_user()
    created = api.create_task(user, unique("Same"), priority=2)
    resp = patch(api, user, created["id"], {"priority": 2}, if_match(created))
    expect_status(resp, 200, "(the task is updated)")
    expect_field(resp, "version", equals=2, expectation="every successful PATCH adds 1")


@pytest.mark.points(1)
def test_patch_is_visible_in_get(api: Api) -> None:
    """A change made with PATCH is what the next GET returns."""
    user = api.new_user()
    created = api.create_task(user, unique("Before"))
    changed = patch(api, user, created["id"], {"description": "after"}, if_match(created))
    expect_status(changed, 200, "(the task is updated)")
    resp = api.get(f"/tasks/{created['id']}", user=user)
    expect_status(resp, 200, "(the task exists)")
    expect_field(resp, "description", equals="after", expectation="the value PATCH set")
    expect_field(resp, "version", equals=2, expectation="the version PATCH returned")


@pytest.mark.points(1)
def test_patch_several_times(api: Api) -> None:
    """Three PATCHes in a row, each with the latest version, give version 4."""
    user = api.new_user()
    task = api.create_task(user, unique("Busy"))
    for status in ("doing", "done", "todo"):
        resp = patch(api, user, task["id"], {"status": status}, if_match(task))
        expect_status(resp, 200, "(If-Match is the current version)")
        task = expect_task(resp)
    expect_field(resp, "version", equals=4)


@pytest.mark.points(1)
def test_patch_due_date_null_clears_it(api: Api) -> None:
    """PATCH with "due_date": null removes the due date."""
    user = api.new_user()
    created = api.create_task(user, unique("Dated"), due_date="2030-06-01")
    resp = patch(api, user, created["id"], {"due_date": None}, if_match(created))
    expect_status(resp, 200, "(the task is updated)")
    expect_field(resp, "due_date", equals=None, expectation="cleared")


@pytest.mark.points(2)
def test_delete_answers_204_without_body(api: Api) -> None:
    """DELETE /tasks/{id} answers 204 with an empty body."""
    user = api.new_user()
    created = api.create_task(user, unique("Delete me"))
    resp = api.delete(f"/tasks/{created['id']}", user=user)
    expect_status(resp, 204, "(deleted, nothing to send back)")
    if resp.body:
        fail(resp, f"{sent_text(resp)}; got 204 with a body, expected no body at all.", "an empty body")


@pytest.mark.points(2)
def test_deleted_task_is_gone(api: Api) -> None:
    """After DELETE, GET and PATCH of that task answer 404; other tasks stay."""
    user = api.new_user()
    keep = api.create_task(user, unique("Keep"))
    gone = api.create_task(user, unique("Gone"))
    expect_status(api.delete(f"/tasks/{gone['id']}", user=user), 204, "(deleted)")
    expect_error(api.get(f"/tasks/{gone['id']}", user=user), 404, "(the task was deleted)")
    expect_error(patch(api, user, gone["id"], {"priority": 1}, if_match(gone)), 404, "(the task was deleted)")
    get_task(api, user, keep["id"])


@pytest.mark.points(1)
def test_delete_twice_is_404(api: Api) -> None:
    """Deleting a task that is already deleted answers 404."""
    user = api.new_user()
    created = api.create_task(user, unique("Twice"))
    expect_status(api.delete(f"/tasks/{created['id']}", user=user), 204, "(deleted)")
    expect_error(api.delete(f"/tasks/{created['id']}", user=user), 404, "(it is already gone)")


@pytest.mark.points(1)
def test_unknown_task_is_404(api: Api) -> None:
    """GET, PATCH and DELETE of a task id that never existed answer 404."""
    user = api.new_user()
    missing = 987654321
    expect_error(api.get(f"/tasks/{missing}", user=user), 404, "(no such task)")
    expect_error(patch(api, user, missing, {"title": "x"}, '"1"'), 404, "(no such task)")
    expect_error(api.delete(f"/tasks/{missing}", user=user), 404, "(no such task)")


@pytest.mark.points(1)
def test_deleted_ids_are_not_reused(api: Api) -> None:
    """A new task never gets the id of a deleted one."""
    user = api.new_user()
    last = api.create_task(user, unique("Last"))
    expect_status(api.delete(f"/tasks/{last['id']}", user=user), 204, "(deleted)")
    new = api.create_task(user, unique("Newer"))
    if new["id"] == last["id"]:
        fail(
            None,
            f"Deleted task {last['id']} and created a new one; it got the same id {new['id']}. "
            "Ids are never reused (SQLite: INTEGER PRIMARY KEY AUTOINCREMENT).",
            "a new id",
        )
