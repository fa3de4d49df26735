"""Turn `grader check --all --json` into a job summary and the points line GitHub Classroom reads.

Run as ``python -m grader.edition.ci_summary grades.json``. The markdown table goes
to ``$GITHUB_STEP_SUMMARY`` when set; stdout gets ``Points N/M`` and a ``::notice``
annotation; with a token, the points go to GitHub Classroom's check run
(:mod:`grader.edition.classroom`).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from grader.edition.classroom import ClassroomError, report_points


def points_line(results: list[dict[str, Any]]) -> str:
    """``Points N/M`` over every exercise, rounded to two places."""
    earned = sum(float(r.get("score", 0)) for r in results)
    total = sum(float(r.get("max_score", 0)) for r in results)
    return f"Points {earned:g}/{total:g}"


def summary_markdown(results: list[dict[str, Any]]) -> str:
    """A markdown table: one row per exercise, then the total."""
    lines = ["## Grades", "", "| Exercise | Status | Score |", "| --- | --- | --- |"]
    for result in results:
        score = f"{float(result.get('score', 0)):g} / {float(result.get('max_score', 0)):g}"
        lines.append(f"| {result.get('exercise_id', '?')} | {result.get('status', '?')} | {score} |")
    lines += ["", f"**{points_line(results)}**", ""]
    return "\n".join(lines)


def read_results(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValueError("expected the JSON list `grader check --all --json` prints")
    return data


def main(argv: list[str]) -> int:
    """Write the summary; exit 2 with a message when the grades cannot be read."""
    if len(argv) != 1:
        print("usage: python -m grader.edition.ci_summary grades.json", file=sys.stderr)
        return 2
    try:
        results = read_results(Path(argv[0]))
    except (OSError, ValueError) as error:
        print(f"ci_summary: cannot read the grades in {argv[0]}: {error}", file=sys.stderr)
        return 2
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(summary_markdown(results))
    line = points_line(results)
    print(line)
    print(f"::notice title=Autograding complete::{line}")
    if os.environ.get("GITHUB_TOKEN"):
        try:
            report_points(os.environ, line)
            print("Reported the points to GitHub Classroom.")
        except ClassroomError as error:
            # A grade that cannot reach Classroom is still a grade: warn, do not fail the run.
            print(f"::warning title=GitHub Classroom::could not report the points: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
