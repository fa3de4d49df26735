"""Grading runs against hostile or broken learner code, and the remote-call boundary.

Every case grades a learner file of the mini course through the real pipeline
(stage, pytest subprocess, worker process) and asserts the outcome a learner
gets: the status, the score, and the message. The attack cases must never end
as ``passed`` and must never stop the other tests from being graded.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.boundary.process import LearnerCrash, LearnerTimeout
from grader.boundary.remote import LearnerModule, LearnerSession
from grader.course.manifest import Course, Exercise
from grader.feedback.compare import show
from grader.feedback.model import Feedback
from grader.pipeline.runner import run_suite, stage_files
from grader.testkit import call
from tests.helpers import LEAP_YEAR, by_name, grade_text, learner_folder

WRONG_LEAP_YEAR = "def leap_year(year):\n    return False\n"  # right for 2023 and 1900 only
WRONG_DOUBLED = """\
import os


def doubled(numbers):
    print(sorted(os.listdir(".")))
    return numbers
"""


def assert_graded_not_passed(feedback: Feedback) -> None:
    assert feedback.status != "passed"
    assert feedback.score < feedback.max_score
    assert feedback.tests, f"no test was graded: {feedback.error}"


# --- time and process limits -------------------------------------------------------------------


def test_infinite_loop_times_out_that_test_only(mini_course: Course) -> None:
    source = LEAP_YEAR.replace("        return False", "        while True:\n            pass")
    started = time.monotonic()
    feedback = grade_text(mini_course, "leap-year", source)
    assert time.monotonic() - started < 20
    tests = by_name(feedback)
    century = tests.pop("test_century")
    assert century.status == "timeout"
    # A number cannot be cut to fewer items, and `while True` reads no variable: only "stopped" is known.
    assert century.message.startswith("Called leap_year(1900); it did not finish within 1 s.")
    assert "never" not in century.message
    assert century.points == 0
    assert {name: t.status for name, t in tests.items()} == dict.fromkeys(tests, "passed")
    assert feedback.status == "timeout"
    assert feedback.score == 8.0


def test_sys_exit_at_import_is_an_error(mini_course: Course) -> None:
    feedback = grade_text(mini_course, "leap-year", "import sys\n\nsys.exit(0)\n\n" + LEAP_YEAR)
    assert feedback.status == "error"
    assert feedback.score == 0
    assert [t.status for t in feedback.tests] == ["error"] * 4
    assert feedback.error == (
        "leap_year.py stopped the program while it was loading (line 3); remove the exit() call."
    )


def test_os_exit_at_import_is_an_error(mini_course: Course) -> None:
    feedback = grade_text(mini_course, "leap-year", "import os\n\nos._exit(0)\n\n" + LEAP_YEAR)
    assert feedback.status == "error"
    assert feedback.score == 0
    assert [t.status for t in feedback.tests] == ["error"] * 4
    assert feedback.error is not None
    assert feedback.error.startswith("leap_year.py ended the whole program")
    assert "while it was loading" in feedback.error


def test_os_exit_at_import_message_reads_well(mini_course: Course) -> None:
    feedback = grade_text(mini_course, "leap-year", "import os\n\nos._exit(0)\n\n" + LEAP_YEAR)
    assert feedback.error is not None
    assert "not exit while it was loading" not in feedback.error
    assert "functions should return" not in feedback.error  # nothing was called yet


def test_exit_inside_a_call_fails_that_test_and_the_others_are_graded(mini_course: Course) -> None:
    source = "import os\nimport sys\n\n" + LEAP_YEAR.replace(
        "    if year % 400 == 0:",
        "    if year == 2024:\n        sys.exit(0)\n    if year == 2023:\n        os._exit(3)\n"
        "    if year % 400 == 0:",
    )
    tests = by_name(grade_text(mini_course, "leap-year", source))
    assert tests["test_ordinary_leap_year"].status == "failed"
    assert "raised SystemExit" in tests["test_ordinary_leap_year"].message
    assert tests["test_ordinary_common_year"].status == "error"
    assert tests["test_ordinary_common_year"].message == (
        "Called leap_year(2023); it ended the whole program (exit status 3): functions should return, "
        "not exit."
    )
    assert tests["test_century"].status == "passed"
    assert tests["test_four_hundred"].status == "passed"


def test_keyboard_interrupt_in_learner_code_fails_only_that_test(mini_course: Course) -> None:
    source = LEAP_YEAR.replace(
        "    if year % 400 == 0:",
        "    if year == 2023:\n        raise KeyboardInterrupt\n    if year % 400 == 0:",
    )
    feedback = grade_text(mini_course, "leap-year", source)
    assert feedback.status == "failed"
    tests = by_name(feedback)
    assert tests["test_ordinary_common_year"].status == "failed"
    assert "KeyboardInterrupt" in tests["test_ordinary_common_year"].message
    assert tests["test_century"].status == "passed"


def test_keyboard_interrupt_in_learner_code_never_passes(mini_course: Course) -> None:
    source = "def leap_year(year):\n    raise KeyboardInterrupt\n"
    feedback = grade_text(mini_course, "leap-year", source)
    assert feedback.status in ("error", "failed")
    assert feedback.score == 0


def test_memory_hog_is_stopped_and_never_passes(mini_course: Course) -> None:
    source = "def leap_year(year):\n    hog = bytearray(4 * 1024 ** 3)\n    return len(hog) > 0\n"
    started = time.monotonic()
    feedback = grade_text(mini_course, "leap-year", source)
    assert time.monotonic() - started < 20
    assert_graded_not_passed(feedback)
    assert feedback.score == 0
    assert feedback.status in ("error", "failed")
    assert all(t.status in ("error", "failed") for t in feedback.tests)
    assert all("MemoryError" in t.message for t in feedback.tests)


def test_memory_hog_growing_a_list_is_stopped(mini_course: Course) -> None:
    source = (
        "def leap_year(year):\n    hog = []\n    for _ in range(100):\n"
        "        hog.append(bytes(100 * 1024 ** 2))\n    return True\n"
    )
    feedback = grade_text(mini_course, "leap-year", source)
    assert_graded_not_passed(feedback)
    assert feedback.score == 0
    assert feedback.status == "failed"
    assert all(t.status == "failed" and "raised MemoryError" in t.message for t in feedback.tests)


def test_exception_without_message_reads_well(mini_course: Course) -> None:
    feedback = grade_text(mini_course, "leap-year", "def leap_year(year):\n    raise ValueError()\n")
    message = by_name(feedback)["test_ordinary_leap_year"].message
    assert message == "Called leap_year(2024); your code raised ValueError."


def test_huge_output_is_truncated_with_a_note(mini_course: Course) -> None:
    source = "def leap_year(year):\n    print('x' * 50_000_000)\n    return None\n"
    started = time.monotonic()
    feedback = grade_text(mini_course, "leap-year", source)
    assert time.monotonic() - started < 20
    assert feedback.status == "failed"
    for test in feedback.tests:
        assert test.status == "failed"
        assert test.message.endswith("got None, expected True.") or test.message.endswith(
            "got None, expected False."
        )
        assert len(test.output) < 25_000
        assert test.output.startswith("x" * 1000)
        assert test.output.endswith("more characters of output were cut off)")


def test_huge_output_in_many_prints_is_truncated(mini_course: Course) -> None:
    source = "def leap_year(year):\n    for _ in range(30_000):\n        print('y' * 999)\n    return 'no'\n"
    feedback = grade_text(mini_course, "leap-year", source)
    assert feedback.status == "failed"
    for test in feedback.tests:
        assert test.status == "failed"
        assert "got 'no'" in test.message
        assert len(test.output) < 25_000
        assert test.output.startswith("y" * 999 + "\n")
        assert "more characters of output were cut off" in test.output


# --- files planted next to the learner's file ---------------------------------------------------

CONFTEST_FORCING_PASS = """\
import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
    report.longrepr = None


