"""The `grader` commands, grouped by what the learner is doing; grader/cli.py assembles them."""
