"""The capstone suite shows a server's error briefly: the learner's own frames, and each kind once."""

from __future__ import annotations

import importlib
import json
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

SUITE = Path(__file__).resolve().parents[3] / "grader" / "suites" / "projects" / "task-api"
LIBRARY = f"{sysconfig.get_paths()['purelib']}/anyio/_backends/_asyncio.py"

LOG = f"""Traceback (most recent call last):
  File "{LIBRARY}", line 2779, in run_sync_in_worker_thread
    return await future
           ^^^^^^^^^^^^
  File "{LIBRARY}", line 1124, in run
    result = context.run(func, *args)
  File "/tmp/grader-code-1/code/taskapi/routes.py", line 104, in current_user
    return service.authenticate(bearer_key(authorization))
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/tmp/grader-code-1/code/taskapi/service.py", line 296, in authenticate
    raise NotAuthenticated("no key")
taskapi.service.NotAuthenticated: no key"""


@pytest.fixture
def helpers() -> Iterator[tuple[ModuleType, ModuleType]]:
    """The suite's _server and _http modules, imported as the suite imports them."""
    sys.path.insert(0, str(SUITE))
    try:
        yield importlib.import_module("_server"), importlib.import_module("_http")
    finally:
        sys.path.remove(str(SUITE))
        for name in ("_server", "_spares", "_http"):
            sys.modules.pop(name, None)


def test_library_frames_and_carets_are_left_out(helpers: tuple[ModuleType, ModuleType]) -> None:
    server, _ = helpers
    assert server.own_frames(LOG).splitlines() == [
        "Traceback (most recent call last):",
        "  ... (frames of libraries left out)",
        '  File "/tmp/grader-code-1/code/taskapi/routes.py", line 104, in current_user',
        "    return service.authenticate(bearer_key(authorization))",
        '  File "/tmp/grader-code-1/code/taskapi/service.py", line 296, in authenticate',
        '    raise NotAuthenticated("no key")',
        "taskapi.service.NotAuthenticated: no key",
    ]


def test_a_kind_of_error_is_shown_in_full_once(helpers: tuple[ModuleType, ModuleType]) -> None:
    _, http = helpers
    first = http.server_printed(LOG)
    assert first.startswith(" The server printed:\nTraceback")
    again = http.server_printed(LOG.replace("no key", "a bad key"))
    assert again == (
        " The server printed the same kind of error as in an earlier test: "
        "taskapi.service.NotAuthenticated: a bad key"
    )
    other = http.server_printed("ValueError: something else")
    assert other == " The server printed:\nValueError: something else"


def test_json_log_lines_are_shown_as_their_message_and_traceback(
    helpers: tuple[ModuleType, ModuleType],
) -> None:
    server, _ = helpers
    record = {"time": "2026-12-07T02:00:00+00:00", "level": "error", "message": "Exception in ASGI app"}
    lines = [
        '{"level": "info", "message": "GET /tasks/1 500", "request_id": "abc"}',
        json.dumps({**record, "request_id": "abc", "exception": LOG}),
        "plain text stays as it is",
        "{not json",
    ]
    shown = server.tail("\n".join(lines)).splitlines()
    assert shown[:3] == ["GET /tasks/1 500", "Exception in ASGI app", "Traceback (most recent call last):"]
    assert "  ... (frames of libraries left out)" in shown
    assert shown[-3:] == [
        "taskapi.service.NotAuthenticated: no key",
        "plain text stays as it is",
        "{not json",
    ]
