"""Sandbox uids unique on the host: each grading slot leases one for as long as it lives.

The kernel counts RLIMIT_NPROC per uid over the whole machine, so two slots
that share a uid share a process limit, even across grading processes
(batches, cluster workers, tests). A slot leases a uid by holding an
exclusive ``flock`` on that uid's lock file in a state folder of the host:
a grader that is killed loses its locks with its last file descriptor, so
its uids are free again at once. A uid some process already runs as (a
grader that does not lease, an older version) is skipped too.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from pathlib import Path

FIRST_UID = 62000  # sandbox uids are FIRST_UID .. FIRST_UID + UID_COUNT - 1
UID_COUNT = 1000
STATE_FOLDERS = (Path("/run/backend-path"), Path("/var/tmp/backend-path"), Path("/tmp/backend-path"))


class NoFreeUid(OSError):
    """No sandbox uid can be leased (all in use, or no state folder); the message says why."""


def state_folder() -> Path:
    """The first state folder of the host that can be made and written (shared by every grader)."""
    for folder in STATE_FOLDERS:
        try:
            (folder / "uids").mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder / "uids", os.W_OK):
            return folder
    raise NoFreeUid(
        f"None of {', '.join(map(str, STATE_FOLDERS))} is writable: no sandbox uid can be leased."
    )


def uids_in_use() -> set[int]:
    """The real uids of every running process, read from /proc."""
    found = set()
    with contextlib.suppress(OSError):
        for name in os.listdir("/proc"):
            if name.isdigit():
                with contextlib.suppress(OSError):
                    found.add(os.stat(f"/proc/{name}").st_uid)
    return found


class UidLease:
    """One leased uid; ``release`` (or the process's end) gives it back."""

    def __init__(self, uid: int, handle: int) -> None:
        self.uid = uid
        self._handle: int | None = handle

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)  # closing the only descriptor drops the lock
            self._handle = None


_LEASING = threading.Lock()  # flock is per open file: this process's threads also take turns


def lease_uid(start: int = 0) -> UidLease:
    """Lease the first free uid at or after ``FIRST_UID + start`` (wrapping round the range)."""
    folder = state_folder() / "uids"
    with _LEASING:
        busy = uids_in_use()
        for step in range(UID_COUNT):
            uid = FIRST_UID + (start + step) % UID_COUNT
            if uid in busy:
                continue
            handle = os.open(folder / str(uid), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(handle)
                continue
            return UidLease(uid, handle)
    raise NoFreeUid(f"All {UID_COUNT} sandbox uids from {FIRST_UID} are in use on this host: stop a grader.")
