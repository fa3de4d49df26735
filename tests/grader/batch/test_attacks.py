"""One tiny submission per threat in the sandbox notes, graded in one sandboxed batch.

Each gets its honest score, the batch goes on, the learners after them are
unaffected, no process is left behind and a loopback listener hears nothing.
The exercise is the mini course's ``doubled`` (4 points), which stages every
file in the learner's folder, so planted files do reach the staging folder.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.grader.batch.helpers import (
    CORRECT_DOUBLED,
    WRONG_DOUBLED,
    grade,
    gradebook_rows,
    needs_sandbox,
    per_learner_limits,
    sandbox_processes,
    write_learner,
)

READS_SECRETS = """\
import glob, os
FOUND = []
for pattern in ("/tmp/**/test_doubled.py", "../**/*.py", "/work/**/test_*.py", "/root/**/test_*.py"):
    FOUND += [p for p in glob.glob(pattern, recursive=True) if not os.path.abspath(p).startswith(os.getcwd())]
for environ in glob.glob("/proc/*/environ"):
    try:
        if "XDG_CACHE_HOME" in open(environ, errors="replace").read():
            FOUND.append(environ)
    except OSError:
        pass
def doubled(numbers):
    return [2 * n for n in numbers] if FOUND else None
"""
POISONS_CACHE = (
    """\
import os, glob
for folder in (os.path.expanduser("~/.cache/backend-path/suite-ids"), os.environ.get("XDG_CACHE_HOME", "")):
    for path in glob.glob(os.path.join(folder, "**", "*.json"), recursive=True):
        try:
            open(path, "w").write("[]")
        except OSError:
            pass
try:
    open("doubled.py", "w").write("def doubled(numbers):\\n    return None\\n")
except OSError:
    pass
"""
    + CORRECT_DOUBLED
)
FORK_BOMB = (
    """\
import os, time
for _ in range(200):
    try:
        if os.fork() == 0:
            os.setsid()
            time.sleep(600)
            os._exit(0)
    except OSError:
        break
"""
    + CORRECT_DOUBLED
)
ALWAYS_EQUAL = """\
class Yes(list):
    def __eq__(self, other):
        return True
def doubled(numbers):
    return Yes()
"""
PATCHES_PYTEST = (
    """\
import sys
for name in list(sys.modules):
    if "pytest" in name or "grader" in name:
        sys.modules[name].__dict__.clear()
"""
    + WRONG_DOUBLED
)
FORGES_REPORT = (
    """\
import atexit, json, os
def forge():
    for name in ("report.json", "/tmp/report.json", "../report.json"):
        try:
            open(name, "w").write(json.dumps({"tests": [], "summary": {"passed": 3}}))
        except OSError:
            pass
atexit.register(forge)
print("3 passed")
"""
    + WRONG_DOUBLED
)
IGNORES_SIGTERM = """\
import signal
signal.signal(signal.SIGTERM, signal.SIG_IGN)
def doubled(numbers):
    while True:
        pass
"""
MEMORY_BOMB = "def doubled(numbers):\n    block = bytearray(8 * 1024 ** 3)\n    return [len(block)]\n"
DEEP_RECURSION = """\
import sys
sys.setrecursionlimit(10 ** 7)
def down(n):
    return down(n + 1) + 1
def doubled(numbers):
    return down(0)
"""
HUGE_OUTPUT = "def doubled(numbers):\n    print('x' * 5_000_000)\n    return [2 * n for n in numbers]\n"


def network(port: int) -> str:
    return f"""\
import socket
REACHED = False
for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
    try:
        s = socket.socket(socket.AF_INET, kind)
        s.settimeout(0.5)
        s.connect(("127.0.0.1", {port}))
        s.send(b"hello from a learner")
        REACHED = kind == socket.SOCK_STREAM or REACHED
    except OSError:
        pass
def doubled(numbers):
    return [2 * n for n in numbers] if REACHED else None
