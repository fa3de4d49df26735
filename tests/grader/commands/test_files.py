"""`grader reset` asks before it replaces files: in a terminal it asks, without one it refuses.

CliRunner's standard input is never a terminal, so the refusals are tested through it; the
question itself is tested on the installed script with a real pseudo-terminal as its input.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from grader.cli import cli
from tests.grader.test_cli import git, grader_script, script_environment

LEAP = "exercises/01_basics/01_leap_year/leap_year.py"
MINE = "def leap_year(year):\n    return 'mine'\n"
REFUSAL = (
    "grader reset leap-year asks for confirmation; run again with --yes to reset without asking. "
    "There is no terminal to ask in, so nothing was changed."
)


@pytest.fixture
def edited(course_dir: Path) -> Path:
    """The course committed to git, with the learner's own leap_year.py in place of the starter."""
    git(course_dir, "init", "-q")
    git(course_dir, "add", "-A")
    git(course_dir, "commit", "-q", "-m", "starter")
    (course_dir / LEAP).write_text(MINE, encoding="utf-8")
    return course_dir


def run(course_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--course", str(course_dir), *args], input="y\n")


def test_without_a_terminal_and_without_yes_nothing_is_reset(edited: Path) -> None:
    result = run(edited, "reset", "leap-year")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert REFUSAL in result.stderr
    assert "Aborted" not in result.output and "Traceback" not in result.output
    assert (edited / LEAP).read_text(encoding="utf-8") == MINE
    assert not (edited / ".grader" / "backups").exists()


@pytest.mark.parametrize("where", ["after", "before"])
def test_with_json_the_refusal_is_a_json_object(edited: Path, where: str) -> None:
    args = ("reset", "leap-year", "--json") if where == "after" else ("--json", "reset", "leap-year")
    result = run(edited, *args)
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {
        "exercise_id": "leap-year",
        "reset": False,
        "reason": "confirmation_needed",
        "message": REFUSAL,
    }
    assert (edited / LEAP).read_text(encoding="utf-8") == MINE


def test_with_yes_no_terminal_is_needed(edited: Path) -> None:
    result = run(edited, "reset", "leap-year", "--yes", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["restored"] == [LEAP]
    assert (edited / LEAP).read_text(encoding="utf-8") != MINE


def in_a_terminal(command: list[str], env: dict[str, str], answer: bytes) -> tuple[int, str]:
    """Run ``command`` with a pseudo-terminal as its input and output, answer once asked."""
    import pty  # POSIX only

    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    seen, answered = b"", False
    deadline = time.monotonic() + 60
    try:
        for _ in range(10_000):  # bounded in count as well as in time
            if time.monotonic() > deadline:
                break
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:  # the terminal closes once the process has ended
                    break
                if not chunk:
                    break
                seen += chunk
            if not answered and b"[y/N]" in seen:
                os.write(leader, answer)
                answered = True
            if process.poll() is not None and not ready:
                break
        return process.wait(timeout=30), seen.decode("utf-8", "replace")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        os.close(leader)


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")
@pytest.mark.parametrize(("answer", "code", "kept"), [(b"n\n", 1, True), (b"y\n", 0, False)])
def test_in_a_terminal_it_asks_first(
    edited: Path, tmp_path: Path, suite_id_cache: Path, answer: bytes, code: int, kept: bool
) -> None:
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env = script_environment(tmp_path, suite_id_cache)
    status, output = in_a_terminal(
        [grader_script(), "--course", str(edited), "reset", "leap-year"], env, answer
    )
    assert "Replace your files for leap-year with the starter? [y/N]" in output
    assert status == code, output
    assert ((edited / LEAP).read_text(encoding="utf-8") == MINE) is kept
    assert ("Restored the starter for leap-year" in output) is not kept
