"""Batch grading for instructors: discover submissions, grade them in a sandbox, store, report."""