def pytest_collection_modifyitems(items):
    items[:] = [i for i in items if "empty" in i.name]
"""
DESELECTING_INI = "[pytest]\naddopts = -k empty -p no:grader.pipeline.plugin\n"
PLANTED_CONFIG = {
    "conftest.py": CONFTEST_FORCING_PASS,
    "pytest.ini": DESELECTING_INI,
    "tox.ini": DESELECTING_INI,
    "setup.cfg": DESELECTING_INI.replace("[pytest]", "[tool:pytest]"),
    "pyproject.toml": '[tool.pytest.ini_options]\naddopts = "-k empty"\n',
}


@pytest.mark.parametrize("exercise_id", ["leap-year", "doubled"])
def test_planted_conftest_and_pytest_config_are_ignored(mini_course: Course, exercise_id: str) -> None:
    source = WRONG_LEAP_YEAR if exercise_id == "leap-year" else WRONG_DOUBLED
    feedback = grade_text(mini_course, exercise_id, source, PLANTED_CONFIG)
    assert feedback.status == "failed"
    tests = by_name(feedback)
    assert len(tests) == {"leap-year": 4, "doubled": 3}[exercise_id]
    if exercise_id == "doubled":
        # doubled grades every file in its folder ("*"), so the planted files really were staged.
        staged = tests["test_doubles_each_number"].output
        assert "'conftest.py'" in staged and "'pytest.ini'" in staged
        assert tests["test_doubles_each_number"].status == "failed"
        assert tests["test_input_is_not_changed"].status == "failed"
        assert tests["test_empty_list"].status == "passed"
    else:
        assert tests["test_ordinary_leap_year"].status == "failed"
        assert tests["test_four_hundred"].status == "failed"


SHADOWING_MODULES = {
    "json.py": "raise RuntimeError('this is not the real json')\n",
    "random.py": "def random():\n    return 42\n",
    "inspect.py": "import os\nos._exit(0)\n",
    "copy.py": "raise SystemExit('fake copy')\n",
    "base64.py": "raise RuntimeError('fake base64')\n",
    "traceback.py": "raise RuntimeError('fake traceback')\n",
}


def test_modules_named_like_the_standard_library_are_not_used(mini_course: Course) -> None:
    source = """\
