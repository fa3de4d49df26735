"""`grader doctor`'s report for the terminal: each check with its mark, and how to fix what failed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from grader.render.terminal import COLOURS, symbols

if TYPE_CHECKING:
    from grader.doctor import DoctorReport


def doctor_text(report: DoctorReport) -> str:
    """Each check of the set-up on its own line, then what to do."""
    marks = symbols()
    lines = []
    for check in report.checks:
        status = "passed" if check.ok else ("failed" if check.required else "timeout")
        mark = click.style(marks[status], fg=COLOURS[status], bold=True)
        lines.append(f"{mark} {check.name}: {check.detail}")
        if check.fix:
            lines.append(click.style(f"    How to fix: {check.fix}", fg="cyan"))
    verdict = (
        "Your set-up is ready." if report.ok else "Fix the problems above, then run `grader doctor` again."
    )
    return "\n".join([*lines, "", verdict])
