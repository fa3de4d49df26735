"""Plug the grader into the platforms instructors use: Gradescope, GitHub Classroom, an LMS.

A door for instructors: it may import the pipeline, the batch door and the
renderers. Nothing below the doors imports it.
"""
