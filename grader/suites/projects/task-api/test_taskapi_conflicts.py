"""Milestone 6: duplicate titles and optimistic concurrency, including races.

The race tests send 16 requests at the same moment, several times: every
request's connection is opened and all but its last byte sent first; then a
barrier releases the threads together and each sends its last byte.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from _api import Api, User, unique
from _http import Response, compact, expect_field, expect_status, fail
from _tasks import expect_error, expect_problem, expect_unchanged, get_task, if_match, patch

pytestmark = pytest.mark.milestone(6)

RACERS = 16
BURSTS = 5


def expect_duplicate(resp: Response, existing_id: Any, why: str = "") -> None:
    """Check a 409 duplicate-title problem pointing at ``existing_id``."""
    expect_problem(resp, 409, why or "(the user already has a task with this title)", slug="duplicate-title")
    expect_field(resp, "existing_id", equals=existing_id, expectation="the id of the task that has the title")


# -- duplicates -------------------------------------------------------------------


@pytest.mark.points(3)
def test_same_title_twice_is_409(api: Api) -> None:
    """Creating a second task with the same title answers 409 with the first task's id."""
    user = api.new_user()
    title = unique("Buy milk")
    first = api.create_task(user, title)
    expect_duplicate(api.post("/tasks", json={"title": title}, user=user), first["id"])


@pytest.mark.points(2)
def test_duplicates_ignore_spaces_and_case(api: Api) -> None:
    """'  buy MILK ' and 'BUY MILK' are duplicates of 'Buy milk'."""
    user = api.new_user()
    base = unique("Buy milk")
    first = api.create_task(user, base)
    for title in (f"  {base.lower().replace('milk', 'MILK')} ", base.upper()):
        expect_duplicate(api.post("/tasks", json={"title": title}, user=user), first["id"])


@pytest.mark.points(1)
def test_duplicates_use_casefold(api: Api) -> None:
    """'STRASSE' is a duplicate of 'Straße' (str.casefold, not str.lower)."""
    user = api.new_user()
    first = api.create_task(user, "Straße")
    expect_duplicate(api.post("/tasks", json={"title": "STRASSE"}, user=user), first["id"])


@pytest.mark.points(1)
def test_refused_duplicate_creates_nothing(api: Api) -> None:
    """After a 409, the user still has just one task with that title."""
    user = api.new_user()
    title = unique("Once")
    first = api.create_task(user, title)
    expect_duplicate(api.post("/tasks", json={"title": title}, user=user), first["id"])
    resp = api.get("/tasks?limit=100", user=user)
    expect_status(resp, 200, "(a list of tasks)")
    expect_field(resp, "total", equals=1, expectation="the refused duplicate was not stored")


@pytest.mark.points(1)
def test_deleting_frees_the_title(api: Api) -> None:
    """After a task is deleted, its title can be used again."""
    user = api.new_user()
    title = unique("Reuse")
    first = api.create_task(user, title)
    expect_status(api.delete(f"/tasks/{first['id']}", user=user), 204, "(deleted)")
    resp = api.post("/tasks", json={"title": title}, user=user)
    expect_status(resp, 201, "(the old task with this title was deleted)")


@pytest.mark.points(1)
def test_other_users_may_use_the_same_title(api: Api) -> None:
    """Two users may each have a task with the same title."""
    title = unique("Shared title")
    api.create_task(api.new_user(), title)
    resp = api.post("/tasks", json={"title": title}, user=api.new_user())
    expect_status(resp, 201, "(titles are unique per user, not across users)")


@pytest.mark.points(2)
def test_rename_onto_another_title_is_409(api: Api) -> None:
    """PATCH renaming a task to another task's title answers 409 and changes nothing."""
    user = api.new_user()
    taken = api.create_task(user, unique("Taken"))
    mine = api.create_task(user, unique("Mine"))
    resp = patch(api, user, mine["id"], {"title": f" {taken['title'].upper()} "}, if_match(mine))
    expect_duplicate(resp, taken["id"])
    expect_unchanged(api, user, mine, "afterwards", resp)


@pytest.mark.points(1)
def test_rename_to_own_title_in_other_case_is_fine(api: Api) -> None:
    """PATCH changing only the case of a task's own title answers 200."""
    user = api.new_user()
    task = api.create_task(user, unique("lower case"))
    resp = patch(api, user, task["id"], {"title": task["title"].upper()}, if_match(task))
    expect_status(resp, 200, "(a task never clashes with itself)")
    expect_field(resp, "title", equals=task["title"].upper())


