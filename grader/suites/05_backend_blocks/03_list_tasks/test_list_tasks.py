"""Hidden tests for list-tasks: filters, a stable order, a cursor that survives changes, clear errors."""

import random

import pytest

from grader.testkit import call


def make_tasks(count, done_every=0):
    """Tasks 1..count; every ``done_every``-th one is done."""
    return [
        {"id": n, "title": f"Task {n}", "done": bool(done_every) and n % done_every == 0}
        for n in range(1, count + 1)
    ]


def ids_and_next(ids, next_after):
    def check(page):
        return (
            type(page) is dict
            and [t["id"] for t in page.get("items", [])] == list(ids)
            and page.get("next_after", "missing") == next_after
        )

    return check


def page_of(ids, next_after):
    return f"a page of ids {list(ids)} with next_after {next_after!r}"


def expect(made, ids, next_after):
    return made.satisfies(ids_and_next(ids, next_after), page_of(ids, next_after))


@pytest.mark.points(2)
def test_walking_the_pages(learner):
    """25 tasks, 10 per page: ids 1-10 (next 10), 11-20 (next 20), 21-25 (next None)."""
    tasks = make_tasks(25)
    expect(call(learner.list_tasks, tasks), range(1, 11), 10)
    expect(call(learner.list_tasks, tasks, after=10), range(11, 21), 20)
    expect(call(learner.list_tasks, tasks, after=20), range(21, 26), None)
    call(learner.list_tasks, tasks, limit=2).satisfies(
        lambda page: page["items"][0] == {"id": 1, "title": "Task 1", "done": False}, "whole tasks as items"
    )


def test_pages_hold_copies(learner):
    """The tasks on a page are copies: changing one cannot change the caller's stored task."""
    tasks = make_tasks(3)
    harm = "a caller who changes a task on the page changes the stored task"
    call(learner.list_tasks, tasks, limit=2).returns_copy({"items": make_tasks(2), "next_after": 2}, harm)


@pytest.mark.points(2)
def test_no_empty_last_page(learner):
    """With exactly 20 tasks and limit 10, the second page's next_after is None."""
    tasks = make_tasks(20)
    expect(call(learner.list_tasks, tasks, after=10), range(11, 21), None)
    expect(call(learner.list_tasks, make_tasks(1), limit=1), [1], None)


@pytest.mark.points(2)
def test_the_order_is_by_id_whatever_the_input_order(learner):
    """Shuffled input still pages by id; order='-id' pages newest first."""
    tasks = make_tasks(15)
    random.Random(5).shuffle(tasks)
    expect(call(learner.list_tasks, tasks, limit=5), range(1, 6), 5)
    expect(call(learner.list_tasks, tasks, order="-id", limit=5), [15, 14, 13, 12, 11], 11)
    expect(call(learner.list_tasks, tasks, order="-id", limit=5, after=6), [5, 4, 3, 2, 1], None)


@pytest.mark.points(2)
def test_filters(learner):
    """done=True keeps done tasks, search matches titles ignoring case; paging counts only matches."""
    tasks = make_tasks(30, done_every=3)
    expect(call(learner.list_tasks, tasks, done=True, limit=4), [3, 6, 9, 12], 12)
    expect(call(learner.list_tasks, tasks, done=True, after=27), [30], None)
    expect(call(learner.list_tasks, tasks, done=False, limit=3), [1, 2, 4], 4)
    expect(call(learner.list_tasks, tasks, search="TASK 2"), [2] + list(range(20, 29)), 28)
    expect(call(learner.list_tasks, tasks, search="task 2", done=True), [21, 24, 27], None)
    expect(call(learner.list_tasks, make_tasks(29, done_every=3), done=True, limit=9), range(3, 28, 3), None)


@pytest.mark.points(3)
def test_changes_between_pages_neither_repeat_nor_skip(learner):
    """Deleting tasks 2 and 3 after page one (1-5) still gives 6-10 next; new tasks come at the end."""
    tasks = make_tasks(12)
    first = call(learner.list_tasks, tasks, limit=5)
    expect(first, range(1, 6), 5)
    changed = [t for t in tasks if t["id"] not in (2, 3)] + [{"id": 13, "title": "Task 13", "done": False}]
    expect(call(learner.list_tasks, changed, limit=5, after=5), range(6, 11), 10)
    expect(call(learner.list_tasks, changed, limit=5, after=10), [11, 12, 13], None)
    gone = [t for t in tasks if t["id"] != 5]
    expect(call(learner.list_tasks, gone, limit=5, after=5), range(6, 11), 10)


@pytest.mark.points(3)
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("limit", 0),
        ("limit", 101),
        ("limit", "10"),
        ("limit", True),
        ("order", "title"),
        ("after", "5"),
        ("after", True),
        ("done", "yes"),
        ("search", 3),
    ],
    ids=lambda v: repr(v),
)
def test_bad_parameters_are_refused_by_name(learner, name, value):
    """A bad limit, order, after, done or search raises ValueError naming that parameter."""
    call(learner.list_tasks, make_tasks(3), **{name: value}).raises(ValueError, match=name)


def test_the_edges_that_are_allowed(learner):
    """limit 1 and 100 are allowed; an empty list gives no items and next_after None."""
    expect(call(learner.list_tasks, [], limit=100), [], None)
    expect(call(learner.list_tasks, make_tasks(3), limit=1), [1], 1)
    expect(call(learner.list_tasks, make_tasks(150), limit=100, after=0), range(1, 101), 100)


def test_the_input_is_left_alone_and_large_lists_page_through(learner):
    """Walking 2,000 shuffled tasks 100 at a time meets each id once; the caller's list is unchanged."""
    tasks = make_tasks(2000, done_every=2)
    random.Random(7).shuffle(tasks)
    call(learner.list_tasks, tasks, limit=100).left_arguments_unchanged()
    seen, after = [], None
    for _ in range(25):
        page = learner.list_tasks(tasks, limit=100, after=after, order="-id")
        seen += [t["id"] for t in page["items"]]
        after = page["next_after"]
        if after is None:
            break
    if seen != list(range(2000, 0, -1)):
        raise AssertionError(
            f"Paged through 2,000 tasks with order='-id', limit=100; saw {len(seen)} ids "
            f"({len(set(seen))} different), expected each of 2000 down to 1 once"
        )
