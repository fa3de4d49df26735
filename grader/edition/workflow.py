"""The GitHub Actions workflow a learner edition carries: grade on every push."""

from __future__ import annotations

from pathlib import Path

WORKFLOW_PATH = Path(".github") / "workflows" / "grade.yml"

# `grader check --all` exits 1 when an exercise is unsolved: that is a grade, not a broken build.
WORKFLOW = """\
name: Grade
on:
  push:
  workflow_dispatch:
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  grade:
    # GitHub Classroom reads the points from the check run of this name.
    name: Autograding Tests
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install the grader
        run: python -m pip install -e .
      - name: Grade every exercise
        env:
          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}
        run: |
          grader check --all --json > grades.json || true
          python -m grader.edition.ci_summary grades.json
"""


def workflow_text() -> str:
    """The workflow file's text."""
    return WORKFLOW
