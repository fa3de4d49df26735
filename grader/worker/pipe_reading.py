"""Read the worker pipe on either side: briefly awake first, then blocking.

The worker loads this file by path, outside the grader package: standard library only.
"""

from __future__ import annotations

import os
import time

TYPE_CHECKING = False  # the worker starts on the learner's clock: no typing import (3 ms)
if TYPE_CHECKING:
    from typing import Any

# How long a reader stays awake before it blocks. Long enough to cover a typical call and the
# checks on the other side (a wake-up from a blocking wait cost 100-250 us on these machines);
# short enough that a long learner call wastes little: at most this much processor per wait.
SPIN_SECONDS = 0.001


def iter_lines(fd: int) -> Any:
    """Yield the request lines arriving on ``fd`` (made non-blocking), until it closes."""
    import select  # only where there is poll (not Windows)

    os.set_blocking(fd, False)
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    buffer, pending = bytearray(1024 * 1024), bytearray()
    while count := read_when_ready(fd, buffer, poller, -1):
        chunk = buffer[:count]
        pending += chunk
        if b"\n" in chunk:  # a large request arrives in many chunks: split once, at its end
            *lines, rest = pending.split(b"\n")
            yield from lines
            pending = bytearray(rest)


def read_when_ready(fd: int, buffer: bytearray, poller: Any, timeout_ms: int) -> int | None:
    """Read from a non-blocking ``fd`` into ``buffer``; the count, or None after ``timeout_ms``.

    Requests and replies usually follow each other within tens of microseconds.
    Waiting for one briefly awake (yielding the processor to anyone who needs it)
    spares the wake-up from a blocking wait, which cost more than the rest of a
    small call. After SPIN_SECONDS the wait blocks. Used by both sides of the pipe.
    """
    give_up = time.perf_counter() + SPIN_SECONDS
    while True:
        try:
            return os.readv(fd, [buffer])
        except BlockingIOError:
            if time.perf_counter() > give_up:
                break
            os.sched_yield()
    while poller.poll(timeout_ms):
        try:
            return os.readv(fd, [buffer])
        except BlockingIOError:  # woken for nothing: wait again
            continue
    return None
