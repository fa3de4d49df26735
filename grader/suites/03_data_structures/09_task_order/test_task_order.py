"""Hidden tests for the task-order exercise: a topological sort that reports cycles clearly."""

import re

import pytest

from grader.testkit import call

NEEDS = {"deploy": ["test"], "test": ["build"], "docs": ["build"]}


def named(message, task):
    return re.search(rf"(?<![\w-]){re.escape(task)}(?![\w-])", message) is not None


def check_cycle_message(outcome, in_cycle, not_in_cycle):
    """The refusal names every task in the cycle and none of the tasks merely stuck behind it."""
    outcome.raises(ValueError, match="cycle")
    message = str(outcome.error)
    missing = [task for task in in_cycle if not named(message, task)]
    extra = [task for task in not_in_cycle if named(message, task)]
    if missing or extra:
        problems = []
        if missing:
            problems.append(f"it should name {', '.join(missing)}")
        if extra:
            problems.append(f"{', '.join(extra)} only waits behind the cycle and should not be named")
        raise AssertionError(
            f"Called {outcome.text}; it raised ValueError({message!r}), but {' and '.join(problems)}."
        )


@pytest.mark.points(2)
def test_a_chain_in_order(learner):
    """build, then test, then deploy: each task after what it needs."""
    call(learner.task_order, {"deploy": ["test"], "test": ["build"]}).returns(["build", "test", "deploy"])


@pytest.mark.points(2)
def test_ready_tasks_in_alphabetical_order(learner):
    """Tasks ready at the same time come in alphabetical order."""
    call(learner.task_order, NEEDS).returns(["build", "docs", "test", "deploy"]).left_arguments_unchanged()
    call(learner.task_order, {"c": [], "b": [], "a": []}).returns(["a", "b", "c"])
    call(learner.task_order, {"b": ["x"], "a": ["z"], "x": [], "z": []}).returns(["x", "b", "z", "a"])


def test_no_tasks(learner):
    """No tasks give an empty order."""
    call(learner.task_order, {}).returns([])


def test_one_task(learner):
    """A single task that needs nothing is the whole order."""
    call(learner.task_order, {"build": []}).returns(["build"])


@pytest.mark.points(2)
def test_tasks_only_needed_by_others(learner):
    """A task named only in another task's list is part of the order."""
    call(learner.task_order, {"deploy": ["build", "test"]}).returns(["build", "test", "deploy"])


def test_a_repeated_need_counts_once(learner):
    """A task listed twice in the same list is needed once."""
    call(learner.task_order, {"test": ["build", "build"], "build": []}).returns(["build", "test"])


@pytest.mark.points(3)
def test_a_cycle_is_refused(learner):
    """Tasks that need each other in a cycle raise ValueError mentioning the cycle."""
    call(learner.task_order, {"a": ["b"], "b": ["a"]}).raises(ValueError, match="cycle")
    call(learner.task_order, {"a": ["a"]}).raises(ValueError, match="cycle")


@pytest.mark.points(3)
def test_the_cycle_is_named(learner):
    """The error names exactly the tasks in the cycle, not the tasks stuck behind it."""
    needs = {"deploy": ["test"], "test": ["build"], "build": ["deploy"], "docs": ["build"], "lint": []}
    check_cycle_message(call(learner.task_order, needs), ["build", "deploy", "test"], ["docs", "lint"])
    needs = {"zip": ["api"], "api": ["db"], "db": ["cache"], "cache": ["db"]}
    check_cycle_message(call(learner.task_order, needs), ["cache", "db"], ["api", "zip"])
    needs = {"alpha": [], "beta": ["gamma"], "gamma": ["beta"], "omega": ["alpha"]}
    check_cycle_message(call(learner.task_order, needs), ["beta", "gamma"], ["alpha", "omega"])


@pytest.mark.points(2)
def test_a_long_chain(learner):
    """3000 tasks, each needing the next one by name, come out last name first."""
    names = [f"t{n:05d}" for n in range(3000)]
    needs = {name: [after] for name, after in zip(names, names[1:], strict=False)}
    call(learner.task_order, needs).returns(names[::-1])


def test_many_independent_tasks(learner):
    """5000 tasks that need nothing come out sorted."""
    names = [f"job-{n:05d}" for n in range(5000)]
    call(learner.task_order, {name: [] for name in reversed(names)}).returns(names)