@pytest.mark.points(1)
def test_renaming_frees_the_old_title(api: Api) -> None:
    """After a task is renamed, its old title can be used for a new task."""
    user = api.new_user()
    old = unique("Old name")
    task = api.create_task(user, old)
    expect_status(
        patch(api, user, task["id"], {"title": unique("New name")}, if_match(task)), 200, "(renamed)"
    )
    expect_status(api.post("/tasks", json={"title": old}, user=user), 201, "(the old title is free again)")


@pytest.mark.points(4)
@pytest.mark.varies  # requests interleave differently each run
def test_simultaneous_creates_of_one_title(api: Api) -> None:
    """16 creates of one title at the same moment: exactly one 201, fifteen 409 (5 rounds)."""
    user = api.new_user("racer")
    for burst in range(1, BURSTS + 1):
        title = unique("Race")
        answers = api.race(
            RACERS, lambda i, title=title: ("POST", "/tasks", {"title": title}, api.headers_for(user, None))
        )
        check_create_race(answers, title, burst)


def check_create_race(answers: list[Response], title: str, burst: int) -> None:
    counts = Counter(resp.status for resp in answers)
    sent = (
        f"Sent {RACERS} × POST /tasks with {compact({'title': title})} at the same moment "
        f"(round {burst} of {BURSTS})"
    )
    winners = [resp for resp in answers if resp.status == 201]
    if len(winners) != 1 or counts[409] != RACERS - 1:
        shown = ", ".join(f"{n} × {status}" for status, n in sorted(counts.items()))
        example = winners[1] if len(winners) > 1 else next(r for r in answers if r.status != 409)
        fail(
            example,
            f"{sent}; got {shown}, expected exactly one 201 and {RACERS - 1} × 409. "
            + ("Several requests created the same title." if len(winners) > 1 else ""),
            f"1 × 201 and {RACERS - 1} × 409",
        )
    winner_id = winners[0].json.get("id") if isinstance(winners[0].json, dict) else None
    for resp in answers:
        if resp.status == 409:
            expect_duplicate(resp, winner_id, "(another request created this title at the same moment)")


@pytest.mark.points(1)
@pytest.mark.varies  # requests interleave differently each run
def test_simultaneous_creates_by_different_users(api: Api) -> None:
    """8 users creating the same title at the same moment all get 201."""
    users = [api.new_user("crowd") for _ in range(8)]
    title = unique("Same for everyone")
    answers = api.race(8, lambda i: ("POST", "/tasks", {"title": title}, api.headers_for(users[i], None)))
    for resp in answers:
        expect_status(resp, 201, "(each user has their own titles)")


# -- If-Match ---------------------------------------------------------------------


@pytest.mark.points(2)
def test_patch_without_if_match_is_428(api: Api) -> None:
    """PATCH without If-Match answers 428 and changes nothing."""
    user = api.new_user()
    task = api.create_task(user, unique("Guarded"))
    resp = patch(api, user, task["id"], {"status": "done"}, None)
    expect_problem(resp, 428, "(If-Match is required)")
    expect_unchanged(api, user, task, "afterwards", resp)


@pytest.mark.points(3)
def test_stale_if_match_is_412(api: Api) -> None:
    """PATCH with an old version in If-Match answers 412 and changes nothing."""
    user = api.new_user()
    task = api.create_task(user, unique("Edited twice"))
    first = patch(api, user, task["id"], {"priority": 5}, if_match(task))
    expect_status(first, 200, "(If-Match is the current version)")
    current = get_task(api, user, task["id"])
    resp = patch(api, user, task["id"], {"priority": 1}, if_match(task))  # still says "1"
    expect_problem(resp, 412, "(the task changed since version 1)")
    expect_unchanged(api, user, current, "afterwards", resp)


@pytest.mark.points(1)
def test_if_match_must_be_exact(api: Api) -> None:
    """If-Match values like 1 (no quotes), W/"1" or "01" answer 412."""
    user = api.new_user()
    task = api.create_task(user, unique("Exact"))
    for value in ("1", 'W/"1"', '"01"', '"2"', '"abc"'):
        resp = patch(api, user, task["id"], {"priority": 2}, value)
        expect_problem(resp, 412, f"(If-Match must be exactly {if_match(task)})")
    expect_unchanged(api, user, task, "after those requests", resp)