import copy
import inspect
import json
import os
import random


def doubled(numbers):
    assert os.path.exists("json.py") and os.path.exists("inspect.py")  # staged beside us
    assert json.dumps([1]) == "[1]"
    assert 0 <= random.random() < 1
    assert inspect.isfunction(doubled)
    return [2 * n for n in copy.deepcopy(numbers)]
"""
    feedback = grade_text(mini_course, "doubled", source, SHADOWING_MODULES)
    assert feedback.status == "passed", [t.message for t in feedback.tests]
    assert feedback.score == 4.0


def test_modules_named_like_the_standard_library_do_not_rescue_a_wrong_answer(mini_course: Course) -> None:
    feedback = grade_text(mini_course, "doubled", WRONG_DOUBLED, SHADOWING_MODULES)
    assert feedback.status == "failed"
    assert by_name(feedback)["test_doubles_each_number"].message == (
        "Called doubled([1, 2, 3]); got [1, 2, 3], expected [2, 4, 6]."
    )


# --- values that try to pass for the right answer -----------------------------------------------


def test_object_equal_to_everything_is_not_accepted(mini_course: Course) -> None:
    source = """\
class Anything:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__

    def __repr__(self):
        return "True"


def leap_year(year):
    return Anything()
"""
    feedback = grade_text(mini_course, "leap-year", source)
    assert feedback.status == "failed"
    assert feedback.score == 0
    message = by_name(feedback)["test_ordinary_leap_year"].message
    assert message == (
        "Called leap_year(2024); got <Anything object from your code: True> (an Anything), "
        "expected True (a bool)."
    )


@pytest.mark.parametrize(
    ("definition", "result"),
    [
        (
            "class Fake(int):\n    def __eq__(self, other):\n        return True\n"
            "    __hash__ = int.__hash__\n",
            "[Fake(2 * n) for n in numbers]",
        ),
        (
            "class Fake(list):\n    def __eq__(self, other):\n        return True\n",
            "Fake(2 * n for n in numbers)",
        ),
        (
            "class Fake(str):\n    def __eq__(self, other):\n        return True\n"
            "    __hash__ = str.__hash__\n",
            "[Fake(2 * n) for n in numbers]",
        ),
    ],
    ids=["int-subclass", "list-subclass", "str-subclass"],
)
def test_subclass_of_a_builtin_with_a_lying_eq_is_not_accepted(
    mini_course: Course, definition: str, result: str
) -> None:
    source = f"{definition}\n\ndef doubled(numbers):\n    return {result}\n"
    feedback = grade_text(mini_course, "doubled", source)
    tests = by_name(feedback)
    assert tests["test_doubles_each_number"].status == "failed"
    message = tests["test_doubles_each_number"].message
    assert "Fake object from your code" in message or "item [0] is a Fake, expected an int" in message
    assert feedback.status == "failed"


def test_patching_pytest_in_the_worker_has_no_effect(mini_course: Course) -> None:
    source = """\
