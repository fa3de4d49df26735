"""One learner's cgroup: made before their first process starts, emptied and removed after.

It caps the learner's processes all together, children included: a number
of processes (``pids.max``), memory (``memory.max`` on v2,
``memory.limit_in_bytes`` on v1) and an equal share of the processor
(``cpu.weight`` / ``cpu.shares``: a learner with eighty processes gets no
more time than one with one). Its counters say afterwards which limit a
learner reached; :func:`limit_reached` reads them from the folders alone, so
the trusted pytest run, which only knows the sandbox's prefix, can too.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from dataclasses import dataclass
from pathlib import Path

from grader.boundary.cgroup_tree import CgroupTree, read, remove_folder

NAMES = itertools.count()
SANDBOX_TASKS = 8  # bwrap's two processes and the worker's own threads: not the learner's to count


@dataclass(frozen=True)
class Reached:
    """A limit the learner's processes reached, and its value, for a message."""

    limit: str  # "processes" or "memory"
    value: int

    def describe(self) -> str:
        if self.limit == "memory":
            return f"used more than the memory limit ({self.value // (1024 * 1024)} MB for all its processes)"
        return f"reached the limit of {self.value} processes (its own and all it started)"


class LearnerCgroup:
    """Folders for one learner in each of the tree's hierarchies, limits written; ``close`` removes them."""

    def __init__(self, tree: CgroupTree, processes: int, memory_mb: int) -> None:
        name = f"learner-{next(NAMES)}"
        self.folders: tuple[str, ...] = ()
        made = []
        try:
            for controller, parent in tree.folders:
                folder = Path(parent) / name
                folder.mkdir()
                made.append(str(folder))
                write_limits(tree.version, controller, folder, processes, memory_mb)
        except OSError:
            for done in made:
                remove_folder(Path(done))
            raise
        self.folders = tuple(made)

    def close(self) -> None:
        """Kill whatever is left in the cgroup and remove its folders."""
        for folder in self.folders:
            remove_folder(Path(folder))


def write_limits(version: int, controller: str, folder: Path, processes: int, memory_mb: int) -> None:
    memory = str(memory_mb * 1024 * 1024)
    if version == 2:
        (folder / "pids.max").write_text(str(processes + SANDBOX_TASKS))
        (folder / "memory.max").write_text(memory)
        with contextlib.suppress(OSError):
            (folder / "memory.swap.max").write_text("0")
            (folder / "memory.oom.group").write_text("1")  # one process over: all of them stop
            (folder / "cpu.weight").write_text("100")
    elif controller == "pids":
        (folder / "pids.max").write_text(str(processes + SANDBOX_TASKS))
    elif controller == "memory":
        (folder / "memory.limit_in_bytes").write_text(memory)
        with contextlib.suppress(OSError):  # swap counted too, where the kernel accounts it
            (folder / "memory.memsw.limit_in_bytes").write_text(memory)
    elif controller == "cpu":
        (folder / "cpu.shares").write_text("1024")


def counter(text: str, name: str) -> int:
    """The number after ``name`` in a flat keyed file ("max 3", "oom_kill 1")."""
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        if key == name and value.strip().isdigit():
            return int(value)
    return 0


def limit_reached(folders: tuple[str, ...]) -> Reached | None:
    """The limit the processes in these learner folders reached, if any (memory first).

    Memory counts as reached when the kernel killed for it, and also when
    usage met the limit at all (v1's ``memory.failcnt``, v2's ``max`` event):
    at the limit the kernel may reclaim for seconds before it kills, and a
    learner stopped by our time limit meanwhile is still told why.
    """
    for folder in map(Path, folders):
        events = read(folder / "memory.events")
        hits = counter(events, "oom_kill") + counter(events, "max")
        hits += counter(read(folder / "memory.oom_control"), "oom_kill")
        hits += int(read(folder / "memory.failcnt").strip() or 0)
        if hits:
            limit = read(folder / "memory.max") or read(folder / "memory.limit_in_bytes")
            return Reached("memory", int(limit) if limit.strip().isdigit() else 0)
    for folder in map(Path, folders):
        if counter(read(folder / "pids.events"), "max"):
            limit = read(folder / "pids.max").strip()
            return Reached("processes", int(limit) - SANDBOX_TASKS if limit.isdigit() else 0)
    return None


class CgroupPlacer:
    """Makes a learner's cgroups as their sandboxes start (one per sandbox); ``close`` removes them all."""

    def __init__(self, tree: CgroupTree, processes: int, memory_mb: int) -> None:
        self.tree, self.processes, self.memory_mb = tree, processes, memory_mb
        self.made: list[LearnerCgroup] = []
        self.lock = threading.Lock()

    def make(self) -> tuple[str, ...]:
        group = LearnerCgroup(self.tree, self.processes, self.memory_mb)
        with self.lock:
            self.made.append(group)
        return group.folders

    def close(self) -> None:
        with self.lock:
            made, self.made = self.made, []
        for group in made:
            group.close()
