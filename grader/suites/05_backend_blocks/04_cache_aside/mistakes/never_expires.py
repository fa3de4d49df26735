"""Mistake: never looks at the expiry time, so a cached task is served forever.

Hint: An entry stored at time t is fresh while clock.now() < t + ttl. Use the clock you were given,
never time.time(), so the tests can move it.
"""

from __future__ import annotations

# --- given: a fake clock and a slow store. Use them; do not change them. ---


class FakeClock:
    """A clock that only moves when told to, so tests can jump past a TTL instantly."""

    def __init__(self, now: float = 0.0) -> None:
        self._now = now

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += seconds


class TaskStore:
    """The slow database. ``loads`` counts how often it was read."""

    def __init__(self, tasks: dict[int, dict] | None = None) -> None:
        self._tasks = {task_id: dict(task) for task_id, task in (tasks or {}).items()}
        self.loads = 0

    def load(self, task_id: int) -> dict:
        self.loads += 1
        if task_id not in self._tasks:
            raise LookupError(f"no task with id {task_id}")
        return dict(self._tasks[task_id])

    def save(self, task_id: int, task: dict) -> None:
        self._tasks[task_id] = dict(task)

    def remove(self, task_id: int) -> None:
        self._tasks.pop(task_id, None)


# --- your code ---


class CachedTasks:
    """Tasks read through a cache whose entries live ``ttl`` seconds on ``clock``."""

    def __init__(self, store: TaskStore, clock: FakeClock, ttl: float) -> None:
        if type(ttl) not in (int, float) or ttl <= 0:
            raise ValueError(f"ttl must be a number of seconds above 0, got {ttl!r}")
        self._store = store
        self._clock = clock
        self._ttl = ttl
        self._entries: dict[int, tuple[float, dict]] = {}

    def get(self, task_id: int) -> dict:
        """Return the task, from the cache while it is fresh, else from the store."""
        entry = self._entries.get(task_id)
        if entry is not None:
            return dict(entry[1])
        task = self._store.load(task_id)  # a missing task raises here and is not cached
        self._entries[task_id] = (self._clock.now() + self._ttl, task)
        return dict(task)

    def update(self, task_id: int, task: dict) -> None:
        """Write the task to the store, then forget the cached copy."""
        self._store.save(task_id, task)
        self._entries.pop(task_id, None)

    def delete(self, task_id: int) -> None:
        """Remove the task from the store, then forget the cached copy."""
        self._store.remove(task_id)
        self._entries.pop(task_id, None)
