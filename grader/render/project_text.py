"""A project's standing, milestone by milestone, for the terminal (after a check) and plain text."""

from __future__ import annotations

from grader.course.project_status import ProjectStatus


def project_lines(exercise_id: str, status: ProjectStatus) -> list[str]:
    """The whole project's score and each milestone's: what `grader list` counts, shown after a check."""
    lines = [f"Project {exercise_id}: {status.score:g}/{status.max_score:g} points, {status.state}."]
    for milestone in status.milestones:
        earned = f"{milestone.points:g}/{milestone.max_points:g}"
        lines.append(f"  milestone {milestone.milestone:<3} {earned:>9}  {milestone.state}")
    return lines
