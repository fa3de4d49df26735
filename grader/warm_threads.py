"""Share work among a few threads, each grading with one warm pytest server, the longest work first.

Validate grades every exercise of a course. A thread here keeps one pytest
server (see :func:`grader.pipeline.warm.warm_pytest`) for all the work it
takes, not one per piece, and the threads take the pieces costliest first, so
the long ones do not start last and leave one thread working alone at the end.

``jobs`` threads work throughout. A few spare threads work only while a core
stands idle (:mod:`grader.idle_cores`): runs that mostly wait (a worker's
graceful stop, a retry's back-off) would otherwise leave that core to nothing.
A spare starts after a look at the machine found a core idle (spares look one
at a time), takes the cheapest pieces, which end soon, and goes on while some
of a core still stood idle beside the piece it just did. With ``jobs=1``, or where
idleness cannot be read, there are no spares: one piece at a time, as asked.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Generic, TypeVar

from grader.idle_cores import Cores
from grader.pipeline.warm import warm_pytest

Item = TypeVar("Item")
Result = TypeVar("Result")

SPARE_THREADS = 4  # at most this many beyond ``jobs``, for runs that mostly wait
IDLE_TO_START = 0.75  # cores a look must find idle for a spare to start
# Cores that must still have stood idle over a spare's piece, its own work counted as busy, for it
# to take another: one grading run keeps more than one core busy for a moment (its worker, pytest).
IDLE_TO_GO_ON = 0.25
LOOK_SECONDS = 0.5  # how long a look at the machine lasts


class SharedWork(Generic[Item, Result]):
    """The pieces not yet taken, costliest first, and the results of those done."""

    def __init__(
        self, work: Callable[[Item], Result], items: Sequence[Item], cost: Callable[[Item], float]
    ) -> None:
        self.work = work
        self.items = items
        self.order = deque(sorted(range(len(items)), key=lambda index: -cost(items[index])))
        self.results: dict[int, Result] = {}
        self.lock = threading.Lock()
        self.looking = threading.Lock()  # one spare's look at a time
        self.failed = threading.Event()
        self.drained = threading.Event()  # every piece taken (or work stopped): spares stop looking

    def take(self, pop: Callable[[deque[int]], int]) -> int | None:
        """The next piece from the end ``pop`` takes, or None once none is left or one failed."""
        with self.lock:
            index = pop(self.order) if self.order and not self.failed.is_set() else None
            if index is None:
                self.drained.set()
            return index

    def do(self, index: int) -> None:
        """Do one piece; its error stops every thread taking more."""
        try:
            self.results[index] = self.work(self.items[index])
        except BaseException:
            self.failed.set()
            self.drained.set()
            raise

    def worker(self) -> None:
        """Take pieces, costliest first, until none is left."""
        with warm_pytest():
            while (index := self.take(deque.popleft)) is not None:
                self.do(index)

    def spare(self, cores: Cores) -> None:
        """Take the cheapest pieces while a core stands idle, until none is left."""
        with warm_pytest(start_now=False):
            while not self.drained.is_set():
                with self.looking:
                    idle = cores.look(LOOK_SECONDS, self.drained)
                if idle is None:
                    return
                threshold = IDLE_TO_START
                while idle is not None and idle >= threshold and (index := self.take(deque.pop)) is not None:
                    before = cores.reading()
                    self.do(index)
                    idle, threshold = cores.idle_since(before), IDLE_TO_GO_ON


def map_warm(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    cost: Callable[[Item], float],
    jobs: int,
    cores: Cores | None = None,
) -> list[Result]:
    """``work(item)`` for every item, on ``jobs`` threads and spares; the results are in the items' order.

    The first error stops the threads taking more work and is raised once they have stopped.
    """
    if not items:
        return []
    shared = SharedWork(work, items, cost)
    workers = max(1, min(jobs, len(items)))
    spares = min(SPARE_THREADS, len(items) - workers) if jobs > 1 else 0
    with ThreadPoolExecutor(max_workers=workers + spares) as pool:
        running = [pool.submit(shared.worker) for _ in range(workers)]
        running += [pool.submit(shared.spare, cores or Cores()) for _ in range(spares)]
    for done in running:
        done.result()
    return [shared.results[index] for index in range(len(items))]
