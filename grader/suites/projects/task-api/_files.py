"""Where the suite's servers keep their databases and logs: one folder per session, in memory when possible.

SQLite makes every commit durable with fsync, which costs tens of milliseconds
on a disk and nothing on a tmpfs (``/dev/shm``); a kill -9 loses nothing
either way, since what was written is in the kernel. A learner's own check
uses the tmpfs when the machine has one. In a batch the servers run in the
sandbox and write on disk, as before, so a submission cannot fill the host's
memory with files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

MEMORY = Path("/dev/shm")
PREFIX = "taskapi-"


class ServerFiles:
    """The session's folder of server files; ``folder(kind)`` makes a fresh one inside it."""

    def __init__(self, root: Path, sandboxed: bool, removable: bool) -> None:
        self.root = root
        self.sandboxed = sandboxed  # the servers run as another uid: their folders must be writable to it
        self.removable = removable  # ours to delete at the end (pytest keeps and cleans its own)

    @classmethod
    def make(cls, tmp_path_factory: pytest.TempPathFactory, programs: Any) -> ServerFiles:
        """In memory for an unsandboxed run on a machine with a tmpfs, else in pytest's temporary folder."""
        sandboxed = programs is not None and getattr(programs, "sandbox", None) is not None
        if not sandboxed and MEMORY.is_dir() and os.access(MEMORY, os.W_OK):
            remove_abandoned(MEMORY)
            with contextlib.suppress(OSError):
                root = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=MEMORY)
                return cls(Path(root), sandboxed=False, removable=True)
        return cls(tmp_path_factory.mktemp("taskapi"), sandboxed, removable=False)

    def folder(self, kind: str) -> Path:
        """A new, empty folder for one fixture's servers."""
        made = Path(tempfile.mkdtemp(prefix=f"{kind}-", dir=self.root))
        if self.sandboxed:
            made.chmod(0o777)  # only this run's sandboxes can reach it
        return made

    def remove(self) -> None:
        if self.removable:
            shutil.rmtree(self.root, ignore_errors=True)


def remove_abandoned(parent: Path) -> None:
    """Delete the folders of runs whose process is gone (killed at the time limit before cleaning up)."""
    for folder in parent.glob(f"{PREFIX}*-*"):
        pid = folder.name[len(PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(folder, ignore_errors=True)
