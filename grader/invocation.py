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


def grader_command(cwd: Path | None = None) -> str:
    """`grader` when that works here, else the path to this grader's script (relative when shorter)."""
    if environment_active():
        return "grader"
    script = scripts_dir() / ("grader.exe" if os.name == "nt" else "grader")
    try:
        shown = os.path.relpath(script, cwd or Path.cwd())
    except ValueError:  # another drive on Windows
        return str(script)
    if shown.startswith(".."):
        return str(script)
    return shown if os.sep in shown else f".{os.sep}{shown}"
