"""A project's standing, milestone by milestone, for the terminal (after a check) and plain text."""

from __future__ import annotations

from grader.course.project_status import ProjectStatus


def project_lines(exercise_id: str, status: ProjectStatus) -> list[str]:
    """The whole project's score and each milestone's: what `grader list` counts, shown after a check."""
    lines = [f"Project {exercise_id}: {status.score:g}/{status.max_score:g} points, {status.state}."]
    unchecked = [str(m.milestone) for m in status.milestones if m.state == "not checked"]
    for milestone in status.milestones:
        if milestone.state != "not checked":
            earned = f"{milestone.points:g}/{milestone.max_points:g}"
            lines.append(f"  milestone {milestone.milestone:<3} {earned:>9}  {milestone.state}")
    if unchecked:
        lines.append(
            f"  not checked yet: milestone{'s' if len(unchecked) > 1 else ''} {', '.join(unchecked)}"
        )
    return lines
