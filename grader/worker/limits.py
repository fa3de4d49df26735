"""Resource limits the worker puts on itself before it loads learner code.

Loaded by path by grader/worker/main.py, outside the grader package: standard library only.
"""

from __future__ import annotations

import contextlib
import os


def apply_limits(memory_mb: int) -> None:
    """Cap processor time, memory, file size and open files where the platform allows it."""
    try:
        import resource
    except ImportError:  # Windows: rely on the parent's timeouts
        return
    caps = [
        # Calls are timed by the trusted side; this only bounds a worker that is never stopped.
        ("RLIMIT_CPU", 120),
        ("RLIMIT_AS", memory_mb * 1024 * 1024),
        ("RLIMIT_FSIZE", 10 * 1024 * 1024),
        ("RLIMIT_NOFILE", 256),
        ("RLIMIT_CORE", 0),
    ]
    tasks = process_cap()
    if tasks is not None:
        caps.append(("RLIMIT_NPROC", tasks))
    for name, cap in caps:
        limit = getattr(resource, name, None)
        if limit is None:
            continue
        try:
            soft, hard = resource.getrlimit(limit)
            if hard != resource.RLIM_INFINITY:
                cap = min(cap, hard)
            resource.setrlimit(limit, (cap, hard))
        except (ValueError, OSError):
            pass


def process_cap(room: int = 64) -> int | None:
    """A cap on this user's processes and threads: what it runs now plus ``room``.

    Linux counts RLIMIT_NPROC per user, over the whole machine, and ignores it
    for root, so the cap is set only for another user, and only where /proc
    lets us count what that user already runs.
    """
    if not hasattr(os, "geteuid") or os.geteuid() == 0:
        return None
    if os.environ.get("GRADER_CGROUP_LIMITS"):  # the batch's sandbox counts them in the learner's cgroup
        return None
    uid = os.geteuid()
    try:
        names = [name for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return None
    running = 0
    for name in names:
        with contextlib.suppress(OSError):
            if os.stat(f"/proc/{name}").st_uid == uid:
                running += len(os.listdir(f"/proc/{name}/task"))
    return running + room
