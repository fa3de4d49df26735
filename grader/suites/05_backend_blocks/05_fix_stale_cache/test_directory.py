"""Hidden tests for fix-stale-cache: writes forget every cached page they changed, reads stay cached."""

import pytest

from grader.testkit import call

STAFF = {
    1: {"name": "Ana", "team": "api"},
    2: {"name": "Bo", "team": "api"},
    3: {"name": "Cy", "team": "web"},
}


def setup(learner):
    store = learner.UserStore(STAFF)
    return store, learner.Directory(store)


def reads_are(store, expected, after):
    if store.reads != expected:
        raise AssertionError(
            f"After {after}, the store was read {times(store.reads)}, expected {times(expected)}"
        )


def times(count):
    return f"{count} time" if count == 1 else f"{count} times"


def test_reads_are_still_cached(learner):
    """Reading user 1 and the api page twice each reads the store twice in all."""
    store, directory = setup(learner)
    for _ in range(2):
        call(directory.user, 1).returns({"name": "Ana", "team": "api"})
        call(directory.team, "api").returns(["Ana", "Bo"])
    reads_are(store, 2, "user(1), team('api'), user(1), team('api')")


def test_readers_get_copies(learner):
    """user() and team() return copies, fresh or cached: a reader's change is not cached."""
    store, directory = setup(learner)
    harm = "a caller who changes it changes the cached page that every later read shows"
    for _ in range(2):
        call(directory.user, 1).returns_copy({"name": "Ana", "team": "api"}, harm)
        call(directory.team, "api").returns_copy(["Ana", "Bo"], harm)


def test_a_rename_shows_on_the_user(learner):
    """After rename(1, 'Anna'), user(1) says Anna."""
    store, directory = setup(learner)
    directory.user(1)
    call(directory.rename, 1, "Anna").returns(None)
    call(directory.user, 1).returns({"name": "Anna", "team": "api"})


@pytest.mark.points(3)
def test_a_rename_shows_on_the_team_page(learner):
    """After rename(1, 'Zoe'), the cached api page lists Bo and Zoe, not Ana."""
    store, directory = setup(learner)
    directory.team("api")
    directory.rename(1, "Zoe")
    call(directory.team, "api").returns(["Bo", "Zoe"])


@pytest.mark.points(3)
def test_a_move_updates_both_team_pages(learner):
    """After move(2, 'web'), the cached api page lists only Ana and the web page lists Bo and Cy."""
    store, directory = setup(learner)
    directory.team("api")
    directory.team("web")
    directory.user(2)
    call(directory.move, 2, "web").returns(None)
    call(directory.team, "api").returns(["Ana"])
    call(directory.team, "web").returns(["Bo", "Cy"])
    call(directory.user, 2).returns({"name": "Bo", "team": "web"})


def test_moving_back_and_forth(learner):
    """move(3, 'api') then move(3, 'web'): both pages are right after each move."""
    store, directory = setup(learner)
    directory.team("api")
    directory.team("web")
    directory.move(3, "api")
    call(directory.team, "api").returns(["Ana", "Bo", "Cy"])
    call(directory.team, "web").returns([])
    directory.move(3, "web")
    call(directory.team, "api").returns(["Ana", "Bo"])
    call(directory.team, "web").returns(["Cy"])


def test_pages_a_write_did_not_touch_stay_cached(learner):
    """After renaming Ana (api), reading the web page again does not touch the store."""
    store, directory = setup(learner)
    directory.team("web")
    directory.rename(1, "Anna")
    before = store.reads
    directory.team("web")
    reads_are(store, before, "rename(1, 'Anna') and a second team('web')")


def test_unknown_users(learner):
    """user(9), rename(9, ...) and move(9, ...) raise the store's LookupError."""
    store, directory = setup(learner)
    call(directory.user, 9).raises(LookupError)
    call(directory.rename, 9, "X").raises(LookupError)
    call(directory.move, 9, "web").raises(LookupError)


def test_a_large_team(learner):
    """A team of 300: after one rename its page shows the new name, once."""
    store = learner.UserStore({n: {"name": f"u{n:03d}", "team": "big"} for n in range(300)})
    directory = learner.Directory(store)
    directory.team("big")
    directory.rename(7, "zz")
    call(directory.team, "big").satisfies(
        lambda names: len(names) == 300 and names[-1] == "zz" and "u007" not in names,
        "300 names ending with 'zz', without 'u007'",
    )
