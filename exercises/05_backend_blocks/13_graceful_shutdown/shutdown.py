"""A worker thread that shuts down gracefully: new work refused, the item in progress finished, in time."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

# --- given: the refusal, a handler that notes what it did, a processor-time meter. Do not change them. ---


class ShuttingDown(RuntimeError):
    """The worker is stopping: it takes no new work."""


class Recorder:
    """A handler for trying a worker out: takes ``seconds`` per item and writes down what happened.

    ``events`` lists ("started", item) and ("finished", item) in the order they
    happened. An item in ``fails`` raises ValueError once started.
    """

    def __init__(self, seconds: float = 0.0, fails: tuple = ()) -> None:
        self.events: list[tuple[str, object]] = []
        self._seconds = seconds
        self._fails = fails
        self._changed = threading.Condition()

    def __call__(self, item: object) -> None:
        self._note("started", item)
        if item in self._fails:
            raise ValueError(f"cannot handle {item!r}")
        time.sleep(self._seconds)
        self._note("finished", item)

    def wait_until(self, event: str, item: object, timeout: float = 5.0) -> bool:
        """Wait until (event, item) has happened; False if it has not within ``timeout`` seconds."""
        with self._changed:
            return self._changed.wait_for(lambda: (event, item) in self.events, timeout)

    def _note(self, event: str, item: object) -> None:
        with self._changed:
            self.events.append((event, item))
            self._changed.notify_all()


def cpu_seconds() -> float:
    """Processor time this whole process has used so far, in seconds."""
    return time.process_time()


# --- your code ---


class Worker:
    """Runs ``handle(item)`` for each submitted item, one at a time, on a thread of its own."""

    def __init__(self, handle: Callable[[object], None]) -> None:
        # TODO: keep the handler; make the waiting items, a way to wake the thread, and the thread itself.
        raise NotImplementedError

    def start(self) -> None:
        """Start taking items, in the order they were submitted."""
        raise NotImplementedError

    def submit(self, item: object) -> None:
        """Queue an item; ShuttingDown once stop() has been called."""
        raise NotImplementedError

    def stop(self, timeout: float = 5.0) -> list[object]:
        """Refuse new work, let the item in progress finish, and return the items never started."""
        raise NotImplementedError
