"""Stop every process a grading run left behind, even those that left its process group.

Killing a process group misses learner processes that called ``setsid()``.
On Linux the trusted process that runs a grading job becomes a child
subreaper, so such a process is re-parented to it (not to PID 1) when its
parent dies; once the job has ended, it kills every child it still has,
round after round, until none is left. Elsewhere only the group kill applies.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import signal
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


@functools.cache
def become_subreaper() -> bool:
    """Make this process adopt its orphaned descendants; False where that is not possible."""
    return set_process_option(PR_SET_CHILD_SUBREAPER, 1)


def set_process_option(option: int, value: int) -> bool:
    """Call Linux's prctl(option, value); False elsewhere or when it fails."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(option, value, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def process_parents() -> dict[int, int]:
    """Map every visible process id to its parent's, read from /proc."""
    parents: dict[int, int] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return parents
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                data = stat.read()
        except OSError:
            continue  # it ended while we looked
        # The command name may hold spaces and parentheses: the fields follow the last ")".
        fields = data[data.rfind(b")") + 2 :].split()
        if len(fields) > 1:
            parents[int(name)] = int(fields[1])
    return parents


def children_of(pid: int) -> list[int] | None:
    """Direct children of ``pid`` from /proc/PID/task/*/children; None where that file is missing."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    found: list[int] = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as listing:
                found.extend(int(child) for child in listing.read().split())
        except FileNotFoundError:
            return None
        except OSError:
            continue  # that thread ended while we looked
    return found


def descendants(parents: dict[int, int], roots: list[int]) -> list[int]:
    """Every process below ``roots`` (roots included), parents before children."""
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    found, queue = [], list(roots)
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def kill_children(keep: frozenset[int] = frozenset(), seconds: float = 5.0) -> int:
    """Kill every child of this process not in ``keep`` and all their descendants; reap them.

    Return how many processes were signalled. A fork bomb keeps forking while
    we kill, so this repeats until no child is left or ``seconds`` pass.
    """
    me = os.getpid()
    signalled = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        direct = children_of(me)  # cheap; a scan of every process only when needed
        if direct is not None and not [pid for pid in direct if pid not in keep]:
            break
        parents = process_parents()
        strays = [pid for pid, parent in parents.items() if parent == me and pid not in keep]
        if not strays:
            break
        for pid in descendants(parents, strays):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                signalled += 1
        for pid in strays:
            with contextlib.suppress(OSError):
                os.waitpid(pid, os.WNOHANG)
        time.sleep(0.002)
    return signalled
