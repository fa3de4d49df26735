"""The `grader` commands, grouped by what the learner is doing; grader/cli.py assembles them.

Each command parses, calls one core function and renders: it may import any
package of the grader; nothing but ``grader.cli`` (and the other doors'
command groups) imports it.
"""
