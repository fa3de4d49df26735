"""Plug the grader into the platforms instructors use: Gradescope, GitHub Classroom, an LMS."""
