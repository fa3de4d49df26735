"""A worker starts with one hash seed: a set of strings comes out in one order in every run."""

from __future__ import annotations

from grader.boundary.remote import LearnerModule, LearnerSession
from grader.boundary.worker_environment import minimal_environment
from grader.course.manifest import Course
from tests.helpers import learner_folder

SOURCE = "def unique(words):\n    return list(set(words))\n"
WORDS = [f"word-{n}@example.com" for n in range(40)]


def order_in_a_fresh_worker(course: Course) -> list[str]:
    session = LearnerSession(learner_folder(course, {"sets.py": SOURCE}), ["sets"], call_timeout=5.0)
    try:
        return LearnerModule(session, "sets").unique(WORDS)
    finally:
        session.close()


def test_a_set_comes_out_in_the_same_order_in_two_workers(mini_course: Course) -> None:
    # With a random seed, 40 strings come out in the same order twice about never.
    assert order_in_a_fresh_worker(mini_course) == order_in_a_fresh_worker(mini_course)


def test_the_environment_names_the_seed() -> None:
    assert minimal_environment()["PYTHONHASHSEED"] == "0"