import glob
import sys

for site in glob.glob(sys.prefix + "/lib/python3*/site-packages"):
    sys.path.append(site)
import _pytest.outcomes
import _pytest.reports
import _pytest.runner
import pytest

pytest.fail = _pytest.outcomes.fail = lambda *args, **kwargs: None
_pytest.reports.TestReport.outcome = "passed"
_pytest.runner.call_and_report = lambda *args, **kwargs: None


def leap_year(year):
    import builtins

    builtins.AssertionError = type("NotAnAssertion", (Exception,), {})
    _pytest.reports.BaseReport.passed = property(lambda self: True)
    print("patched", pytest.__name__)
    return False
"""
    feedback = grade_text(mini_course, "leap-year", source)
    tests = by_name(feedback)
    assert feedback.status == "failed"
    assert tests["test_ordinary_leap_year"].status == "failed"
    assert tests["test_ordinary_leap_year"].message == "Called leap_year(2024); got False, expected True."
    assert "patched pytest" in tests["test_ordinary_leap_year"].output  # the patching really ran
    assert feedback.score == 4.0  # 2023 and 1900 are honestly right


# --- forged reports ------------------------------------------------------------------------------

FORGERY = '''\
import atexit
import glob
import json
import os
import threading
import time

TMPROOT = {tmproot!r}
PIDFILE = {pidfile!r}


def report_paths():
    paths = set()
    try:
        with open(f"/proc/{{os.getppid()}}/cmdline", "rb") as f:
            for arg in f.read().split(b"\\0"):
                if arg.startswith(b"--json-report-file="):
                    paths.add(arg.split(b"=", 1)[1].decode())
    except OSError:
        pass
    here = os.path.abspath(".")
    for folder in [here, os.path.dirname(here), os.path.dirname(os.path.dirname(here)), TMPROOT]:
        paths.add(os.path.join(folder, "report.json"))
        paths.add(os.path.join(folder, ".report.json"))
    paths.update(glob.glob(os.path.join(TMPROOT, "**", "report.json"), recursive=True))
    paths.update(os.path.join(d, "report.json") for d in glob.glob(os.path.join(TMPROOT, "grader-run-*")))
    return paths


def nonce():
    for path in glob.glob(os.path.join(TMPROOT, "grader-run-*", "nonce")):
        try:
            return open(path).read().strip()
        except OSError:
            pass
    return "guessed"


def fake_report():
    names = []
    for suite in glob.glob(os.path.join(TMPROOT, "grader-run-*", "suite", "test_*.py")):
        for line in open(suite):
            if line.startswith("def test_"):
                names.append("suite/" + os.path.basename(suite) + "::" + line[4:].split("(")[0])
    tests = [
        {{"nodeid": n, "outcome": "passed", "metadata": {{"points": 1.0, "description": n}},
          "setup": {{"outcome": "passed"}}, "call": {{"outcome": "passed"}}}}
        for n in names
    ]
    return {{"exitcode": 0, "tests": tests, "grader": {{"nonce": nonce()}},
             "summary": {{"passed": len(tests), "total": len(tests)}}}}


def doctor(report):
    """Turn a genuine report into an all-passed one, keeping its secret."""
    for test in report.get("tests", []):
        test["outcome"] = "passed"
        for stage in ("setup", "call", "teardown"):
            if isinstance(test.get(stage), dict):
                test[stage]["outcome"] = "passed"
        meta = test.get("metadata") or {{}}
        test["metadata"] = {{k: v for k, v in meta.items() if not k.startswith("failure_")}}
    report["forged"] = True
    return report


def write_everywhere():
    report = fake_report()
    for path in report_paths():
        try:
            with open(path, "w") as f:
                json.dump(report, f)
        except OSError:
            pass


def keep_forging(seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in report_paths():
            try:
                with open(path) as f:
                    report = json.load(f)
                if report.get("forged"):
                    continue
                with open(path, "w") as f:
                    json.dump(doctor(report), f)
            except (OSError, ValueError, AttributeError):
                pass
        time.sleep(0.0005)


write_everywhere()
atexit.register(write_everywhere)
{extra}

def leap_year(year):
    write_everywhere()
    return False
'''

LINGERING_THREAD = """
threading.Thread(target=keep_forging, args=(10,), daemon=True).start()
"""
ESCAPING_PROCESS = """
if os.fork() == 0:  # a child in its own session outlives the worker's process group
    os.setsid()
    with open(PIDFILE, "a") as f:
        f.write(f"{os.getpid()}\\n")
    try:
        keep_forging(8)
    finally:
        os._exit(0)
