"""Hidden tests for task-service: the rules, tested directly on a service handed its repository."""

import pytest

from grader.testkit import call, show


def service_for(learner):
    repo = learner.InMemoryTaskRepository()
    return repo, learner.TaskService(repo)


def task(task_id, owner, title, done=False):
    return {"id": task_id, "owner": owner, "title": title, "done": done}


def raised(made, base, name):
    """Check the call raised the learner's domain error ``name`` (a subclass of ``base``)."""
    if made.error is None:
        raise AssertionError(
            f"Called {made.text}; it returned {show(made.value)}, expected it to raise {name}"
        )
    made.raises(base)
    got = made.error.learner_info["type"]
    if got != name:
        raise AssertionError(f"Called {made.text}; it raised {got}, expected {name}")


def test_create_complete_and_list(learner):
    """Create two tasks, complete one: open_tasks lists the other; the repository holds both."""
    repo, service = service_for(learner)
    call(service.create, "ana", "  Buy   milk ").returns(task(1, "ana", "Buy milk"))
    call(service.create, "ana", "Call mum").returns(task(2, "ana", "Call mum"))
    call(service.complete, "ana", 1).returns(task(1, "ana", "Buy milk", True))
    call(service.open_tasks, "ana").returns([task(2, "ana", "Call mum")])
    call(repo.get, 1).returns(task(1, "ana", "Buy milk", True))


@pytest.mark.points(2)
def test_the_service_uses_the_repository_it_is_given(learner):
    """Tasks already in the given repository are seen; a second service on a new repository sees none."""
    repo = learner.InMemoryTaskRepository()
    repo.add("ana", "Seeded")
    service = learner.TaskService(repo)
    call(service.open_tasks, "ana").returns([task(1, "ana", "Seeded")])
    call(service.complete, "ana", 1).returns(task(1, "ana", "Seeded", True))
    other = learner.TaskService(learner.InMemoryTaskRepository())
    call(other.open_tasks, "ana").returns([])
    raised(call(other.complete, "ana", 1), LookupError, "TaskNotFound")


@pytest.mark.points(3)
def test_other_users_tasks_look_missing(learner):
    """Bo cannot complete, rename or delete ana's task: TaskNotFound, and the task is unchanged."""
    repo, service = service_for(learner)
    service.create("ana", "Buy milk")
    raised(call(service.complete, "bo", 1), LookupError, "TaskNotFound")
    raised(call(service.rename, "bo", 1, "Mine now"), LookupError, "TaskNotFound")
    raised(call(service.delete, "bo", 1), LookupError, "TaskNotFound")
    raised(call(service.complete, "ana", 99), LookupError, "TaskNotFound")
    call(repo.get, 1).returns(task(1, "ana", "Buy milk"))


@pytest.mark.points(2)
def test_at_most_five_open_tasks(learner):
    """A sixth open task raises TooManyOpenTasks; after completing one, a new one is allowed."""
    repo, service = service_for(learner)
    for n in range(5):
        service.create("ana", f"task {n}")
    raised(call(service.create, "ana", "one more"), ValueError, "TooManyOpenTasks")
    call(service.create, "bo", "his first").satisfies(lambda t: t["owner"] == "bo", "bo's task")
    service.complete("ana", 3)
    call(service.create, "ana", "one more").satisfies(lambda t: t["title"] == "one more", "the new task")
    raised(call(service.create, "ana", "and another"), ValueError, "TooManyOpenTasks")


@pytest.mark.points(2)
def test_titles_are_unique_per_user(learner):
    """'BUY MILK' duplicates ana's 'Buy milk' (also when done); bo may use it; a task keeps its own title."""
    repo, service = service_for(learner)
    service.create("ana", "Buy milk")
    service.create("ana", "Call mum")
    raised(call(service.create, "ana", "BUY  MILK"), ValueError, "DuplicateTitle")
    service.complete("ana", 1)
    raised(call(service.create, "ana", "buy milk"), ValueError, "DuplicateTitle")
    raised(call(service.rename, "ana", 2, "Buy Milk"), ValueError, "DuplicateTitle")
    call(service.rename, "ana", 2, "CALL MUM").returns(task(2, "ana", "CALL MUM"))
    call(repo.get, 2).returns(task(2, "ana", "CALL MUM"))
    call(service.create, "bo", "Buy milk").satisfies(lambda t: t["owner"] == "bo", "bo's task")


def test_titles_are_checked(learner):
    """An empty, blank, non-string or 101-character title raises ValueError; 100 characters is fine."""
    repo, service = service_for(learner)
    for bad in ("", "   ", None, 5, "x" * 101):
        call(service.create, "ana", bad).raises(ValueError)
    call(service.create, "ana", "x" * 100).satisfies(lambda t: t["id"] == 1, "task 1")
    call(service.rename, "ana", 1, " ").raises(ValueError)


def test_completing_twice_and_deleting(learner):
    """Completing a done task again returns it unchanged; after delete the id is not found."""
    repo, service = service_for(learner)
    service.create("ana", "Buy milk")
    service.complete("ana", 1)
    call(service.complete, "ana", 1).returns(task(1, "ana", "Buy milk", True))
    call(service.delete, "ana", 1).returns(None)
    call(repo.get, 1).returns(None)
    raised(call(service.delete, "ana", 1), LookupError, "TaskNotFound")


def test_many_users(learner):
    """100 users with 5 open tasks each: each sees exactly their own 5."""
    repo, service = service_for(learner)
    for n in range(500):
        service.create(f"user{n % 100}", f"task {n}")
    call(service.open_tasks, "user42").satisfies(
        lambda tasks: [t["title"] for t in tasks] == [f"task {n}" for n in range(42, 500, 100)],
        "user42's five tasks, oldest first",
    )
