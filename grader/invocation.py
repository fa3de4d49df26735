"""Say how the learner can run `grader` from the shell they have.

After set-up the learner typed `.venv/bin/grader`; plain `grader` only works
once the environment is activated. Compare the running grader's environment
(``sys.prefix``) with what the shell has active (``VIRTUAL_ENV``, ``PATH``).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def scripts_dir() -> Path:
    return Path(sys.prefix) / ("Scripts" if os.name == "nt" else "bin")


def same_place(first: str | Path, second: str | Path) -> bool:
    try:
        return Path(first).resolve() == Path(second).resolve()
    except OSError:
        return False


def environment_active() -> bool:
    """True when typing `grader` in this shell runs this grader (or no environment is involved)."""
    if sys.prefix == sys.base_prefix:
        return True  # not in a virtual environment: installed where the shell finds it
    active = os.environ.get("VIRTUAL_ENV")
    if active and same_place(active, sys.prefix):
        return True
    found = shutil.which("grader")
    return found is not None and same_place(Path(found).parent, scripts_dir())


def typed(path: Path, cwd: Path | None = None) -> str:
    """A path as the learner would type it here: relative when it is below the current folder."""
    try:
        shown = os.path.relpath(path, cwd or Path.cwd())
    except ValueError:  # another drive on Windows
        return str(path)
    if shown.startswith(".."):
        return str(path)
    return shown if os.sep in shown else f".{os.sep}{shown}"


def grader_command(cwd: Path | None = None) -> str:
    """`grader` when that works here, else the path to this grader's script."""
    if environment_active():
        return "grader"
    return typed(scripts_dir() / ("grader.exe" if os.name == "nt" else "grader"), cwd)


def activate_command(cwd: Path | None = None) -> str:
    """What activates this grader's environment in the learner's shell."""
    if os.name == "nt":
        return typed(scripts_dir() / "activate", cwd)
    return f"source {typed(scripts_dir() / 'activate', cwd)}"
