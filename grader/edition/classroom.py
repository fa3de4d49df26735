"""Report the points to GitHub Classroom the way its own reporter action does.

GitHub Classroom reads the check run named "Autograding Tests" in the workflow
run: the reporter action (github-education-resources/autograding-grading-reporter,
src/notify-classroom.js) finds it through the run's check suite and sets its
output to "Points N/M", with a notice annotation carrying the same text.
This needs the workflow's GITHUB_TOKEN with ``checks: write`` and ``actions: read``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any

CHECK_NAME = "Autograding Tests"
TIMEOUT = 30


class ClassroomError(Exception):
    """The points could not be reported; the message says why."""


def api(env: Mapping[str, str], method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    """Call the GitHub REST API as the workflow's token; the parsed JSON answer."""
    base = env.get("GITHUB_API_URL", "https://api.github.com").rstrip("/")
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode("utf-8") if body is not None else None,
        method=method,
        headers={
            "Authorization": f"Bearer {env['GITHUB_TOKEN']}",
            "Accept": "application/vnd.github+json",
            "Content-Type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raise ClassroomError(f"{method} {path} answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise ClassroomError(f"{method} {path} failed: {error}") from None


def check_run_id(env: Mapping[str, str]) -> int:
    """The id of this run's "Autograding Tests" check run."""
    repo = env["GITHUB_REPOSITORY"]
    run = api(env, "GET", f"/repos/{repo}/actions/runs/{int(env['GITHUB_RUN_ID'])}")
    suite = str(run["check_suite_url"]).rstrip("/").rsplit("/", 1)[-1]
    query = urllib.parse.urlencode({"check_name": CHECK_NAME})
    runs = api(env, "GET", f"/repos/{repo}/check-suites/{int(suite)}/check-runs?{query}")
    if runs.get("total_count") != 1:
        raise ClassroomError(f'expected one check run named "{CHECK_NAME}", found {runs.get("total_count")}')
    return int(runs["check_runs"][0]["id"])


def report_points(env: Mapping[str, str], text: str) -> None:
    """Set the check run's output to ``text`` (``Points N/M``), as GitHub Classroom reads it."""
    missing = [name for name in ("GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_RUN_ID") if not env.get(name)]
    if missing:
        raise ClassroomError(f"not running in GitHub Actions with a token ({', '.join(missing)} unset)")
    try:
        check = check_run_id(env)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        raise ClassroomError(f"unexpected answer from GitHub: {error!r}") from None
    annotation = {
        "path": ".github",
        "start_line": 1,
        "end_line": 1,
        "annotation_level": "notice",
        "message": text,
        "title": "Autograding complete",
    }
    output = {"title": "Autograding", "summary": text, "text": text, "annotations": [annotation]}
    api(env, "PATCH", f"/repos/{env['GITHUB_REPOSITORY']}/check-runs/{check}", {"output": output})
