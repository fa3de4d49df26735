"""Mistake: stop() waits for the item in progress with no limit, so a handler that hangs hangs the shutdown.

Hint: Give join a limit, self._thread.join(timeout), then check self._thread.is_alive(): still
alive means the item is still running, so raise TimeoutError instead of waiting on.
"""

from __future__ import annotations

import collections
import logging
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

log = logging.getLogger(__name__)


class Worker:
    """Runs ``handle(item)`` for each submitted item, one at a time, on a thread of its own."""

    def __init__(self, handle: Callable[[object], None]) -> None:
        self._handle = handle
        self._waiting: collections.deque[object] = collections.deque()
        self._changed = threading.Condition()  # guards _waiting and _stopping
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="worker", daemon=True)

    def start(self) -> None:
        """Start taking items, in the order they were submitted."""
        self._thread.start()

    def submit(self, item: object) -> None:
        """Queue an item; ShuttingDown once stop() has been called."""
        with self._changed:
            if self._stopping:
                raise ShuttingDown(f"the worker is shutting down: {item!r} was refused")
            self._waiting.append(item)
            self._changed.notify()

    def stop(self, timeout: float = 5.0) -> list[object]:
        """Refuse new work, let the item in progress finish, and return the items never started."""
        with self._changed:
            self._stopping = True
            self._changed.notify()  # wake an idle loop now, not at its next poll
        if self._thread.is_alive():
            self._thread.join()
        with self._changed:
            left = list(self._waiting)
            self._waiting.clear()
        return left

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._waiting and not self._stopping:
                    self._changed.wait()
                if self._stopping:
                    return
                item = self._waiting.popleft()
            try:
                self._handle(item)
            except Exception:  # one bad item must not stop the worker: log it and take the next
                log.exception("item %r failed", item)