"""


def forged_source(tmp_path: Path, isolated: Path, extra: str = "") -> tuple[str, Path]:
    pidfile = tmp_path / "forger.pids"
    return FORGERY.format(tmproot=str(isolated), pidfile=str(pidfile), extra=extra), pidfile


def kill_forgers(pidfile: Path) -> None:
    """Stop the processes this test's learner code forked (by their recorded ids only)."""
    with contextlib.suppress(OSError):
        for line in pidfile.read_text().split():
            with contextlib.suppress(ProcessLookupError, PermissionError, ValueError):
                os.kill(int(line), signal.SIGKILL)


def test_forged_reports_from_learner_code_are_not_believed(
    mini_course: Course, tmp_path: Path, isolated: Path
) -> None:
    """Fake reports written at import, in each call and from an atexit handler."""
    source, pidfile = forged_source(tmp_path, isolated)
    try:
        feedback = grade_text(mini_course, "leap-year", source)
    finally:
        kill_forgers(pidfile)
    forged = json.loads((isolated / "report.json").read_text(encoding="utf-8"))
    assert len(forged["tests"]) == 4 and forged["exitcode"] == 0  # the forgery really ran
    assert feedback.status == "failed"
    assert feedback.score == 4.0
    tests = by_name(feedback)
    assert tests["test_ordinary_leap_year"].status == "failed"
    assert tests["test_ordinary_leap_year"].message == "Called leap_year(2024); got False, expected True."
    assert tests["test_four_hundred"].status == "failed"


REPORT_PROBE = """\
import pytest

from grader.pipeline.plugin import SESSION_KEY

CONFIGS = []


def pytest_sessionstart(session):
    CONFIGS.append(session.config)


@pytest.hookimpl(tryfirst=True)  # before the grader signs the report, just before it is saved
def pytest_json_modifyreport(json_report):
    learner = CONFIGS[0].stash.get(SESSION_KEY, None)
    worker = learner.worker if learner is not None else None
    json_report["probe"] = {"learner_code_running": worker is not None and worker.process.poll() is None}
"""


def test_learner_code_is_stopped_before_the_report_is_written(mini_course: Course) -> None:
    leap = mini_course.find("leap-year")
    (mini_course.suite_dir(leap) / "conftest.py").write_text(REPORT_PROBE, encoding="utf-8")
    run = run_suite(mini_course, leap, learner_folder(mini_course, {"leap_year.py": LEAP_YEAR}))
    assert run.report is not None, run.problem
    assert run.report["probe"] == {"learner_code_running": False}


