"""Mistake: fixes the writes, but user() and team() return the cached entries themselves."""

from __future__ import annotations

# --- given: the slow store. Do not change it. ---


class UserStore:
    """The database. ``reads`` counts how often it was asked for anything."""

    def __init__(self, users: dict[int, dict] | None = None) -> None:
        self._users = {user_id: dict(user) for user_id, user in (users or {}).items()}
        self.reads = 0

    def get(self, user_id: int) -> dict:
        self.reads += 1
        if user_id not in self._users:
            raise LookupError(f"no user with id {user_id}")
        return dict(self._users[user_id])

    def members(self, team: str) -> list[dict]:
        self.reads += 1
        return [dict(user) for user in self._users.values() if user["team"] == team]

    def put(self, user_id: int, user: dict) -> None:
        self._users[user_id] = dict(user)


# --- the directory ---


class Directory:
    """Users and team pages, cached until a write changes them."""

    def __init__(self, store: UserStore) -> None:
        self._store = store
        self._cache: dict[str, object] = {}

    def user(self, user_id: int) -> dict:
        """Return {'name': ..., 'team': ...} for one user."""
        key = f"user:{user_id}"
        if key not in self._cache:
            self._cache[key] = self._store.get(user_id)
        return self._cache[key]  # type: ignore[return-value]

    def team(self, team: str) -> list[str]:
        """Return the names of the team's members, sorted."""
        key = f"team:{team}"
        if key not in self._cache:
            self._cache[key] = sorted(user["name"] for user in self._store.members(team))
        return self._cache[key]  # type: ignore[return-value]

    def rename(self, user_id: int, name: str) -> None:
        """Give a user a new name."""
        user = self._store.get(user_id)
        self._store.put(user_id, {**user, "name": name})
        self._forget(user_id, user["team"])  # the name shows on the team page too

    def move(self, user_id: int, team: str) -> None:
        """Move a user to another team."""
        user = self._store.get(user_id)
        self._store.put(user_id, {**user, "team": team})
        self._forget(user_id, user["team"], team)  # the user leaves one page and joins another

    def _forget(self, user_id: int, *teams: str) -> None:
        """Drop the cached entries a write to this user made stale."""
        self._cache.pop(f"user:{user_id}", None)
        for team in teams:
            self._cache.pop(f"team:{team}", None)
