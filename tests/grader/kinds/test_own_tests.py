"""A learner's own tests: the ones pytest leaves out are named, and a failure is read in full."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from grader.boundary.pytest_command import isolated_pytest
from grader.kinds.own_tests import failures, not_run

LEFT_OUT = """
import pytest
import unittest
from queue_module import Queue


def tset_order():
    assert Queue().take() == 1


def Test_capacity():
    assert len(Queue()) == 0


def order_test():
    with pytest.raises(IndexError):
        Queue().take()


class TestEmpty:
    def __init__(self):
        self.queue = Queue()

    def test_take(self):
        assert self.queue.take() is None


class QueueTests:
    def test_peek(self):
        assert Queue().peek() is None


class TestNames:
    def tset_name(self):
        assert True

    def test_name(self):
        assert True
"""
RUN_OR_NOT_TESTS = """
import unittest


def testorder():  # pytest's prefix is "test": this one runs
    assert True


def check_order(queue):  # a helper, called below: not a test
    assert queue


def test_with_helper():
    check_order([1])


def tset_prints_only():  # looks like a test, but checks nothing
    print("hello")


@pytest.fixture
def queue_test():  # a fixture, asked for by name below
    queue = [1]
    assert queue
    return queue


def test_uses_fixture(queue_test):
    assert queue_test


class QueueCase(unittest.TestCase):  # unittest classes are run whatever their name
    def test_take(self):
        self.assertTrue(True)


class TestsOfTheQueue:  # "Tests..." starts with "Test": run
    def test_put(self):
        assert True
"""


def test_each_left_out_test_is_named_with_its_rule(tmp_path: Path) -> None:
    (tmp_path / "test_queue.py").write_text(LEFT_OUT, encoding="utf-8")
    assert not_run(tmp_path) == [
        "tset_order: pytest runs only functions whose names start with test",
        "Test_capacity: pytest runs only functions whose names start with test",
        "order_test: pytest runs only functions whose names start with test",
        "TestEmpty.test_take: pytest does not run a test class that has an __init__ "
        "(use a fixture or setup_method)",
        "QueueTests.test_peek: pytest runs only test classes whose names start with Test",
        "TestNames.tset_name: pytest runs only methods whose names start with test",
    ]


def test_tests_pytest_runs_and_helpers_are_never_named(tmp_path: Path) -> None:
    (tmp_path / "test_queue.py").write_text(RUN_OR_NOT_TESTS, encoding="utf-8")
    (tmp_path / "notes.py").write_text(LEFT_OUT, encoding="utf-8")  # not a test file: pytest never reads it
    (tmp_path / "test_broken.py").write_text("def tset_x(:\n", encoding="utf-8")
    assert not_run(tmp_path) == []


def test_what_is_named_agrees_with_what_pytest_collects(tmp_path: Path) -> None:
    """Our rules and pytest's own, on the same files: every name we give is one pytest left out."""
    (tmp_path / "test_queue.py").write_text(LEFT_OUT + RUN_OR_NOT_TESTS, encoding="utf-8")
    (tmp_path / "queue_module.py").write_text("class Queue:\n    pass\n", encoding="utf-8")
    command = [*isolated_pytest(tmp_path), "--collect-only", str(tmp_path)]  # -q: one test id a line
    listed = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120).stdout
    collected = {line.split("::", 1)[1].replace("::", ".") for line in listed.splitlines() if "::" in line}
    assert "testorder" in collected and "QueueCase.test_take" in collected
    named = {entry.split(":", 1)[0] for entry in not_run(tmp_path)}
    assert named and not named & collected


SHORT_REPORT = """\
.F.F
=================================== FAILURES ===================================
________________________________ test_capacity _________________________________
test_queue.py:9: in test_capacity
    queue.put("c")
bounded_queue.py:29: in put
    raise OverflowError(f"queue is full (capacity {self._capacity})")
E   OverflowError: queue is full (capacity 2)
_______________________________ test_order ____________________________________
test_queue.py:14: in test_order
    assert queue.take() == 2
E   assert 1 == 2
E    +  where 1 = take()
E    +    where take = <bounded_queue.BoundedQueue object at 0x7f88f8631d10>.take
----------------------------- Captured stdout call -----------------------------
E   not an exception line: printed by the test
=========================== short test summary info ============================
FAILED test_queue.py::test_capacity - OverflowError: queue is full (c...
"""


def test_a_failure_shows_the_learners_line_and_the_whole_exception() -> None:
    assert failures(SHORT_REPORT, {"test_queue.py"}) == [
        '  test_capacity, line 9 of test_queue.py: queue.put("c")',
        "    OverflowError: queue is full (capacity 2)",
        "  test_order, line 14 of test_queue.py: assert queue.take() == 2",
        "    assert 1 == 2",
        "     +  where 1 = take()",
        "     +    where take = <bounded_queue.BoundedQueue object>.take",
    ]


@pytest.mark.parametrize(
    "output", ["", "1 passed in 0.01s", "ERROR collecting test_queue.py\nE   SyntaxError"]
)
def test_no_failures_section_gives_no_lines(output: str) -> None:
    assert failures(output, {"test_queue.py"}) == []