def test_lingering_thread_forgery_never_makes_a_wrong_answer_pass_silently(
    mini_course: Course, tmp_path: Path, isolated: Path
) -> None:
    """A thread left running in the worker keeps rewriting every report it can find.

    The worker is stopped before the report is written, so the genuine report stands.
    """
    source, pidfile = forged_source(tmp_path, isolated, LINGERING_THREAD)
    try:
        feedback = grade_text(mini_course, "leap-year", source)
    finally:
        kill_forgers(pidfile)
    assert (isolated / "report.json").exists()
    assert len(feedback.tests) == 4
    assert feedback.status == "failed"
    assert feedback.score == 4.0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_forged_report_from_an_escaped_process_is_not_believed(
    mini_course: Course, tmp_path: Path, isolated: Path
) -> None:
    source, pidfile = forged_source(tmp_path, isolated, ESCAPING_PROCESS)
    try:
        feedback = grade_text(mini_course, "leap-year", source)
    finally:
        kill_forgers(pidfile)
    assert pidfile.exists()  # the escape itself happened
    # On Linux the subreaper stops the escaped process as soon as the run ends, so the genuine
    # report usually stands; if it rewrote the report first, the signature no longer matches
    # (or, stopped in the middle of a rewrite, the file is torn), and the run is an error with
    # no points. Never the forged pass.
    if feedback.status == "error":
        assert feedback.score == 0
        assert feedback.error in (
            "the grading report was not written by this run",
            "the grading report could not be read",
        )
    else:
        assert feedback.status == "failed"
        assert feedback.score == 4.0
        assert by_name(feedback)["test_ordinary_leap_year"].message == (
            "Called leap_year(2024); got False, expected True."
        )


# --- exact values, not-started parts, mutation ----------------------------------------------------


def test_one_instead_of_true_fails_and_shows_both_values(mini_course: Course) -> None:
    source = "def leap_year(year):\n    return int(year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))\n"
    feedback = grade_text(mini_course, "leap-year", source)
    assert feedback.status == "failed"
    assert feedback.score == 0
    tests = by_name(feedback)
    assert (
        tests["test_ordinary_leap_year"].message
        == "Called leap_year(2024); got 1 (an int), expected True (a bool)."
    )
    assert (
        tests["test_ordinary_common_year"].message
        == "Called leap_year(2023); got 0 (an int), expected False (a bool)."
    )


def test_one_instead_of_true_names_both_types(mini_course: Course) -> None:
    source = "def leap_year(year):\n    return int(year % 4 == 0)\n"
    message = by_name(grade_text(mini_course, "leap-year", source))["test_ordinary_leap_year"].message
    assert "int" in message and "bool" in message


def test_float_instead_of_int_is_not_accepted(mini_course: Course) -> None:
    feedback = grade_text(
        mini_course, "doubled", "def doubled(numbers):\n    return [2.0 * n for n in numbers]\n"
    )
    tests = by_name(feedback)
    assert tests["test_doubles_each_number"].status == "failed"
    assert tests["test_doubles_each_number"].message == (
        "Called doubled([1, 2, 3]); got [2.0, 4.0, 6.0], expected [2, 4, 6]: item [0] is a float, "
        "expected an int."
    )
    assert tests["test_empty_list"].status == "passed"


def test_tuple_instead_of_list_is_not_accepted(mini_course: Course) -> None:
    feedback = grade_text(
        mini_course, "doubled", "def doubled(numbers):\n    return tuple(2 * n for n in numbers)\n"
    )
    assert (
        by_name(feedback)["test_empty_list"].message
        == "Called doubled([]); got () (a tuple), expected [] (a list)."
    )
    assert feedback.score == 0


def test_not_implemented_error_means_not_started(mini_course: Course) -> None:
    source = "def leap_year(year):\n    raise NotImplementedError('later')\n"
    feedback = grade_text(mini_course, "leap-year", source)
    assert feedback.status == "not_started"
    assert {t.status for t in feedback.tests} == {"not_started"}
    assert by_name(feedback)["test_century"].message == (
        "Not started yet: leap_year(1900) still raises NotImplementedError."
    )


