"""Share work among a few threads, each grading with one warm pytest server, the longest work first.

Validate grades every exercise of a course. A thread here keeps one pytest
server (see :func:`grader.pipeline.warm.warm_pytest`) for all the work it
takes, not one per piece, and the threads take the pieces costliest first, so
the long ones do not start last and leave one thread working alone at the end.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from grader.pipeline.warm import warm_pytest

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_warm(
    work: Callable[[Item], Result], items: Sequence[Item], cost: Callable[[Item], float], jobs: int
) -> list[Result]:
    """``work(item)`` for every item, on ``jobs`` threads; the results are in the items' order.

    The first error stops the threads taking more work and is raised once they have stopped.
    """
    if not items:
        return []
    order = iter(sorted(range(len(items)), key=lambda index: -cost(items[index])))
    results: dict[int, Result] = {}
    lock = threading.Lock()
    failed = threading.Event()

    def take() -> int | None:
        with lock:
            return None if failed.is_set() else next(order, None)

    def thread() -> None:
        with warm_pytest():
            while (index := take()) is not None:
                try:
                    results[index] = work(items[index])
                except BaseException:
                    failed.set()
                    raise

    threads = max(1, min(jobs, len(items)))
    with ThreadPoolExecutor(max_workers=threads) as pool:
        running = [pool.submit(thread) for _ in range(threads)]
    for done in running:
        done.result()
    return [results[index] for index in range(len(items))]
