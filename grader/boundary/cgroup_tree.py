"""Where a grader may make cgroups on this host: found at run time, cgroup v2 or v1, or nowhere.

cgroup v2 is used where the unified hierarchy has the ``memory`` and
``pids`` controllers and a folder we can write: our own cgroup's subtree
(delegated to us) or the root (as root). Otherwise cgroup v1, where the
``pids`` and ``memory`` hierarchies (and ``cpu``, if mounted) each have a
writable folder: next to where we are, or the hierarchy's root. Each
grading process makes one folder, ``backend-path-PID``, in each; a folder
left by a grader that was killed (its pid no longer runs) is emptied and
removed the next time a grader starts.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import time
from dataclasses import dataclass
from pathlib import Path

PREFIX = "backend-path-"
V1_CONTROLLERS = ("pids", "memory", "cpu")  # pids and memory required, cpu if mounted
V2_CONTROLLERS = ("pids", "memory")


@dataclass(frozen=True)
class CgroupTree:
    """This grader's own cgroup folders: one on v2, one per controller on v1 (controller, folder)."""

    version: int
    folders: tuple[tuple[str, str], ...]

    def describe(self) -> str:
        controllers = (
            ", ".join(name for name, _ in self.folders) if self.version == 1 else "pids, memory, cpu"
        )
        places = ", ".join(sorted({str(Path(folder).parent) for _, folder in self.folders}))
        return f"cgroup v{self.version} ({controllers}) under {places}"


def mounts() -> list[tuple[str, str, str, str]]:
    """(mount point, root inside the hierarchy, file system type, super options) of each cgroup mount."""
    found = []
    with contextlib.suppress(OSError), open("/proc/self/mountinfo", encoding="utf-8") as stream:
        for line in stream:
            fields = line.split()
            tail = fields[fields.index("-") + 1 :] if "-" in fields else []
            if len(tail) >= 3 and tail[0] in ("cgroup", "cgroup2"):
                found.append((fields[4], fields[3], tail[0], tail[2]))
    return found


def own_cgroups() -> dict[str, str]:
    """Our own cgroup path per controller ("" for v2's unified hierarchy), from /proc/self/cgroup."""
    own = {}
    with contextlib.suppress(OSError), open("/proc/self/cgroup", encoding="utf-8") as stream:
        for line in stream:
            _, names, path = line.rstrip("\n").split(":", 2)
            for name in names.split(",") if names else [""]:
                own[name] = path
    return own


def candidates(mount: str, root: str, own: str | None) -> list[Path]:
    """Next to where we are (when we are inside this mount), then the hierarchy's root."""
    places = []
    if own is not None and (own == root or own.startswith(root.rstrip("/") + "/")):
        places.append(Path(mount) / own[len(root.rstrip("/")) :].lstrip("/"))
    places.append(Path(mount))
    return list(dict.fromkeys(places))


def make_own_folder(base: Path) -> Path | None:
    """Create ``backend-path-PID`` in ``base`` after reclaiming stale ones; None if not writable."""
    reclaim_stale(base)
    folder = base / f"{PREFIX}{os.getpid()}"
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    weigh_as_processors(folder)
    return folder if os.access(folder / "cgroup.procs", os.W_OK) else None


def weigh_as_processors(folder: Path) -> None:
    """Give the grader's learners together the processor share of one busy process per core.

    A cgroup weighs like one process against its siblings: at the default,
    every learner of a busy host's grader together would get one process's
    share. The learners split this among themselves equally.
    """
    cores = max(2, os.cpu_count() or 1)
    with contextlib.suppress(OSError):
        (folder / "cpu.shares").write_text(str(1024 * cores))  # v1
    with contextlib.suppress(OSError):
        (folder / "cpu.weight").write_text(str(min(10000, 100 * cores)))  # v2


def open_v2() -> CgroupTree | None:
    own = own_cgroups().get("")
    for mount, root, kind, _ in mounts():
        if kind != "cgroup2":
            continue
        for base in candidates(mount, root, own):
            if not set(V2_CONTROLLERS) <= set(read(base / "cgroup.controllers").split()):
                continue
            if not enable_controllers(base):
                continue
            folder = make_own_folder(base)
            if folder is not None and enable_controllers(folder):
                return CgroupTree(2, (("unified", str(folder)),))
    return None


def enable_controllers(folder: Path) -> bool:
    """Let ``folder``'s children be limited (v2): memory and pids, and cpu when offered."""
    offered = read(folder / "cgroup.controllers").split()
    wanted = [name for name in (*V2_CONTROLLERS, "cpu") if name in offered]
    try:
        (folder / "cgroup.subtree_control").write_text(" ".join(f"+{name}" for name in wanted))
    except OSError:
        return False
    return set(V2_CONTROLLERS) <= set(read(folder / "cgroup.subtree_control").split())


def open_v1() -> CgroupTree | None:
    own = own_cgroups()
    folders = []
    for controller in V1_CONTROLLERS:
        found = None
        for mount, root, kind, options in mounts():
            if kind == "cgroup" and controller in options.split(","):
                for base in candidates(mount, root, own.get(controller)):
                    found = found or make_own_folder(base)
        if found is not None:
            folders.append((controller, str(found)))
        elif controller != "cpu":
            for _, folder in folders:
                remove_folder(Path(folder))
            return None
    return CgroupTree(1, tuple(folders))


def open_tree() -> CgroupTree | None:
    """This grader's cgroup folders, v2 preferred; None where neither can be written."""
    if not os.path.isdir("/sys/fs/cgroup"):
        return None
    return open_v2() or open_v1()


def close_tree(tree: CgroupTree) -> None:
    """Empty and remove every folder of ``tree`` (at the end of a batch)."""
    for _, folder in tree.folders:
        remove_folder(Path(folder))


def reclaim_stale(base: Path) -> None:
    """Remove the folders of graders that no longer run (killed before they could)."""
    with contextlib.suppress(OSError):
        for entry in base.iterdir():
            match = re.fullmatch(PREFIX + r"(\d+)", entry.name)
            if match and not running(int(match.group(1))):
                remove_folder(entry)


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_folder(folder: Path, seconds: float = 5.0) -> bool:
    """Kill every process in ``folder`` and below, then remove the folders, deepest first."""
    deadline = time.monotonic() + seconds
    children = [entry for entry in safe_listing(folder) if entry.is_dir()]
    for child in children:
        remove_folder(child, max(0.1, deadline - time.monotonic()))
    with contextlib.suppress(OSError):
        (folder / "cgroup.kill").write_text("1")  # v2 (5.14 and later): all at once
    while True:
        pids = [int(pid) for pid in read(folder / "cgroup.procs").split()]
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        try:
            folder.rmdir()
            return True
        except FileNotFoundError:
            return True
        except OSError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.002)  # the killed are still exiting


def safe_listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii")
    except OSError:
        return ""