def test_one_part_not_started_is_reported_per_test(mini_course: Course) -> None:
    solution = (mini_course.solution_dir(mini_course.find("stack")) / "stack.py").read_text("utf-8")
    source = solution.replace(
        "        if not self._items:\n            raise IndexError",
        "        raise NotImplementedError\n        if not self._items:\n            raise IndexError",
    )
    assert source != solution
    feedback = grade_text(mini_course, "stack", source)
    tests = by_name(feedback)
    assert tests["test_last_in_first_out"].status == "not_started"
    assert tests["test_last_in_first_out"].message == (
        "Not started yet: Stack().pop() after push('a'), push('b') still raises NotImplementedError."
    )
    # raises(IndexError) must not count a NotImplementedError as the wrong exception
    assert tests["test_pop_from_empty_stack"].status == "not_started"
    assert tests["test_stacks_are_separate"].status == "passed"
    assert feedback.status != "passed"


def test_mutating_the_argument_is_detected(mini_course: Course) -> None:
    source = (
        "def doubled(numbers):\n    for i, n in enumerate(numbers):\n        numbers[i] = 2 * n\n"
        "    return numbers\n"
    )
    feedback = grade_text(mini_course, "doubled", source)
    tests = by_name(feedback)
    assert tests["test_doubles_each_number"].status == "passed"
    mutated = tests["test_input_is_not_changed"]
    assert mutated.status == "failed"
    assert mutated.message == ("Called doubled([4, 5]); argument 1 was changed from [4, 5] to [8, 10].")
    assert mutated.hint == "Build a new list instead of changing the one you were given."
    assert feedback.score == 2.0


def test_unchanged_argument_passes_the_mutation_check(mini_course: Course) -> None:
    source = (
        "def doubled(numbers):\n    result = list(numbers)\n    result[:] = [2 * n for n in result]\n"
        "    return result\n"
    )
    assert grade_text(mini_course, "doubled", source).status == "passed"


# --- remote handles --------------------------------------------------------------------------------


def test_stack_solution_passes_through_remote_handles(mini_course: Course) -> None:
    solution = (mini_course.solution_dir(mini_course.find("stack")) / "stack.py").read_text("utf-8")
    feedback = grade_text(mini_course, "stack", solution)
    assert feedback.status == "passed"
    assert feedback.score == 6.0


def test_wrong_method_is_named_in_the_message(mini_course: Course) -> None:
    solution = (mini_course.solution_dir(mini_course.find("stack")) / "stack.py").read_text("utf-8")
    source = solution.replace("return self._items.pop()", "return self._items.pop(0)")
    feedback = grade_text(mini_course, "stack", source)
    lifo = by_name(feedback)["test_last_in_first_out"]
    assert lifo.status == "failed"
    assert lifo.message == "Called Stack().pop() after push('a'), push('b'); got 'a', expected 'b'."


def test_handles_passed_back_arrive_as_the_learners_own_objects(mini_course: Course) -> None:
    source = """\
class Stack:
    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        if not self._items:
            raise IndexError("empty")
        return self._items.pop()

    def size(self):
        return len(self._items)


def move_all(source, target):
    if type(source) is not Stack or type(target) is not Stack or source is target:
        raise TypeError(f"got {type(source).__name__} and {type(target).__name__}")
    target._items.extend(reversed(source._items))
    source._items.clear()
"""
    feedback = grade_text(mini_course, "stack", source)
    assert feedback.status == "passed", [t.message for t in feedback.tests]


def test_method_called_on_a_handle_sees_its_own_state(mini_course: Course) -> None:
    """Each handle is one object: a stack that forgets its items between calls fails."""
    source = """\
class Stack:
    def push(self, item):
        self._items = [item]

    def pop(self):
        return self._items.pop()

    def size(self):
        return len(getattr(self, "_items", []))


def move_all(source, target):
    while source.size():
        target.push(source.pop())
"""
    tests = by_name(grade_text(mini_course, "stack", source))
    assert tests["test_last_in_first_out"].message == (
        "Called Stack().size() after push('a'), push('b'), pop(); got 0, expected 1."
    )


def write_module(folder: Path, name: str, text: str) -> None:
    (folder / f"{name}.py").write_text(text, encoding="utf-8")


SESSION_MODULE = """\
class Counter:
    def __init__(self):
        self.count = 0

    def add(self, n):
        self.count += n
        return self.count


def combine(a, b):
    return a.count + b.count


def spin():
    while True:
        pass


def same(a, b):
    return a is b
"""


