"""Hidden tests for task-repository: CRUD by id, titles unique per owner, domain errors."""

import pytest

from grader.testkit import call, show


def refused_with(made, base, name):
    """Check the call raised the learner's domain error ``name`` (a subclass of ``base``)."""
    if made.error is None:
        raise AssertionError(
            f"Called {made.text}; it returned {show(made.value)}, expected it to raise {name}"
        )
    made.raises(base)
    raised = made.error.learner_info["type"]
    if raised != name:
        raise AssertionError(f"Called {made.text}; it raised {raised}, expected {name}")


COPY_HARM = "a caller who changes it changes the stored task"


def task(task_id, owner, title):
    return {"id": task_id, "owner": owner, "title": title}


def test_create_and_get(learner):
    """create() returns the new task with ids 1, 2, ...; get(id) returns it again."""
    repo = learner.TaskRepository()
    call(repo.create, "ana", "Buy milk").returns(task(1, "ana", "Buy milk"))
    call(repo.create, "ana", "Call mum").returns(task(2, "ana", "Call mum"))
    call(repo.get, 1).returns(task(1, "ana", "Buy milk"))
    call(repo.list_for, "ana").returns([task(1, "ana", "Buy milk"), task(2, "ana", "Call mum")])
    call(repo.list_for, "bob").returns([])


def test_callers_get_copies(learner):
    """create, get, update and list_for return copies: changing one cannot change the stored task."""
    repo = learner.TaskRepository()
    call(repo.create, "ana", "Buy milk").returns_copy(task(1, "ana", "Buy milk"), COPY_HARM)
    call(repo.get, 1).returns_copy(task(1, "ana", "Buy milk"), COPY_HARM)
    call(repo.update, 1, "Buy bread").returns_copy(task(1, "ana", "Buy bread"), COPY_HARM)
    call(repo.list_for, "ana").returns_copy([task(1, "ana", "Buy bread")], COPY_HARM)


def test_titles_are_stored_tidied(learner):
    """'  Buy   milk ' is stored as 'Buy milk'."""
    repo = learner.TaskRepository()
    call(repo.create, "ana", "  Buy   milk ").returns(task(1, "ana", "Buy milk"))


@pytest.mark.points(3)
def test_duplicate_titles_are_refused_per_owner(learner):
    """'buy MILK' and ' Buy  milk' are duplicates of 'Buy milk' for ana (DuplicateTitle); bob may use it."""
    repo = learner.TaskRepository()
    repo.create("ana", "Buy milk")
    refused_with(call(repo.create, "ana", "buy MILK"), ValueError, "DuplicateTitle")
    refused_with(call(repo.create, "ana", " Buy  milk"), ValueError, "DuplicateTitle")
    call(repo.list_for, "ana").returns([task(1, "ana", "Buy milk")])
    made = call(repo.create, "bob", "Buy milk")
    made.satisfies(lambda t: t["owner"] == "bob" and t["title"] == "Buy milk", "bob's own task 'Buy milk'")


@pytest.mark.points(2)
def test_unknown_ids_raise_task_not_found(learner):
    """get, update and delete of an unknown id raise TaskNotFound, not KeyError."""
    repo = learner.TaskRepository()
    repo.create("ana", "Buy milk")
    refused_with(call(repo.get, 7), LookupError, "TaskNotFound")
    refused_with(call(repo.update, 7, "x"), LookupError, "TaskNotFound")
    refused_with(call(repo.delete, 7), LookupError, "TaskNotFound")


@pytest.mark.points(3)
def test_update_rules(learner):
    """A task may be renamed to its own title in new case; not to a sibling's; its old title is freed."""
    repo = learner.TaskRepository()
    repo.create("ana", "Buy milk")
    repo.create("ana", "Call mum")
    call(repo.update, 1, "BUY MILK").returns(task(1, "ana", "BUY MILK"))
    refused_with(call(repo.update, 1, "call mum"), ValueError, "DuplicateTitle")
    call(repo.get, 1).returns(task(1, "ana", "BUY MILK"))
    call(repo.update, 1, "Buy bread").returns(task(1, "ana", "Buy bread"))
    call(repo.create, "ana", "buy milk").returns(task(3, "ana", "buy milk"))
    refused_with(call(repo.create, "ana", "buy BREAD"), ValueError, "DuplicateTitle")


@pytest.mark.points(2)
def test_delete_frees_the_title_and_never_reuses_ids(learner):
    """After delete(2), get(2) raises TaskNotFound, the title is free, and the next id is 3, not 2."""
    repo = learner.TaskRepository()
    repo.create("ana", "Buy milk")
    repo.create("ana", "Call mum")
    call(repo.delete, 2).returns(None)
    refused_with(call(repo.get, 2), LookupError, "TaskNotFound")
    call(repo.create, "ana", "Call mum").returns(task(3, "ana", "Call mum"))
    call(repo.list_for, "ana").returns([task(1, "ana", "Buy milk"), task(3, "ana", "Call mum")])


def test_empty_titles_are_refused(learner):
    """A title that is empty or only spaces raises ValueError and stores nothing."""
    repo = learner.TaskRepository()
    call(repo.create, "ana", "").raises(ValueError)
    call(repo.create, "ana", "   ").raises(ValueError)
    call(repo.list_for, "ana").returns([])


def test_many_tasks(learner):
    """2,000 tasks for one owner are all listed in order, and the last title is still protected."""
    repo = learner.TaskRepository()
    for number in range(2000):
        repo.create("ana", f"task {number}")
    call(repo.list_for, "ana").satisfies(
        lambda tasks: [t["id"] for t in tasks] == list(range(1, 2001)), "ids 1 to 2000 in order"
    )
    refused_with(call(repo.create, "ana", "TASK 1999"), ValueError, "DuplicateTitle")
