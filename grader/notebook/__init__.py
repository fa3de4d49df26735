"""The notebook door: generated notebooks, in-kernel checks and saved-notebook extraction.

``from grader.notebook import check, hint, progress`` in a kernel starts recording
the cells the learner runs (see :mod:`grader.notebook.kernel`) and the
grading process for the first check (see :mod:`grader.notebook.standby`). The other
modules (build, extract, run) never import IPython, so importing this package
stays cheap for the terminal.

A door: it may import the pipeline and every layer below it, and the
renderers. Nothing below the doors imports it.
"""

from __future__ import annotations

from typing import Any

KERNEL_NAMES = ("check", "hint", "progress")


def __getattr__(name: str) -> Any:
    # Loaded on first use so `grader notebooks build` never needs IPython.
    if name in KERNEL_NAMES:
        from grader.notebook import kernel, recording

        recording.start_recording()
        kernel.prepare_first_check()
        return getattr(kernel, name)
    raise AttributeError(f"module 'grader.notebook' has no attribute {name!r}")
