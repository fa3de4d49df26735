"""Allow `python -m grader`, for when the `grader` script is not on PATH."""

from grader.launch import main

main()
