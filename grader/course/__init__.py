"""What the course is and where the learner stands in it: the manifest, the workspace, starters.

Holds the manifest's models (``manifest``), the learner's course folder and
progress (``workspace``), starters and reference solutions (``restore``,
``starter``), which suite files are instructor-only (``edition_marker``) and the
check that graded files are readable text (``source_text``).

May import: the standard library and ``grader.course`` only. Everything else in
the grader stands on it.
"""
