"""Render the weekly record (``grader progress``) as text for a terminal."""

from __future__ import annotations

from datetime import datetime, timedelta

import click

from grader.course.weekly import Solved, WeeklyRecord


def day(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y}"


def mistake_name(mistake: str) -> str:
    return mistake.replace("_", " ")


def weekly_text(record: WeeklyRecord, now: datetime) -> str:
    """Solved, mistakes fixed, where stuck: each section said even when empty, in plain words."""
    last = min(record.end, now) - (timedelta(seconds=1) if record.end <= now else timedelta())
    lines = [click.style(f"Your record from {day(record.start)} to {day(last)}", bold=True)]
    if record.notice:
        lines += ["", record.notice]
    if not record.checks:
        lines += ["", "No checks in this time yet. Pick an exercise and run `grader check` to start."]
        return "\n".join(lines)
    lines += ["", click.style(f"Solved ({len(record.solved)})", bold=True)]
    lines += [solved_line(s, now) for s in record.solved] or ["  nothing yet"]
    lines += ["", click.style("Mistakes you hit and then fixed", bold=True)]
    lines += [f"  {mistake_name(f.mistake)}: {', '.join(f.exercise_ids)}" for f in record.fixed] or ["  none"]
    lines += ["", click.style(f"Where you are stuck ({len(record.stuck)})", bold=True)]
    lines += [
        f"  {s.exercise_id}  {s.title}: {plural(s.attempts, 'attempt')}"
        + (f", latest mistake: {mistake_name(s.latest_mistake)}" if s.latest_mistake else "")
        for s in record.stuck
    ] or ["  nowhere: well done"]
    if record.stuck:
        first = record.stuck[0].exercise_id
        lines += ["", f"Stuck? `grader hint {first}` gives a hint; a short break often helps too."]
    return "\n".join(lines)


def solved_line(solved: Solved, now: datetime) -> str:
    when = day(solved.at.astimezone(now.tzinfo))
    return f"  {solved.exercise_id}  {solved.title}: {when}, after {plural(solved.attempts, 'check')}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
