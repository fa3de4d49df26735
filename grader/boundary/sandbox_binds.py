"""What a learner's sandbox sees of this machine: bubblewrap's binds for the system, Python and packages."""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

from grader.boundary.process import WORKER_FILES


def system_binds() -> list[str]:
    """/usr read-only, and /bin, /lib... as the symlinks or folders they are on this system."""
    binds = ["--ro-bind", "/usr", "/usr"]
    for name in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(name):
            binds += ["--symlink", os.readlink(name), name]
        elif os.path.isdir(name):
            binds += ["--ro-bind", name, name]
    return binds


def python_binds() -> list[str]:
    """This Python (at the path the worker is started with) and the worker script, read-only."""
    pairs = []
    base = os.path.realpath(sys.base_prefix)
    if not base.startswith("/usr/"):
        pairs.append((base, base))
    pairs.append((os.path.realpath(sys.executable), sys.executable))
    pairs += [(str(path), str(path)) for path in WORKER_FILES]
    binds: list[str] = []
    for source, target in pairs:
        binds += open_parents(target) + ["--ro-bind", source, target]
    return binds


def library_binds() -> list[str]:
    """This environment's installed packages, read-only; our own package (and its hidden suites) hidden."""
    binds: list[str] = []
    if sys.prefix != sys.base_prefix:  # a virtual environment: Python finds its packages by this file
        config = str(Path(sys.prefix) / "pyvenv.cfg")
        binds += open_parents(config) + ["--ro-bind", config, config]
    folders = sorted({sysconfig.get_paths()[key] for key in ("purelib", "platlib")})
    ours = str(Path(__file__).resolve().parent.parent)  # the grader package
    for folder in folders:
        if os.path.isdir(folder):
            binds += open_parents(folder) + ["--ro-bind", folder, folder]
            if ours.startswith(folder + os.sep):  # an installed (not editable) grader
                binds += ["--tmpfs", ours]
    return binds


def open_parents(path: str) -> list[str]:
    """Create ``path``'s missing parents as 0755 folders (bwrap would make them 0700, unreadable)."""
    parents = [str(parent) for parent in reversed(Path(path).parents) if str(parent) not in ("/", "/tmp")]
    if parents and parents[0] == "/usr":
        return []
    return [arg for parent in parents for arg in ("--perms", "0755", "--dir", parent)]
