"""Batch grading for instructors: discover submissions, grade them in a sandbox, store, report.

A door: it may import the pipeline and every layer below it, the renderers
and the notebook door's cell extraction. Nothing below the doors imports it.
"""
