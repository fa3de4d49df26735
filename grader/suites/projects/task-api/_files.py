"""Where the suite's servers keep their databases and logs: one folder per session, a fresh one per fixture.

One folder holds them all, so a spare server (``_spares``), started before it
knows which test it will serve, may be allowed to write there in a sandbox.
It stays on disk: SQLite's fsync at each commit is part of the time a race
test's requests overlap in, and on a tmpfs the known-wrong race variants
were caught less often (3 of 6 runs instead of 6 of 6).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


class ServerFiles:
    """The session's folder of server files; ``folder(kind)`` makes a fresh one inside it."""

    def __init__(self, root: Path, sandboxed: bool) -> None:
        self.root = root
        self.sandboxed = sandboxed  # the servers run as another uid: their folders must be writable to it
        self.made = 0

    @classmethod
    def make(cls, tmp_path_factory: pytest.TempPathFactory, programs: Any) -> ServerFiles:
        """A new folder in pytest's temporary folder (``programs``: a sandbox's, or None)."""
        sandboxed = getattr(programs, "sandbox", None) is not None
        return cls(tmp_path_factory.mktemp("taskapi"), sandboxed)

    def folder(self, kind: str) -> Path:
        """A new, empty folder for one fixture's servers."""
        self.made += 1
        made = self.root / f"{kind}-{self.made}"
        made.mkdir()
        if self.sandboxed:
            made.chmod(0o777)  # only this run's sandboxes can reach it
        return made
