"""One runner forks a pytest run per implementation: runs stay apart, stuck and hostile tests end honestly.

Each test writes a small suite under tmp_path: ``implementations/<name>/absolute.py``
and a learner test file, then runs them through :class:`Implementations`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.boundary.process import ignore_pid
from grader.feedback.expectations import Mismatch
from grader.kinds import implementation_runs
from grader.kinds.implementation_runs import NO_STATUS, Implementations
from grader.kinds.learner_tests import EXIT_PASSED, TestRunCheck
from grader.kinds.run_results import TestRun

CORRECT = "def absolute(x):\n    return x if x >= 0 else -x\n"
NEGATES = '"""Bug: negates every number."""\n\n\ndef absolute(x):\n    return -x\n'

# Fails when an earlier run left anything behind; then leaves all of it for the next one.
LEAVES_STATE = """\
import json
import os
import sys
from pathlib import Path

import absolute


def test_nothing_left_by_an_earlier_run():
    assert not hasattr(sys, "left_by_an_earlier_run")
    assert "LEFT_BY_AN_EARLIER_RUN" not in os.environ
    assert not hasattr(absolute, "left_behind")
    assert json.dumps([1]) == "[1]"
    assert not Path("left.txt").exists()
    assert absolute.absolute(-2) == 2
    sys.left_by_an_earlier_run = True
    os.environ["LEFT_BY_AN_EARLIER_RUN"] = "1"
    absolute.left_behind = True
    json.dumps = lambda value: "patched"
    Path("left.txt").write_text("here", encoding="utf-8")
"""

# The endless loop is one line: a test stopped in it is stopped on that line, whether in the
# condition or the body (on two lines, CI once saw it stopped on the `pass`).
HANGS_ON_THE_BUG = """\
from absolute import absolute


def test_positive():
    assert absolute(3) == 3


def test_negative():
    while absolute(3) < 0: pass
    assert absolute(-3) == 3
"""

KILLS_ITS_PARENT = """\
import os
import signal

from absolute import absolute


def test_kills_the_process_that_started_it():
    os.kill(os.getppid(), signal.SIGKILL)
    assert absolute(-1) == 1
"""


def suite(tmp_path: Path, learner_test: str, implementations: dict[str, str]) -> tuple[Path, Path]:
    tests_dir = tmp_path / "learner"
    tests_dir.mkdir()
    (tests_dir / "test_absolute.py").write_text(learner_test, encoding="utf-8")
    folder = tmp_path / "implementations"
    for name, source in implementations.items():
        (folder / name).mkdir(parents=True)
        (folder / name / "absolute.py").write_text(source, encoding="utf-8")
    return tests_dir, folder


def run_all(
    tests_dir: Path, folder: Path, names: list[str], seconds: float = 30.0
) -> dict[str, TestRun | None]:
    return Implementations(tests_dir, folder, seconds, ignore_pid, None).run_all(names)


@pytest.mark.skipif(not implementation_runs.FORKING, reason="runs are forked only where there is fork")
def test_a_run_leaves_nothing_for_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(implementation_runs, "SIDE_BY_SIDE", 1)  # one after another, in one runner
    names = ["correct", "copy_a", "copy_b", "copy_c"]
    tests_dir, folder = suite(tmp_path, LEAVES_STATE, dict.fromkeys(names, CORRECT))
    runs = run_all(tests_dir, folder, names)
    assert {name: run.exit_code for name, run in runs.items() if run} == dict.fromkeys(names, EXIT_PASSED)
    assert not (tests_dir / "left.txt").exists()  # the learner's own folder is never run in


def test_a_test_stuck_on_one_implementation_is_stopped_and_named(tmp_path: Path) -> None:
    tests_dir, folder = suite(tmp_path, HANGS_ON_THE_BUG, {"correct": CORRECT, "negates": NEGATES})
    runs = run_all(tests_dir, folder, ["correct", "negates"])
    correct, negates = runs["correct"], runs["negates"]
    assert correct is not None and correct.exit_code == EXIT_PASSED
    assert negates is not None and negates.timed_out
    assert negates.stopped_at == "test_negative in test_absolute.py, line 9: while absolute(3) < 0: pass"
    with pytest.raises(Mismatch) as raised:
        TestRunCheck(negates, correct).fails()
    assert raised.value.detail["summary"] == (
        "Your tests did not finish: one test ran longer than 2 s and was stopped in "
        "test_negative in test_absolute.py, line 9: while absolute(3) < 0: pass"
    )


@pytest.mark.skipif(not implementation_runs.FORKING, reason="a runner exists only where there is fork")
def test_a_test_that_kills_the_runner_never_passes(tmp_path: Path) -> None:
    names = ["correct", "negates"]
    tests_dir, folder = suite(tmp_path, KILLS_ITS_PARENT, {"correct": CORRECT, "negates": NEGATES})
    runs = run_all(tests_dir, folder, names)
    for name in names:
        run = runs[name]
        assert run is not None and run.exit_code == NO_STATUS
        assert "ended without an exit status" in run.output
    correct, negates = runs["correct"], runs["negates"]
    assert correct is not None and negates is not None
    with pytest.raises(Mismatch, match="Your tests fail on the correct version of the code"):
        TestRunCheck(correct, correct).passes()
    with pytest.raises(Mismatch, match="catching this bug does not count yet"):
        TestRunCheck(negates, correct).fails()


def test_an_implementation_the_suite_lacks_is_named(tmp_path: Path) -> None:
    tests_dir, folder = suite(tmp_path, HANGS_ON_THE_BUG, {"correct": CORRECT})
    with pytest.raises(LookupError, match="no implementation 'nope'"):
        run_all(tests_dir, folder, ["correct", "nope"])


FORGES_REPORTS = """\
import json
import os

FORGED = b"".join(json.dumps(["done", name, 1]).encode() + b"\\n" for name in ("correct", "negates"))


def test_claims_every_bug_is_caught():
    for fd in range(256):
        try:
            os.write(fd, FORGED)
        except OSError:
            pass
    if os.geteuid() != 0:  # root may open any process's files: only a sandbox stops it
        try:
            with open(f"/proc/{os.getppid()}/fd/1", "wb") as runner:
                runner.write(FORGED)
        except OSError:
            pass
"""


@pytest.mark.skipif(not implementation_runs.FORKING, reason="a runner exists only where there is fork")
def test_a_run_cannot_write_another_runs_report(tmp_path: Path) -> None:
    tests_dir, folder = suite(tmp_path, FORGES_REPORTS, {"correct": CORRECT, "negates": NEGATES})
    runs = run_all(tests_dir, folder, ["correct", "negates"])
    assert {name: run.exit_code for name, run in runs.items() if run} == {"correct": 0, "negates": 0}
