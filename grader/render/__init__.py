"""Renderers: one module per output format; none of them grades anything.

They may import the results they show (feedback, course, progress, the batch's
stored results, validate's and doctor's reports), never the pipeline itself.
"""
