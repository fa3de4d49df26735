"""Say where a learner call was when its time ran out, before the trusted side stops the worker.

Loaded by path by grader/worker/main.py, outside the grader package: standard library only.
What a look can tell about a loop is in loop_evidence.py, handed to the watch.

A watch thread sleeps while a call runs. Past a share of the call's time limit
it looks at the main thread's innermost frame in the learner's own files; just
before the limit it looks again and sends one ``{"where": ...}`` line: the
file, line and source line, and the loop that line is in. Where the loop is a
``while`` and the same run of the function was seen at both looks, the plain
values its condition reads are compared: unchanged values mean the condition
has not moved towards false. The loop surely never ends, and that is sent at
the second look, before the limit, when besides either the condition reads
nothing else and the body can neither change those names nor leave the loop,
or the whole state of the frame came back the same at the loop's jump back
after the main thread ran on (see ``loop_evidence.settled``).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FIRST_LOOK = 0.2  # the share of the limit after which the first look is taken
SURE_LOOK = 0.4  # the second look: a loop that surely never ends is told of here
LAST_LOOK_MARGIN = 0.25  # seconds before the limit for the last look (at most a fifth of it)
TICK = 0.02  # seconds between the watch thread's glances while calls come
IDLE_AFTER = 1.0  # seconds without a call before the watch thread sleeps until the next


def innermost_learner_frame(frame: Any, folder: str) -> Any:
    """The innermost frame of ``frame``'s stack whose code is in the learner's folder, or None."""
    while frame is not None:
        name = frame.f_code.co_filename
        if not name.startswith("<") and os.path.dirname(os.path.abspath(name)) == folder:
            return frame
        frame = frame.f_back
    return None


class StopWatch:
    """Watch the main thread during calls; send where it was just before a call's limit.

    Waking the watch thread at every call cost more than most calls (two thread
    switches each): instead, while calls come, it wakes every TICK to see whether
    the current call has lasted, and only a call that lasts is watched closely.
    A second without calls puts it back to sleep until the next call.
    """

    def __init__(self, folder: str, send: Any, loops: Any) -> None:
        self.folder = folder
        self.loops = loops  # loop_evidence.py: looks, and what they tell about the loop
        self.send = send  # writes one reply line; shared with the worker, under its lock
        self.main = threading.main_thread().ident
        self.armed = threading.Condition()
        self.call = 0  # changed only by the main thread: a new number at every start and stop
        self.current: tuple[int, float, float] | None = None  # (call, started, limit), set in one store
        self.sleeping = True  # the watch thread waits for a call, with no ticks
        self.watching = 0  # the call the watch thread is watching closely
        threading.Thread(target=self.run, daemon=True).start()

    def start(self, deadline: Any) -> None:
        """Watch the call about to start, whose time runs out at ``deadline`` (time.monotonic)."""
        self.call += 1
        now = time.monotonic()
        left = deadline - now if type(deadline) in (int, float) else 0
        self.current = (self.call, now, left) if left > 0 else None
        if self.sleeping and self.current is not None:
            with self.armed:
                self.armed.notify()

    def stop(self) -> None:
        self.call += 1
        self.current = None
        if self.watching:  # it may be waiting for this call's next look, or about to send
            with self.armed:
                self.armed.notify()

    def run(self) -> None:
        while True:
            with self.armed:
                self.sleeping = True  # before reading current: start() reads it after storing current
                while self.current is None:
                    self.armed.wait()
                self.sleeping = False
            self.tick()

    def tick(self) -> None:
        """Look every TICK whether a call has lasted and watch it; return after IDLE_AFTER without calls."""
        quiet = time.monotonic()
        watched = 0
        while True:
            current, now = self.current, time.monotonic()
            if current is None and now - quiet > IDLE_AFTER:
                return
            if current is not None:
                quiet = now
                call, started, limit = current
                if call != watched and now - started >= TICK:
                    watched = self.watching = call
                    with contextlib.suppress(Exception):  # a failed look says nothing; the watch goes on
                        self.watch(call, limit, started)
                    self.watching = 0
                    continue
            time.sleep(TICK)

    def watch(self, call: int, limit: float, started: float) -> None:
        """Look during one call; send where it is when it surely never ends, or just before its limit."""
        look = self.look() if self.wait_until(call, started + limit * FIRST_LOOK) else None
        if look is not None and self.wait_until(call, started + limit * SURE_LOOK):
            where = self.where(look)
            if where and where.get("loop", {}).get("certain"):  # no need to wait for the limit
                with self.armed:
                    if self.call == call:
                        self.send({"where": where})
                return
        if self.wait_until(call, started + limit - min(LAST_LOOK_MARGIN, limit / 3)):
            where = self.where(look)
            with self.armed:
                if self.call == call and where:
                    self.send({"where": where})

    def wait_until(self, call: int, moment: float) -> bool:
        """Sleep until ``moment``; False when the call ended first."""
        with self.armed:
            while self.call == call and (left := moment - time.monotonic()) > 0:
                self.armed.wait(left)
            return self.call == call

    def look(self) -> Any:
        frame = sys._current_frames().get(self.main)  # type: ignore[arg-type]
        found = innermost_learner_frame(frame, self.folder)
        seconds = self.loops.main_thread_seconds(self.main)
        return self.loops.Look(found, seconds) if found is not None else None

    def where(self, first: Any) -> dict[str, Any] | None:
        """Describe where the call is now, with the loop it is in and what the loop's condition reads."""
        last = self.look()
        if last is None:
            return None
        import linecache

        code = last.frame.f_code
        where: dict[str, Any] = {
            "file": os.path.basename(code.co_filename),
            "line": last.line,
            "function": code.co_name,
            "code": linecache.getline(code.co_filename, last.line).strip()[:200],
        }
        loop = self.loops.enclosing_loop(code.co_filename, last.line)
        if loop is not None and last.turning:  # going round the loop: its first line is where it was
            header = linecache.getline(code.co_filename, loop.lineno).strip()[:200]
            where.update(line=loop.lineno, code=header)
        if loop is not None:
            where["loop"] = self.loops.describe_loop(loop, code.co_filename, first, last)
        return where
