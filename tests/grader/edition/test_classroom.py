"""Points reported to GitHub Classroom's check run, against a fake GitHub API on loopback."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from grader.edition.ci_summary import main
from grader.edition.classroom import CHECK_NAME, ClassroomError, report_points


class FakeGitHub(BaseHTTPRequestHandler):
    """Answers the three calls the reporter makes; records what it was sent."""

    calls: list[tuple[str, str, Any]] = []
    check_runs = 1

    def log_message(self, *args: object) -> None:
        pass

    def answer(self, status: int, data: object) -> None:
        body = json.dumps(data).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.calls.append(("GET", self.path, self.headers["Authorization"]))
        if self.path == "/repos/school/ada/actions/runs/77":
            self.answer(200, {"check_suite_url": "http://x/repos/school/ada/check-suites/555"})
        elif self.path == "/repos/school/ada/check-suites/555/check-runs?check_name=Autograding+Tests":
            runs = [{"id": 9001, "name": CHECK_NAME}] * self.check_runs
            self.answer(200, {"total_count": self.check_runs, "check_runs": runs})
        else:
            self.answer(404, {"message": "Not Found"})

    def do_PATCH(self) -> None:
        length = int(self.headers["Content-Length"])
        self.calls.append(("PATCH", self.path, json.loads(self.rfile.read(length))))
        self.answer(200, {"id": 9001})


@pytest.fixture
def github() -> Iterator[dict[str, str]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGitHub)
    FakeGitHub.calls, FakeGitHub.check_runs = [], 1
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {
            "GITHUB_API_URL": f"http://127.0.0.1:{server.server_address[1]}",
            "GITHUB_TOKEN": "t0ken",
            "GITHUB_REPOSITORY": "school/ada",
            "GITHUB_RUN_ID": "77",
        }
    finally:
        server.shutdown()
        server.server_close()


def test_points_reach_the_autograding_check_run(github: dict[str, str]) -> None:
    report_points(github, "Points 30/845")
    assert [c[0] for c in FakeGitHub.calls] == ["GET", "GET", "PATCH"]
    assert FakeGitHub.calls[0][2] == "Bearer t0ken"
    method, path, body = FakeGitHub.calls[2]
    assert path == "/repos/school/ada/check-runs/9001"
    output = body["output"]
    assert output["summary"] == output["text"] == "Points 30/845"
    assert output["annotations"] == [
        {
            "path": ".github",
            "start_line": 1,
            "end_line": 1,
            "annotation_level": "notice",
            "message": "Points 30/845",
            "title": "Autograding complete",
        }
    ]


def test_no_single_check_run_is_an_error_not_a_guess(github: dict[str, str]) -> None:
    FakeGitHub.check_runs = 0
    with pytest.raises(ClassroomError, match='one check run named "Autograding Tests", found 0'):
        report_points(github, "Points 1/2")
    assert not [c for c in FakeGitHub.calls if c[0] == "PATCH"]


def test_outside_actions_nothing_is_sent() -> None:
    with pytest.raises(ClassroomError, match="GITHUB_REPOSITORY, GITHUB_RUN_ID unset"):
        report_points({"GITHUB_TOKEN": "t"}, "Points 1/2")


def test_the_summary_warns_and_still_succeeds_when_github_refuses(
    github: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    grades = tmp_path / "grades.json"
    grades.write_text(json.dumps([{"exercise_id": "a", "score": 3, "max_score": 4}]), encoding="utf-8")
    for name, value in {**github, "GITHUB_RUN_ID": "78"}.items():  # run 78 is unknown: a 404
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert main([str(grades)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Points 3/4"
    assert out[-1].startswith("::warning title=GitHub Classroom::could not report the points: GET ")
    assert "404" in out[-1]
