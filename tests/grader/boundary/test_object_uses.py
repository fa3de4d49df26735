"""What a test's own Python does to learner objects is done in the worker, as in-process."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator

import pytest

from grader.boundary.learner_problems import NotPlain
from grader.boundary.process import LearnerTimeout
from grader.boundary.refusals import SuiteRefusal
from grader.boundary.remote import LearnerModule, LearnerSession, RemoteObject
from grader.course.manifest import Course
from tests.helpers import learner_folder

THINGS = """\
import enum
from collections import Counter


class Relation(enum.Enum):
    SUB = 1
    SUPER = 2


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 3


class Shelf:
    def __init__(self, *books):
        self.books = list(books)

    def __iter__(self):
        return iter(self.books)

    def __len__(self):
        return len(self.books)

    def __getitem__(self, index):
        return self.books[index]

    def __setitem__(self, index, book):
        self.books[index] = book

    def __eq__(self, other):
        return isinstance(other, Shelf) and self.books == other.books

    def __add__(self, other):
        return Shelf(*self.books, *other.books)

    def __str__(self):
        return "shelf of " + str(len(self.books))


class Yes:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class Stack(list):
    def peek(self):
        return self[-1]


class Stock(dict):
    def total(self):
        return sum(self.values())


class AlwaysList(list):
    def __eq__(self, other):
        return True


def relation(name):
    return Relation[name]


def level():
    return Level.HIGH


def evens(numbers):
    return filter(lambda n: n % 2 == 0, numbers)


def countdown(n):
    while n:
        yield n
        n -= 1


def forever():
    while True:
        yield "x" * 1000


def broken():
    yield 1
    raise ValueError("no more")


def words(text):
    return Counter(text.split())
"""


@pytest.fixture
def things(mini_course: Course) -> Iterator[LearnerModule]:
    session = LearnerSession(learner_folder(mini_course, {"things.py": THINGS}), ["things"], call_timeout=5.0)
    yield LearnerModule(session, "things")
    session.close()


def test_the_same_member_read_twice_is_the_same_handle(things: LearnerModule) -> None:
    first, second = things.relation("SUB"), things.relation("SUB")
    assert first is second and first == second
    assert things.relation("SUPER") != first
    assert first != 1  # a plain Enum member is equal to no int, in-process too
    assert len({first, second, things.relation("SUPER")}) == 2


def test_an_int_enum_member_compares_with_ints_as_in_process(things: LearnerModule) -> None:
    high = things.level()
    assert high == 3 and 3 == high and high != 1 and high > 2  # noqa: SIM300 - both sides, on purpose
    assert {3: "three"}[high] == "three"


def test_two_learner_objects_are_compared_in_the_worker(things: LearnerModule) -> None:
    assert things.Shelf("a") == things.Shelf("a")
    assert things.Shelf("a") != things.Shelf("b")
    assert things.Yes() == things.Shelf()  # learner against learner: decided as pytest would


def test_a_learner_eq_never_decides_a_comparison_with_a_value_of_the_test(things: LearnerModule) -> None:
    yes = things.Yes()
    assert isinstance(yes, RemoteObject)
    assert not yes == [1]  # noqa: SIM201 - the point: the learner's __eq__ is not asked
    assert yes != "anything"
    assert things.Shelf("a") != ["a"]


def test_a_container_subclass_with_methods_compares_by_its_items_as_in_process(things: LearnerModule) -> None:
    stack = things.Stack([1, 2])
    assert isinstance(stack, RemoteObject) and stack.peek() == 2
    assert stack == [1, 2] and [1, 2] == stack and stack != [2, 1] and stack < [1, 3]  # noqa: SIM300
    stock = things.Stock(pens=2)
    assert stock == {"pens": 2} and stock.total() == 2
    stack.append(3)
    assert stack == [1, 2, 3]  # its items now, not when it was made
    always = things.AlwaysList()
    assert always != [1] and not always == []  # noqa: SIM201 - its own == is learner code


def test_iteration_len_in_and_indexing_run_in_the_worker(things: LearnerModule) -> None:
    shelf = things.Shelf("b", "a")
    assert len(shelf) == 2 and "a" in shelf and "c" not in shelf
    assert list(shelf) == ["b", "a"] and sorted(shelf) == ["a", "b"]
    assert shelf[0] == "b" and shelf[-1:] == ["a"]
    first, second = shelf
    assert (first, second) == ("b", "a")
    shelf[0] = "z"
    assert shelf[0] == "z" and str(shelf) == "shelf of 2"
    assert list(shelf + things.Shelf("c")) == ["z", "a", "c"]
    assert bool(things.Shelf()) is False


def test_lazy_results_are_pulled_item_by_item(things: LearnerModule) -> None:
    assert sorted(things.evens(range(10))) == [0, 2, 4, 6, 8]
    numbers = things.countdown(3)
    assert next(numbers) == 3
    assert list(numbers) == [2, 1]
    assert sum(things.countdown(20_000)) == 200_010_000
    with pytest.raises(StopIteration):
        next(things.countdown(0))


def test_a_learner_exception_during_iteration_reaches_the_test(things: LearnerModule) -> None:
    with pytest.raises(ValueError, match="no more"):
        list(things.broken())


def test_an_endless_iteration_stops_at_the_test_deadline(things: LearnerModule) -> None:
    session = things._session
    session.deadline = time.monotonic() + 1.0
    with pytest.raises((LearnerTimeout, NotPlain)):
        list(things.forever())


def test_an_endless_iteration_without_a_deadline_stops_at_the_size_limit(things: LearnerModule) -> None:
    with pytest.raises(NotPlain, match="more data than the grader accepts"):
        list(things.forever())


def test_a_counter_crosses_as_a_counter(things: LearnerModule) -> None:
    counts = things.words("a b a")
    assert type(counts) is Counter and counts == {"a": 2, "b": 1} and counts["zzz"] == 0


def test_an_object_of_the_test_cannot_be_sent_into_a_use(things: LearnerModule) -> None:
    with pytest.raises(SuiteRefusal, match="uses … in shelf|uses … in"):
        _ = object() in things.Shelf("a")


def test_a_session_restart_forgets_its_handles(mini_course: Course) -> None:
    folder = learner_folder(mini_course, {"things.py": THINGS})
    session = LearnerSession(folder, ["things"], call_timeout=5.0)
    things = LearnerModule(session, "things")
    first = things.relation("SUB")
    session.close()
    assert things.relation("SUB") is not first
    session.close()
