"""The trusted side of the process boundary: what crosses, what is refused, and the limits."""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator

import pytest

from grader.boundary.learner_problems import LearnerImportError, NotPlain
from grader.boundary.process import LearnerCrash
from grader.boundary.remote import LearnerModule, LearnerSession, RemoteObject
from grader.course.manifest import Course
from grader.testkit import call
from tests.helpers import learner_folder

THINGS = """\
import os


class AlwaysEqual:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


def anything():
    return AlwaysEqual()


def one_float():
    return 1.0


def a_tuple():
    return (1, 2)


def nested():
    return {"rows": [(1, "a"), (2, "b")], 3: {4.0, 5.0}}


def huge():
    return ["x" * 100] * 300_000


def deep():
    value = []
    for _ in range(10_000):
        value = [value]
    return value


def forge(payload):
    # Learner code that writes straight into the worker's reply pipe.
    data = payload.encode()
    for name in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{name}").startswith("pipe:"):
                os.write(int(name), data)
        except OSError:
            pass
    return 1


def total(numbers):
    return sum(numbers)
"""


@pytest.fixture
def things(mini_course: Course) -> Iterator[LearnerModule]:
    session = LearnerSession(learner_folder(mini_course, {"things.py": THINGS}), ["things"], call_timeout=5.0)
    yield LearnerModule(session, "things")
    session.close()


def test_an_object_equal_to_everything_stays_a_handle(things: LearnerModule) -> None:
    result = call(things.anything).value
    assert isinstance(result, RemoteObject)
    assert result != True  # noqa: E712 - the point: its __eq__ never runs here
    assert result != result._text
    with pytest.raises(AssertionError):
        call(things.anything).returns(True)


def test_exact_types_cross(things: LearnerModule) -> None:
    assert type(things.one_float()) is float
    call(things.one_float).returns(1.0)
    with pytest.raises(AssertionError, match=r"got 1\.0 \(a float\), expected 1 \(an int\)"):
        call(things.one_float).returns(1)
    with pytest.raises(AssertionError, match="a tuple"):
        call(things.a_tuple).returns([1, 2])
    call(things.nested).returns({"rows": [(1, "a"), (2, "b")], 3: {4.0, 5.0}})


def test_a_huge_value_is_refused_clearly_and_the_next_call_works(things: LearnerModule) -> None:
    with pytest.raises(NotPlain, match=r"the result is too large to check \(\d+ MB as data"):
        call(things.huge)
    call(things.total, [1, 2, 3]).returns(6)


def test_a_deeply_nested_value_is_refused_clearly(things: LearnerModule) -> None:
    with pytest.raises(NotPlain, match="nested too deeply"):
        call(things.deep)
    call(things.total, [1]).returns(1)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ("[" * 100_000 + "\n", "nested too deeply|cannot read|unreadable"),
        ('{"value": {"~": "pickle", "v": "x"}}\n', "cannot read"),
        ("not json at all\n", "unreadable"),
        ("x" * (17 * 1024 * 1024), "more data than the grader accepts"),
    ],
    ids=["deep-json", "unknown-tag", "garbage", "endless-line"],
)
def test_forged_replies_are_refused_without_harm(things: LearnerModule, payload: str, problem: str) -> None:
    with pytest.raises(LearnerCrash, match=problem):
        things.forge(payload)
    call(things.total, [2, 2]).returns(4)  # a fresh worker serves the next call


def test_a_file_that_cannot_load_fails_each_test_with_a_short_traceback(mini_course: Course) -> None:
    """The same load problem raised again must not carry every earlier raise's frames."""
    folder = learner_folder(mini_course, {"broken.py": "def f(:\n    pass\n"})
    session = LearnerSession(folder, ["broken"], call_timeout=5.0)
    lengths = []
    try:
        for _ in range(5):
            with pytest.raises(LearnerImportError, match="Python could not read broken.py") as caught:
                LearnerModule(session, "broken").f()
            lengths.append(len(traceback.extract_tb(caught.value.__traceback__)))
    finally:
        session.close()
    assert lengths == [lengths[0]] * 5


def test_a_slow_import_has_the_import_limit_not_the_call_limit(mini_course: Course) -> None:
    source = "import time\n\ntime.sleep(1.5)\n\n\ndef f():\n    return 1\n"
    session = LearnerSession(learner_folder(mini_course, {"slow.py": source}), ["slow"], call_timeout=0.5)
    try:
        call(LearnerModule(session, "slow").f).returns(1)
    finally:
        session.close()


def test_an_import_over_its_limit_says_it_was_the_loading(mini_course: Course) -> None:
    source = "while True:\n    pass\n"
    session = LearnerSession(
        learner_folder(mini_course, {"stuck.py": source}), ["stuck"], call_timeout=5.0, import_timeout=0.5
    )
    try:
        with pytest.raises(LearnerImportError) as caught:
            LearnerModule(session, "stuck").f()
    finally:
        session.close()
    assert str(caught.value).startswith(
        "stuck.py took longer than 0.5 s to load (the limit for loading a file, before any call)"
    )


def test_loading_the_files_is_not_counted_in_the_tests_time(mini_course: Course) -> None:
    """Files that take most of a test's time to load leave the test all of its own (seen on a busy CI)."""
    slow = "import time\n\ntime.sleep(0.7)\n\n\ndef f():\n    return 1\n"
    folder = learner_folder(mini_course, {"first.py": slow, "second.py": slow})
    session = LearnerSession(folder, ["first", "second"], call_timeout=1.0, import_timeout=5.0)
    try:
        session.time_test(1.0)  # less than the two loads together
        call(LearnerModule(session, "second").f).returns(1)
        session.time_test(None)
    finally:
        session.close()


class Waited:
    """Stands for a worker's count of its waits for a processor: always ``seconds`` more to give."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.asked: list[float] = []

    def grant(self, limit: float) -> float:
        self.asked.append(limit)
        return self.seconds


def test_a_test_gets_its_waits_for_a_processor_back_when_its_time_runs_short(mini_course: Course) -> None:
    session = LearnerSession(learner_folder(mini_course, {"things.py": THINGS}), ["things"], call_timeout=1.0)
    try:
        session.time_test(5.0)
        assert session.test_wait is not None  # the worker was started and its count begun
        session.test_wait = waited = Waited(2.0)  # type: ignore[assignment]
        assert session.seconds_left() == 1.0 and waited.asked == []  # time enough: nothing asked
        assert session.deadline is not None
        session.deadline -= 4.5  # half a second left of the test's 5
        assert session.seconds_left() == 1.0 and waited.asked == [5.0]  # 2 s more were given
        session.time_test(None)
        assert session.deadline is None and session.test_wait is None
    finally:
        session.close()


IMPORTS = """\
import sys


def can_import(name):
    try:
        __import__(name)
    except ImportError:
        return False
    return True


def site_loaded():
    return not sys.flags.no_site
"""


@pytest.mark.parametrize("installed", [False, True], ids=["stdlib-only", "installed-packages"])
def test_only_a_worker_given_installed_packages_imports_them(mini_course: Course, installed: bool) -> None:
    """An exercise's worker has the standard library alone; a project's also has click, pydantic..."""
    folder = learner_folder(mini_course, {"imports.py": IMPORTS})
    session = LearnerSession(folder, ["imports"], call_timeout=20.0, installed_packages=installed)
    imports = LearnerModule(session, "imports")
    try:
        call(imports.can_import, "json").returns(True)
        call(imports.can_import, "click").returns(installed)
        call(imports.site_loaded).returns(installed)
    finally:
        session.close()
