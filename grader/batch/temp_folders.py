"""The batch's temporary folders, and removing those a killed batch left behind.

A batch copies every submission into ``grader-batch-*`` and stages each run
in ``grader-run-*`` and ``grader-code-*`` (a cluster worker in
``grader-cluster-*``). A batch killed with SIGKILL cannot remove them. So each
folder holds a lock file that its process keeps locked (``fcntl.flock``) for
as long as the folder is in use; the kernel drops the lock when the process
dies, however it dies. :func:`sweep` removes a folder with one of these
prefixes only when it can take that lock itself: a live batch's folders are
never touched, and neither is a folder without a lock file (made by something
else, or by an older grader). A folder is created under a hidden name, locked,
then renamed into place, so no folder ever carries a prefix without its lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

PREFIXES = ("grader-batch-", "grader-run-", "grader-code-", "grader-cluster-")
LOCK = ".grader-owner.lock"


@contextlib.contextmanager
def owned_folder(prefix: str) -> Iterator[Path]:
    """A new temporary folder named ``prefix...``, locked by this process while in use, then removed."""
    parent = Path(tempfile.gettempdir())
    staging = Path(tempfile.mkdtemp(prefix="." + prefix, dir=parent))
    lock = os.open(staging / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    folder = staging
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        os.write(lock, f"{os.getpid()}\n".encode())
        folder = parent / staging.name[1:]
        os.rename(staging, folder)  # mkdtemp's random part makes the visible name unique too
        yield folder
    finally:
        remove(folder)
        os.close(lock)


def sweep(parent: Path | None = None) -> int:
    """Remove the folders killed batches left in the temporary folder; return how many."""
    parent = parent or Path(tempfile.gettempdir())
    removed = 0
    with contextlib.suppress(OSError):
        for entry in sorted(parent.iterdir()):
            if entry.name.startswith(PREFIXES) and abandoned_removed(entry):
                removed += 1
    return removed


def abandoned_removed(folder: Path) -> bool:
    """Remove ``folder`` if its owner is gone (its lock can be taken); whether it was removed."""
    try:
        info = folder.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
            return False
        lock = os.open(folder / LOCK, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:  # gone, not ours, or no lock file: not a folder this module made
        return False
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # its owner still runs
        os.close(lock)
        return False
    try:
        remove(folder)
    finally:
        os.close(lock)
    return not folder.exists()


def remove(folder: Path) -> None:
    """Remove a folder tree, making read-only folders in it writable first."""

    def writable_then_retry(function: object, path: str, _: object) -> None:
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(path), 0o700)
            if os.path.isdir(path) and not os.path.islink(path):
                os.chmod(path, 0o700)
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)

    shutil.rmtree(folder, onerror=writable_then_retry)  # onerror: Python 3.11 has no onexc
