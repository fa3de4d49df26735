"""Milestone 3 gate: the server starts, answers /health and registers users."""

from __future__ import annotations

import re

import pytest
from _api import KEY_FIELD, USERS_PATH, Api, unique
from _http import expect_field, expect_json_object, expect_status, fail
from _tasks import expect_error

pytestmark = pytest.mark.milestone(3)


@pytest.mark.points(3)
def test_health_answers_200(api: Api) -> None:
    """The server starts with `python -m taskapi` and GET /health answers 200."""
    resp = api.get("/health")
    expect_status(resp, 200, "(the server is up)")


@pytest.mark.points(1)
def test_health_body_is_status_ok(api: Api) -> None:
    """GET /health answers the JSON {"status": "ok"} without needing an API key."""
    resp = api.get("/health")
    expect_status(resp, 200, "(the server is up)")
    expect_field(resp, "status", equals="ok")


@pytest.mark.points(1)
def test_server_uses_the_db_file_it_is_given(api: Api) -> None:
    """The server keeps its data in the SQLite file named by --db."""
    api.new_user()
    path = api.server.db_path
    wal = path.with_name(path.name + "-wal")
    size = sum(p.stat().st_size for p in (path, wal) if p.exists()) if path.exists() else 0
    if size == 0:
        fail(
            None,
            f"The server was started with --db {path.name}, but after creating a user "
            "that file is missing or empty. Store everything in the file --db names.",
            f"data written to the --db file ({path.name})",
        )


@pytest.mark.points(2)
def test_register_user_returns_key(api: Api) -> None:
    """POST /users with a name answers 201 with the user's id, name and API key."""
    name = unique("Ada")
    resp = api.post(USERS_PATH, json={"name": name})
    expect_status(resp, 201, "(the user is created)")
    expect_json_object(resp, "the new user as a JSON object")
    expect_field(resp, "id", lambda v: type(v) is int, "a whole number")
    expect_field(resp, "name", equals=name)
    expect_field(
        resp,
        KEY_FIELD,
        lambda v: isinstance(v, str) and re.fullmatch(r"[A-Za-z0-9_-]{32,}", v) is not None,
        "a random string of at least 32 characters from A-Z a-z 0-9 - _",
    )


@pytest.mark.points(1)
def test_every_user_gets_a_different_key(api: Api) -> None:
    """Two new users get two different API keys and ids."""
    first, second = api.new_user(), api.new_user()
    if first.key == second.key or first.id == second.id:
        fail(
            None,
            "Created two users; both got the same API key or id. Every user needs their own, "
            "random key (for example from secrets.token_urlsafe).",
            "different keys and ids",
        )


@pytest.mark.points(1)
def test_user_name_taken_is_409(api: Api) -> None:
    """Registering a name that is already taken (ignoring case and spaces) answers 409."""
    user = api.new_user("Grace")
    resp = api.post(USERS_PATH, json={"name": "  " + user.name.upper() + " "})
    expect_error(resp, 409, f'(the name "{user.name}" is taken)')


@pytest.mark.points(1)
def test_register_trims_the_name(api: Api) -> None:
    """POST /users stores the name without the spaces around it."""
    name = unique("Linus")
    resp = api.post(USERS_PATH, json={"name": f"  {name}\t"})
    expect_status(resp, 201, f'with the name trimmed to "{name}"')
    expect_field(resp, "name", equals=name, expectation="trimmed")