@pytest.fixture
def session(mini_course: Course) -> Iterator[LearnerSession]:
    folder = learner_folder(mini_course, {"things.py": SESSION_MODULE})
    learner_session = LearnerSession(folder, ["things"], call_timeout=1.0)
    yield learner_session
    learner_session.close()


def test_remote_object_methods_are_called_one_by_one(session: LearnerSession) -> None:
    things = LearnerModule(session, "things")
    counter = things.Counter()
    assert repr(counter).startswith("<things.Counter object at 0x")  # its own repr, made in the worker
    assert show(counter).startswith("<Counter object from your code:")  # feedback says whose it is
    assert counter.add(2) == 2
    assert counter.add(3) == 5
    assert counter.count == 5  # attribute reads cross as plain data
    other = things.Counter()
    other.add(10)
    assert things.combine(counter, other) == 15  # handles passed back as arguments
    assert things.same(counter, counter) is True
    assert things.same(counter, other) is False
    call(counter.add, 1).returns(6)


def test_handle_is_lost_after_the_worker_is_restarted(session: LearnerSession) -> None:
    things = LearnerModule(session, "things")
    counter = things.Counter()
    counter.add(1)
    with pytest.raises(LearnerTimeout, match="did not finish within 1 s"):
        things.spin()
    assert things.Counter().add(4) == 4  # a fresh worker serves new calls
    with pytest.raises(LearnerCrash, match="this Counter object was lost when an earlier call was stopped"):
        counter.add(1)


def test_handle_used_first_after_a_timeout_is_reported_lost(session: LearnerSession) -> None:
    things = LearnerModule(session, "things")
    counter = things.Counter()
    with pytest.raises(LearnerTimeout):
        things.spin()
    with pytest.raises(LearnerCrash, match="lost when an earlier call was stopped"):
        counter.add(1)


def test_remote_object_equality_is_identity_only(session: LearnerSession) -> None:
    things = LearnerModule(session, "things")
    first, second = things.Counter(), things.Counter()
    assert first == first
    assert first != second
    assert len({first, second, first}) == 2


def test_missing_function_is_explained(mini_course: Course) -> None:
    feedback = grade_text(mini_course, "leap-year", "def is_leap(year):\n    return True\n")
    assert feedback.status == "failed"
    message = by_name(feedback)["test_century"].message
    assert message.startswith("Your file leap_year.py has no function or class called leap_year")


def test_the_manifest_import_limit_reaches_the_grading_run(course_dir: Path) -> None:
    from grader.course.manifest import load_course

    manifest = course_dir / "exercises" / "course.toml"
    text = manifest.read_text(encoding="utf-8")
    limits = text.replace("time_limit = 30\n", "time_limit = 30\nimport_timeout = 0.5\n", 1)
    manifest.write_text(limits, encoding="utf-8")
    course = load_course(course_dir)
    assert course.find("leap-year").import_timeout == 0.5
    feedback = grade_text(course, "leap-year", "import time\n\ntime.sleep(4)\n\n" + LEAP_YEAR)
    assert feedback.status == "error"
    assert feedback.error is not None and "took longer than 0.5 s to load" in feedback.error


def test_an_optional_file_is_graded_when_there_and_never_required(tmp_path: Path) -> None:
    exercise = Exercise(
        id="api", title="API", module="m", path="p", kind="project", points=10,
        files=("app/*.py",), hints=(), optional_files=("Dockerfile",),
    )  # fmt: skip
    source = tmp_path / "learner"
    (source / "app").mkdir(parents=True)
    (source / "app" / "main.py").write_text("x = 1\n", encoding="utf-8")
    assert stage_files(exercise, source, tmp_path / "without") == []  # graded all the same
    assert not (tmp_path / "without" / "Dockerfile").exists()
    (source / "Dockerfile").write_text("FROM python:3.12-slim\n", encoding="utf-8")
    assert stage_files(exercise, source, tmp_path / "with") == []
    assert (tmp_path / "with" / "Dockerfile").read_text(encoding="utf-8") == "FROM python:3.12-slim\n"
    (source / "app" / "main.py").unlink()
    assert stage_files(exercise, source, tmp_path / "neither") == ["app/*.py"]  # the required one is
