"""Hidden tests for cache-aside: hits, a TTL on the fake clock, writes that invalidate."""

import pytest

from grader.testkit import call

MILK = {"title": "Buy milk", "done": False}


def setup(learner, ttl=30, tasks=None):
    store = learner.TaskStore(
        tasks if tasks is not None else {1: MILK, 2: {"title": "Call mum", "done": True}}
    )
    clock = learner.FakeClock()
    return store, clock, learner.CachedTasks(store, clock, ttl)


def loads_are(store, expected, after):
    got = store.loads
    if got != expected:
        raise AssertionError(f"After {after}, the store was read {times(got)}, expected {times(expected)}")


def times(count):
    return f"{count} time" if count == 1 else f"{count} times"


@pytest.mark.points(2)
def test_a_second_read_is_served_from_the_cache(learner):
    """Reading task 1 twice reads the store once; task 2 is cached separately."""
    store, clock, cache = setup(learner)
    call(cache.get, 1).returns(MILK)
    call(cache.get, 1).returns(MILK)
    loads_are(store, 1, "get(1) twice")
    call(cache.get, 2).returns({"title": "Call mum", "done": True})
    call(cache.get, 2)
    loads_are(store, 2, "get(1) twice and get(2) twice")


def test_readers_get_copies(learner):
    """get() returns a copy, from the store and from the cache: a reader's change is not cached."""
    store, clock, cache = setup(learner)
    harm = "a caller who changes it changes the cached task, and every read until it expires sees the change"
    call(cache.get, 1).returns_copy(MILK, harm)
    call(cache.get, 1).returns_copy(MILK, harm)


@pytest.mark.points(3)
def test_entries_expire_after_the_ttl(learner):
    """With ttl=30, a read at 29.5 s is a hit; at exactly 30 s the store is read again."""
    store, clock, cache = setup(learner)
    cache.get(1)
    clock.advance(29.5)
    cache.get(1)
    loads_are(store, 1, "get(1) at 0 s and at 29.5 s")
    clock.advance(0.5)
    cache.get(1)
    loads_are(store, 2, "get(1) at 0 s, 29.5 s and exactly 30 s")


@pytest.mark.points(2)
def test_a_reload_starts_a_new_ttl(learner):
    """After a reload at 30 s, reads up to 59.9 s are hits again; at 60 s it reloads."""
    store, clock, cache = setup(learner)
    cache.get(1)
    clock.advance(30)
    cache.get(1)
    clock.advance(29.9)
    cache.get(1)
    loads_are(store, 2, "get(1) at 0 s, 30 s and 59.9 s")
    clock.advance(0.1)
    cache.get(1)
    loads_are(store, 3, "get(1) at 0 s, 30 s, 59.9 s and 60 s")


@pytest.mark.points(3)
def test_an_update_is_seen_at_once(learner):
    """After update(1, ...) the very next get(1), well within the TTL, returns the new task."""
    store, clock, cache = setup(learner)
    cache.get(1)
    done = {"title": "Buy milk", "done": True}
    call(cache.update, 1, done).returns(None)
    call(cache.get, 1).returns(done)
    call(cache.get, 1).returns(done)
    loads_are(store, 2, "get, update, get, get")


@pytest.mark.points(2)
def test_a_delete_is_seen_at_once(learner):
    """After delete(1), get(1) raises the store's LookupError instead of the cached task."""
    store, clock, cache = setup(learner)
    cache.get(1)
    call(cache.delete, 1).returns(None)
    call(cache.get, 1).raises(LookupError)


def test_a_missing_task_is_not_cached(learner):
    """get(9) raises LookupError; once task 9 is saved in the store, get(9) finds it."""
    store, clock, cache = setup(learner)
    call(cache.get, 9).raises(LookupError)
    store.save(9, {"title": "New", "done": False})
    call(cache.get, 9).returns({"title": "New", "done": False})


def test_the_ttl_is_checked(learner):
    """A ttl of 0, -5, '30' or True raises ValueError."""
    store = learner.TaskStore({})
    clock = learner.FakeClock()
    for bad in (0, -5, "30", True):
        call(learner.CachedTasks, store, clock, bad).raises(ValueError)
    call(learner.CachedTasks, store, clock, 0.5).satisfies(lambda cache: cache is not None, "a cache")


def test_many_tasks(learner):
    """500 tasks read twice each read the store 500 times; after the TTL, 500 more."""
    store, clock, cache = setup(learner, ttl=10, tasks={n: {"n": n} for n in range(500)})
    for _ in range(2):
        for n in range(500):
            cache.get(n)
    loads_are(store, 500, "reading 500 tasks twice")
    clock.advance(10)
    call(cache.get, 499).returns({"n": 499})
    loads_are(store, 501, "reading 500 tasks twice, then one after the TTL")