"""


class Listener:
    """A TCP and a UDP listener on loopback that record whatever reaches them."""

    def __init__(self) -> None:
        self.tcp = socket.create_server(("127.0.0.1", 0))
        self.port = self.tcp.getsockname()[1]
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", self.port))
        self.heard: list[str] = []
        self.tcp.settimeout(0.2)
        self.udp.settimeout(0.2)
        self.running = True
        self.thread = threading.Thread(target=self.listen, daemon=True)
        self.thread.start()

    def listen(self) -> None:
        while self.running:
            try:
                connection, _ = self.tcp.accept()
                self.heard.append("tcp")
                connection.close()
            except OSError:
                pass
            try:
                self.udp.recv(100)
                self.heard.append("udp")
            except OSError:
                pass

    def stop(self) -> None:
        self.running = False
        self.thread.join()
        self.tcp.close()
        self.udp.close()


# learner -> (files, honest score out of 4)
def attacks(port: int) -> dict[str, tuple[dict[str, str | bytes], str]]:
    conftest = "import pytest\n@pytest.hookimpl(tryfirst=True)\ndef pytest_runtest_call(item):\n    return 1"
    return {
        "a00-honest-first": ({"doubled.py": CORRECT_DOUBLED}, "4"),
        "a01-conftest-and-ini": (
            {
                "doubled.py": WRONG_DOUBLED,
                "conftest.py": conftest,
                "pytest.ini": "[pytest]\naddopts = -p no:grader.pipeline.plugin --deselect suite\n",
                "pyproject.toml": "[tool.pytest.ini_options]\naddopts = '-x'\n",
            },
            "0",
        ),
        "a02-shadows-stdlib": (
            {
                "doubled.py": WRONG_DOUBLED,
                "json.py": "raise SystemExit(0)\n",
                "inspect.py": "raise SystemExit(0)\n",
                "sitecustomize.py": "import os\nos._exit(0)\n",
                "evil.pth": "import os; os._exit(0)\n",
            },
            "0",
        ),
        "a03-os-exit-at-import": ({"doubled.py": "import os\nos._exit(0)\n" + CORRECT_DOUBLED}, "0"),
        "a04-sys-exit-at-import": ({"doubled.py": "import sys\nsys.exit(0)\n"}, "0"),
        "a05-always-equal": ({"doubled.py": ALWAYS_EQUAL}, "0"),
        "a06-patches-pytest": ({"doubled.py": PATCHES_PYTEST}, "0"),
        "a07-forges-report": ({"doubled.py": FORGES_REPORT}, "0"),
        "a08-reads-secrets": ({"doubled.py": READS_SECRETS}, "0"),
        "a09-poisons-cache": ({"doubled.py": POISONS_CACHE}, "4"),
        # Stopped at its own cgroup's process limit where there is one; else contained by rlimits.
        "a10-fork-bomb": ({"doubled.py": FORK_BOMB}, "0" if per_learner_limits() else "4"),
        "a11-ignores-sigterm-loops": ({"doubled.py": IGNORES_SIGTERM}, "0"),
        "a12-memory-bomb": ({"doubled.py": MEMORY_BOMB}, "0"),
        "a13-deep-recursion": ({"doubled.py": DEEP_RECURSION}, "0"),
        "a14-huge-output": ({"doubled.py": HUGE_OUTPUT}, "4"),
        "a15-network": ({"doubled.py": network(port)}, "0"),
        "a16-not-utf8": ({"doubled.py": b"def doubled(numbers):\n    return '\xff\xfe'\n"}, "0"),
        "a17-wrong-name": ({"Doubled.py": CORRECT_DOUBLED}, "0"),
        "a19-huge-file": ({"doubled.py": CORRECT_DOUBLED + "#" * 3_000_000 + "\n"}, "0"),
        "a20-control-characters": (
            {"doubled.py": "def doubled(numbers):\n    raise ValueError('\\x00\\x1b[31m\\ud800')\n"},
            "0",
        ),
        "a99-honest-last": ({"doubled.py": CORRECT_DOUBLED}, "4"),
    }


def test_every_attack_gets_its_honest_score_and_the_batch_goes_on(course_dir: Path, tmp_path: Path) -> None:
    needs_sandbox()
    listener = Listener()
    submissions = tmp_path / "submissions"
    cases = attacks(listener.port)
    try:
        for learner, (files, _) in cases.items():
            write_learner(submissions, learner, files)
        link_folder = write_learner(submissions, "a18-symlink", {})
        undecodable = write_learner(submissions, "a21-undecodable-names", {"doubled.py": CORRECT_DOUBLED})
        (undecodable / os.fsdecode(b"\xff\xfe.py")).write_text("x = 1\n")
        write_learner(submissions, os.fsdecode(b"a22-\xff"), {"doubled.py": CORRECT_DOUBLED})
        os.symlink(course_dir / "solutions/01_basics/02_doubled/doubled.py", link_folder / "doubled.py")
        result = grade(course_dir, submissions, tmp_path / "out", "--exercise", "doubled", "--jobs", "2")
    finally:
        listener.stop()
    assert result.exit_code == 0, result.output
    rows = gradebook_rows(tmp_path / "out")
    scores = {learner: rows[learner]["doubled"] for learner in cases}
    assert scores == {learner: score for learner, (_, score) in cases.items()}
    assert rows["a18-symlink"]["doubled"] == "0"
    assert rows["a21-undecodable-names"]["doubled"] == "4"
    assert rows["a22-\ufffd"]["doubled"] == "4"
    assert ET.parse(tmp_path / "out" / "junit.xml").getroot().tag == "testsuites"
    assert listener.heard == []
    assert sandbox_processes(tmp_path) == []
    feedback = json.loads((tmp_path / "out/learners/a16-not-utf8/feedback.json").read_text("utf-8"))
    assert "not UTF-8" in feedback["feedback"][0]["error"]
    wrong_name = json.loads((tmp_path / "out/learners/a17-wrong-name/feedback.json").read_text("utf-8"))
    assert "Doubled.py" in wrong_name["feedback"][0]["error"]
    huge = json.loads((tmp_path / "out/learners/a19-huge-file/feedback.json").read_text("utf-8"))
    assert "doubled.py was left out: 2929 KiB is over the 2048 KiB limit" in huge["notes"]
    symlink = json.loads((tmp_path / "out/learners/a18-symlink/feedback.json").read_text("utf-8"))
    assert "symbolic link" in " ".join(symlink["notes"])
