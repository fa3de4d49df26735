"""Allow `python -m grader`, for when the `grader` script is not on PATH."""

from grader.cli import main

main()
