"""Hidden tests for the create-task-layers refactor: every response and every stored task must stay the same.

The structure targets are checked by the refactor kind itself (grader/kinds/refactor.py),
from the manifest's [exercise.structure] table. Here, a seeded set of bodies is
compared with what the original function answers (ORIGINAL below, trusted code).
"""

import json
import random

import pytest

from grader.testkit import call


def original(body, tasks):
    """The starter's behaviour, written plainly: the oracle for every case."""
    try:
        data = json.loads(body)
    except ValueError:
        return {"status": 400, "body": {"error": "body is not valid JSON"}}
    if type(data) is not dict:
        return {"status": 400, "body": {"error": "body must be a JSON object"}}
    problem = first_problem(data)
    if problem:
        return {"status": 422, "body": {"error": problem}}
    owner, title = data["owner"].strip(), " ".join(data["title"].split())
    mine = [t for t in tasks if t["owner"] == owner]
    for t in mine:
        if t["title"].lower() == title.lower():
            return {"status": 409, "body": {"error": "owner already has a task called " + t["title"]}}
    if sum(1 for t in mine if not t["done"]) >= 20:
        return {"status": 409, "body": {"error": "owner has 20 open tasks already"}}
    task = {
        "id": max((t["id"] for t in tasks), default=0) + 1,
        "owner": owner,
        "title": title,
        "priority": data.get("priority", 3),
        "done": False,
    }
    tasks.append(task)
    return {"status": 201, "body": dict(task)}


def first_problem(data):
    owner = data.get("owner")
    if "owner" not in data:
        return "owner is required"
    if type(owner) is not str or not owner.strip():
        return "owner must be a non-empty string"
    if "title" not in data:
        return "title is required"
    if type(data["title"]) is not str:
        return "title must be a string"
    title = " ".join(data["title"].split())
    if not title:
        return "title must not be empty"
    if len(title) > 100:
        return "title must be at most 100 characters"
    priority = data.get("priority", 3)
    if type(priority) is not int or not 1 <= priority <= 5:
        return "priority must be a whole number from 1 to 5"
    return None


def same_as_original(learner, body, tasks):
    """Check the response and the tasks list afterwards both match the original."""
    expected_tasks = [dict(t) for t in tasks]
    expected = original(body, expected_tasks)
    made = call(learner.handle_create, body, tasks)
    made.returns_copy(expected, "a caller who changes the response body changes the stored task")
    stored = list(made.args_after[1]) if made.args_after else None
    if stored != expected_tasks:
        raise AssertionError(
            f"Called {made.text}; the tasks list afterwards is {stored!r}, expected {expected_tasks!r}"
        )


def task(task_id, owner, title, done=False, priority=3):
    return {"id": task_id, "owner": owner, "title": title, "priority": priority, "done": done}


@pytest.mark.points(2)
def test_a_task_is_created(learner):
    """A valid body gives 201 with the new task, appended with the next id."""
    same_as_original(learner, '{"owner": " ana ", "title": "  Buy   milk ", "priority": 2}', [])
    same_as_original(
        learner, '{"owner": "ana", "title": "Call mum"}', [task(4, "bo", "x"), task(2, "ana", "y")]
    )


def test_bodies_that_are_not_json_objects(learner):
    """Not JSON, or JSON that is not an object, gives 400 with the original message."""
    for body in ("", "{", "not json", "[1, 2]", '"text"', "null", "42"):
        same_as_original(learner, body, [])


@pytest.mark.points(2)
def test_every_validation_message(learner):
    """Each bad field gives 422 with its own message, checked in the original order."""
    bodies = [
        {},
        {"title": "x"},
        {"owner": 5, "title": "x"},
        {"owner": "  ", "title": "x"},
        {"owner": "ana"},
        {"owner": "ana", "title": ["x"]},
        {"owner": "ana", "title": " \t "},
        {"owner": "ana", "title": "y" * 101},
        {"owner": "ana", "title": "y" * 100, "priority": 6},
        {"owner": "ana", "title": "x", "priority": 0},
        {"owner": "ana", "title": "x", "priority": True},
        {"owner": "ana", "title": "x", "priority": "2"},
        {"owner": "", "priority": 9},
        {"owner": "ana", "priority": 9},
    ]
    for body in bodies:
        same_as_original(learner, json.dumps(body), [])


@pytest.mark.points(2)
def test_duplicates_and_the_open_task_limit(learner):
    """A duplicate title (any case) or a 21st open task gives 409; done tasks do not count."""
    tasks = [task(n, "ana", f"Task {n}") for n in range(1, 21)]
    same_as_original(learner, '{"owner": "ana", "title": "one more"}', [dict(t) for t in tasks])
    same_as_original(learner, '{"owner": "ana", "title": "TASK 7"}', [dict(t) for t in tasks])
    tasks[3]["done"] = True
    same_as_original(learner, '{"owner": "ana", "title": "one more"}', [dict(t) for t in tasks])
    same_as_original(learner, '{"owner": "ana", "title": "task  4"}', [dict(t) for t in tasks])
    same_as_original(learner, '{"owner": "bo", "title": "Task 1"}', [dict(t) for t in tasks])


def test_unknown_fields_are_ignored_as_before(learner):
    """Extra fields were ignored by the original, and still are."""
    same_as_original(learner, '{"owner": "ana", "title": "x", "colour": "red"}', [])


@pytest.mark.points(3)
def test_many_generated_requests(learner):
    """300 generated requests, one after another on one list, give the original's answers."""
    rng = random.Random(2026)
    owners = ["ana", " ana", "bo", "", 7, None]
    titles = ["Buy milk", "buy  MILK", "Call mum", "", "   ", "z" * 101, 3, None] + [
        f"t{n}" for n in range(30)
    ]
    priorities = [1, 3, 5, 0, 6, True, "2", None]
    mine, theirs = [], []
    for _ in range(300):
        data = {}
        if rng.random() < 0.95:
            data["owner"] = rng.choice(owners)
        if rng.random() < 0.95:
            data["title"] = rng.choice(titles)
        if rng.random() < 0.4:
            data["priority"] = rng.choice(priorities)
        body = json.dumps(data) if rng.random() < 0.97 else rng.choice(["{", "[]", "1"])
        if rng.random() < 0.1 and theirs:
            theirs[rng.randrange(len(theirs))]["done"] = True
            mine = [dict(t) for t in theirs]
        expected = original(body, theirs)
        made = call(learner.handle_create, body, mine)
        made.returns(expected)
        mine = list(made.args_after[1])