@pytest.mark.points(1)
def test_reload_and_retry_after_412(api: Api) -> None:
    """Two clients edit version 1: the second gets 412, reloads, and then succeeds."""
    user = api.new_user()
    task = api.create_task(user, unique("Two editors"))
    expect_status(patch(api, user, task["id"], {"status": "doing"}, if_match(task)), 200, "(first edit)")
    late = patch(api, user, task["id"], {"priority": 1}, if_match(task))
    expect_problem(late, 412, "(the second editor's version is old)")
    fresh = get_task(api, user, task["id"])
    resp = patch(api, user, task["id"], {"priority": 1}, if_match(fresh))
    expect_status(resp, 200, "(retried with the current version)")
    expect_field(resp, "status", equals="doing", expectation="the first edit is kept")
    expect_field(resp, "version", equals=3)


@pytest.mark.points(1)
def test_error_order_for_patch(api: Api) -> None:
    """PATCH of a missing task: 428 without If-Match, 404 with one; 412 comes before 409."""
    user = api.new_user()
    expect_problem(patch(api, user, 987654321, {"priority": 2}, None), 428, "(428 comes before 404)")
    expect_problem(patch(api, user, 987654321, {"priority": 2}, '"1"'), 404, "(no such task)")
    taken = api.create_task(user, unique("Taken"))
    task = api.create_task(user, unique("Mine"))
    expect_status(patch(api, user, task["id"], {"priority": 2}, if_match(task)), 200, "(updated)")
    resp = patch(api, user, task["id"], {"title": taken["title"]}, if_match(task))
    expect_problem(resp, 412, "(the If-Match is old: 412 comes before 409)")
    other = api.new_user()
    expect_error(patch(api, other, task["id"], {"priority": 2}, '"9"'), 404, "(404 comes before 412)")


@pytest.mark.points(4)
@pytest.mark.varies  # requests interleave differently each run
def test_simultaneous_patches_of_one_version(api: Api) -> None:
    """16 PATCHes with the same If-Match at the same moment: exactly one 200, fifteen 412 (5 rounds)."""
    user = api.new_user("editor")
    task = api.create_task(user, unique("Contested"))
    for burst in range(1, BURSTS + 1):
        before = get_task(api, user, task["id"])
        tag = if_match(before)
        headers = {**api.headers_for(user, None), "If-Match": tag}
        path = f"/tasks/{task['id']}"

        def make(i: int, burst: int = burst, path: str = path, headers: dict = headers) -> tuple:
            return ("PATCH", path, {"description": f"writer {i} in round {burst}"}, headers)

        answers = api.race(RACERS, make)
        check_patch_race(api, user, before, answers, burst)


def check_patch_race(
    api: Api, user: User, before: dict[str, Any], answers: list[Response], burst: int
) -> None:
    counts = Counter(resp.status for resp in answers)
    sent = (
        f"Sent {RACERS} × PATCH /tasks/{before['id']} with If-Match: {if_match(before)} at the "
        f"same moment (round {burst} of {BURSTS})"
    )
    winners = [resp for resp in answers if resp.status == 200]
    if len(winners) != 1 or counts[412] != RACERS - 1:
        shown = ", ".join(f"{n} × {status}" for status, n in sorted(counts.items()))
        example = winners[1] if len(winners) > 1 else next(r for r in answers if r.status != 412)
        fail(
            example,
            f"{sent}; got {shown}, expected exactly one 200 and {RACERS - 1} × 412. "
            + (
                "Several edits of the same version were accepted: all but one were lost."
                if len(winners) > 1
                else ""
            ),
            f"1 × 200 and {RACERS - 1} × 412",
        )
    winner = winners[0].json if isinstance(winners[0].json, dict) else {}
    after = get_task(api, user, before["id"])
    if after.get("version") != before["version"] + 1 or after.get("description") != winner.get("description"):
        fail(
            winners[0],
            f"{sent}; afterwards the task was {compact(after)}, expected version "
            f"{before['version'] + 1} with the winner's description {compact(winner.get('description'))}.",
            f"version {before['version'] + 1}",
        )
