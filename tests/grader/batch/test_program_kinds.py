"""Write-tests and project exercises in a batch: the learner's tests and server run only in the sandbox."""

from __future__ import annotations

import json
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.grader.batch.helpers import grade, gradebook_rows, lost_points, needs_sandbox, sandbox_processes

COURSE = Path(__file__).resolve().parents[3]  # this repository: the real course

# The learner's own tests, which the trusted suite runs: they probe the sandbox, then pass.
PROBING_TESTS = """\
import os
import socket

from shipping import shipping_cost


def test_probe():
    found = []
    try:
        socket.create_connection(("127.0.0.1", {port}), timeout=1).close()
        found.append("reached the listener")
    except OSError:
        found.append("no network")
    try:
        with open({escape!r}, "w") as stolen:
            stolen.write("escaped")
    except OSError:
        found.append("cannot write outside")
    found.append(f"uid {{os.getuid()}}")
    assert shipping_cost(1) == 0, "probe: " + ", ".join(found)  # fails, so pytest shows what it found
"""

# A server that probes the same way and answers /health.
PROBING_SERVER = """\
import argparse
import http.server
import socket

parser = argparse.ArgumentParser()
parser.add_argument("--host")
parser.add_argument("--port", type=int)
parser.add_argument("--db")
args = parser.parse_args()
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=1).close()
except OSError:
    pass
try:
    with open({escape!r}, "w") as stolen:
        stolen.write("escaped")
except OSError:
    pass
open(args.db, "w").write("my database")  # its own database folder is writable


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/health" else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{{"status": "ok"}}')


http.server.ThreadingHTTPServer((args.host, args.port), Health).serve_forever()
"""


@pytest.fixture
def listener() -> Iterator[tuple[int, list[str]]]:
    """A TCP listener on the host's loopback; it records whatever connects."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    heard: list[str] = []
    stop = threading.Event()

    def listen() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            heard.append("connection")
            connection.close()

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    yield server.getsockname()[1], heard
    stop.set()
    thread.join()
    server.close()


def write_class(root: Path, port: int, escape: Path) -> None:
    ref = root / "ref"
    shutil.copytree(COURSE / "solutions/01_control_flow/09_test_shipping_cost", ref / "shipping")
    shutil.copytree(COURSE / "solutions/projects/task-api/taskapi", ref / "projects/task-api/taskapi")
    shutil.copyfile(COURSE / "solutions/projects/task-api/Dockerfile", ref / "projects/task-api/Dockerfile")
    mallory = root / "mallory"
    (mallory / "projects/task-api/taskapi").mkdir(parents=True)
    probe = {"port": port, "escape": str(escape)}
    (mallory / "test_shipping.py").write_text(PROBING_TESTS.format(**probe), "utf-8")
    server = PROBING_SERVER.format(**{**probe, "escape": str(escape) + "-server"})
    (mallory / "projects/task-api/taskapi/__main__.py").write_text(server, "utf-8")
    (mallory / "projects/task-api/taskapi/__init__.py").write_text("", "utf-8")
    (mallory / "projects/task-api/Dockerfile").write_text('FROM python:3.12-slim\nCMD ["python"]\n', "utf-8")


def test_learner_tests_and_servers_are_graded_inside_the_sandbox(
    tmp_path: Path, listener: tuple[int, list[str]]
) -> None:
    needs_sandbox()
    port, heard = listener
    escape = tmp_path / "escaped"
    write_class(tmp_path / "subs", port, escape)
    out = tmp_path / "out"
    args = ["--exercise", "test-shipping-cost", "--exercise", "task-api", "--jobs", "2"]
    result = grade(COURSE, tmp_path / "subs", out, *args)
    assert result.exit_code == 0, result.output
    assert "Not graded in the sandbox" not in result.output
    rows = gradebook_rows(out)
    scores = (rows["ref"]["test-shipping-cost"], rows["ref"]["task-api"])
    assert scores == ("15", "100"), "\n".join(lost_points(out, "ref"))
    mallory = json.loads((out / "learners/mallory/feedback.json").read_text("utf-8"))
    tests = {t["name"]: t for f in mallory["feedback"] for t in f["tests"]}
    printed = " ".join(str(t.get("output") or "") for t in tests.values())
    assert re.search(r"probe: no network, cannot write outside, uid 6200[01]\b", printed)  # a slot's uid
    # The probing server started in the sandbox and the suite reached it over the run's own loopback.
    assert "the server answered 501" in tests["test_create_without_key_is_401"]["message"]
    assert heard == []
    assert not escape.exists() and not Path(str(escape) + "-server").exists()
    assert sandbox_processes(tmp_path) == []
